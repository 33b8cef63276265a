"""Makes the upgrade fixture with the PREVIOUS release's binary (see README.md in this folder).

    python make_fixture.py --binary /path/to/previous/chitieu --out Tests/Fixtures/upgrade \
        [--postgres postgres://chitieu:chitieu@127.0.0.1:5432/chitieu_fixture?sslmode=disable]

For each database: a first `serve` (plan, demo units, first administrator), `chitieu demo --reports` (demo accounts,
demo tasks, two cycles of demo reports submitted and approved), then through the API, as each role would: a report
returned by the coordinator, one sent back and signed again by the unit head, a lead office's draft with
values, a task update and funding lines, the text of the report to UBND tỉnh; then the older cycle closed (its
reports locked). The server
is stopped, `chitieu audit verify` must pass, and the database (SQLite file, or `pg_dump -Fc`), its change-log key and
anchor and the row counts of every table (`expected.json`, counted with sqlite3 / psql, not with chitieu) are written.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

REPO_ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class App:
    def __init__(self, binary: Path, env: dict[str, str]):
        self.binary, self.env = binary, env

    def run(self, *args: str) -> str:
        result = subprocess.run([str(self.binary), *args], cwd=REPO_ROOT, env=self.env, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            sys.exit(f"chitieu {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def token(self, email: str) -> dict[str, str]:
        token = self.run("user", "token", "--email", email, "--write", "--name", "fixture").strip().splitlines()[-1].strip()
        return {"Authorization": f"Bearer {token}"}


def fill(binary: Path, env: dict[str, str]) -> None:
    app = App(binary, env)
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    server = subprocess.Popen([str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)], cwd=REPO_ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(url + "/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        else:
            sys.exit(f"serve did not start: {Path(log.name).read_text()}")
        app.run("demo", "--reports")
        coordinator = app.token("dieuphoi@demo.chitieu.local")
        reporter = app.token("donvi@demo.chitieu.local")
        head = app.token("thutruong@demo.chitieu.local")
        office = app.token("phongchutri@demo.chitieu.local")

        def call(method: str, path: str, headers: dict[str, str], body=None, expect=200):
            answer = requests.request(method, url + path, headers=headers, json=body, timeout=60)
            if answer.status_code != expect:
                sys.exit(f"{method} {path}: {answer.status_code} {answer.text[:500]}")
            return answer.json() if answer.content else None

        cycles = sorted(call("GET", "/api/v1/cycles", coordinator), key=lambda c: c["period"])
        older, latest = cycles[-2], cycles[-1]
        reports = call("GET", f"/api/v1/reports?cycle={latest['id']}", coordinator)
        approved = sorted((r for r in reports if r["state"] == "approved"), key=lambda r: r["organisation"])
        by_org = {r["organisation"]: r for r in reports}
        # MAU-BVDK-A: returned by the coordinator, submitted again by its reporter, signed by its head.
        own = by_org["MAU-BVDK-A"]
        call("POST", f"/api/v1/reports/{own['id']}/return", coordinator, {"reason": "Đề nghị kiểm tra lại số liệu (dữ liệu MẪU)."})
        current = call("GET", f"/api/v1/reports/{own['id']}", reporter)
        current = call("POST", f"/api/v1/reports/{own['id']}/submit", reporter,
                       {"version": current["report"]["version"], "results": "Đã kiểm tra lại (dữ liệu MẪU)."})
        call("POST", f"/api/v1/reports/{own['id']}/sign", head, {"version": current["report"]["version"]})
        others = [r for r in approved if r["organisation"] != "MAU-BVDK-A"]
        call("POST", f"/api/v1/reports/{others[0]['id']}/return", coordinator, {"reason": "Thiếu số liệu chỉ tiêu (dữ liệu MẪU)."})
        # The lead office's own report: a draft with values.
        bhyt = by_org.get("BHYT")
        if bhyt:
            full = call("GET", f"/api/v1/reports/{bhyt['id']}", office)
            draft = {}
            for entry in full["values"]:
                if entry["measure"] == "ratio" and len(draft) < 3:
                    draft[entry["indicator"]] = {"numerator": 12, "denominator": 40, "comment": "Số liệu MẪU"}
                elif entry["measure"] == "count" and len(draft) < 5:
                    draft[entry["indicator"]] = {"amount": 3, "comment": "Số liệu MẪU"}
            call("PUT", f"/api/v1/reports/{bhyt['id']}", office,
                 {"version": full["report"]["version"], "results": "Bản nháp (dữ liệu MẪU).", "values": draft})
        # A task update and funding lines of the demo hospital, in the open cycle.
        tasks = call("GET", "/api/v1/tasks", coordinator)
        task_list = tasks["tasks"] if isinstance(tasks, dict) else tasks
        mine = [t for t in task_list if t.get("lead") == "MAU-BVDK-A"]
        if mine:
            call("POST", f"/api/v1/tasks/{mine[0]['id']}/updates", reporter,
                 {"status": "inProgress", "progress": 40, "comment": "Đang triển khai (dữ liệu MẪU)."}, expect=201)
        call("PUT", "/api/v1/funding", reporter, {"lines": [{"source": "stateBudget", "planned": 150000000, "spent": 42000000},
                                                           {"source": "ownRevenue", "planned": 30000000, "spent": 0}]})
        # The text of the report to UBND tỉnh for the older period.
        text = call("GET", f"/api/v1/evaluation/report?period={older['period']}", coordinator)
        text.update({"number": "12", "shortcomings": "Tồn tại (dữ liệu MẪU).", "proposals": "Đề xuất (dữ liệu MẪU)."})
        call("PUT", f"/api/v1/evaluation/report?period={older['period']}", coordinator, text)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    if older.get("state") != "closed":
        app.run("cycles", "close", older["period"])
    print(app.run("audit", "verify").strip())


def counts_sqlite(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


def psql(url: str, sql: str) -> str:
    return subprocess.run(["psql", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True, capture_output=True, text=True).stdout


def counts_postgres(url: str) -> dict[str, int]:
    tables = psql(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name").split()
    return {table: int(psql(url, f'SELECT COUNT(*) FROM "{table}"').strip()) for table in tables}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--postgres")
    options = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_PATH", "AUDIT_KEY_FILE", "SMTP_HOST", "PUBLIC_URL")}
    base.update({"BCRYPT_COST": "4", "REMINDER_CHECK_MINUTES": "0"})
    options.out.mkdir(parents=True, exist_ok=True)
    expected = {}
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "chitieu.sqlite"
        fill(options.binary, {**base, "DATABASE_PATH": str(database)})
        with sqlite3.connect(database) as db:  # one self-contained file, no WAL beside it
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("VACUUM")
        shutil.copy(database, options.out / "sqlite.db")
        shutil.copy(Path(folder) / "chitieu-audit.key", options.out / "sqlite.fixture-key")
        shutil.copy(Path(folder) / "chitieu-audit.anchor", options.out / "sqlite.fixture-anchor")
        expected["sqlite"] = counts_sqlite(database)
    if options.postgres:
        with tempfile.TemporaryDirectory() as folder:
            key = Path(folder) / "pg-audit.key"
            fill(options.binary, {**base, "DATABASE_URL": options.postgres, "AUDIT_KEY_FILE": str(key)})
            target = urlsplit(options.postgres)
            subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(options.out / "postgres.dump"),
                            options.postgres.split("?")[0]], check=True, env={**os.environ, "PGPASSWORD": target.password or ""})
            shutil.copy(key, options.out / "postgres.fixture-key")
            shutil.copy(Path(folder) / "pg-audit.anchor", options.out / "postgres.fixture-anchor")
            expected["postgres"] = counts_postgres(options.postgres.split("?")[0])
    (options.out / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
    print(json.dumps(expected, indent=1))


if __name__ == "__main__":
    main()
