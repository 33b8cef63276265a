"""Shared pieces of the reliability checks (issue 14): a database of either kind, servers killed and restarted,
generated units, accounts and tokens, and the database checks that follow a crash.

SQLite runs always; PostgreSQL when `E2E_POSTGRES_URL` names a database these checks may wipe (each test drops and
recreates its `public` schema). `.ci/run` sets it. Sizes are bounded for CI; see RELIABILITY.md for the long runs.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from conftest import RUNNING_SERVERS, REPO_ROOT, Server, app_environment, chitieu_binary, form_csrf, session_csrf, start_server, wait_until_healthy

POSTGRES_URL = os.environ.get("E2E_POSTGRES_URL", "")
KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES_URL, reason="E2E_POSTGRES_URL is not set"))]


VIETNAM = timezone(timedelta(hours=7))


def ended_period(today: date) -> str:
    """The half-year reporting period that ended last before `today` (its report can be due now)."""
    if 5 <= today.month <= 10:
        return f"{today.year}NovS1"
    return f"{today.year if today.month >= 11 else today.year - 1}NovS2"


def environment_number(name: str, default: int) -> int:
    """A size from the environment (the long versions), else the CI default."""
    text = os.environ.get(name, "")
    return int(text) if text.isdigit() and int(text) > 0 else default


@dataclass
class Database:
    """The database of one test: a SQLite file in its folder, or the wiped PostgreSQL database."""

    kind: str
    folder: Path

    @property
    def sqlite_path(self) -> Path:
        return self.folder / "app" / "chitieu.sqlite"

    def environment(self) -> dict[str, str]:
        return {"DATABASE_URL": POSTGRES_URL} if self.kind == "postgresql" else {}

    def wipe(self) -> None:
        if self.kind == "postgresql":
            psql(POSTGRES_URL, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;")

    def rows(self, sql: str) -> list[tuple[str, ...]]:
        """The rows of a query, every field as text (None for NULL on SQLite, '' on PostgreSQL)."""
        if self.kind == "sqlite":
            with sqlite3.connect(self.sqlite_path, timeout=60) as connection:
                return [tuple(None if v is None else str(v) for v in row) for row in connection.execute(sql)]
        out = psql(POSTGRES_URL, sql, "-At", "-F", "\t")
        return [tuple(line.split("\t")) for line in out.splitlines() if line]

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity_check and foreign_key_check; on PostgreSQL, amcheck over every index (as the postgres
        superuser, when this runs as root) and the planner's view of every table (a full scan of each)."""
        if self.kind == "sqlite":
            problems = [row[0] for row in self.rows("PRAGMA integrity_check") if row[0] != "ok"]
            return problems + [f"foreign key: {row}" for row in self.rows("PRAGMA foreign_key_check")]
        problems = []
        for (table,) in self.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"):
            self.rows(f'SELECT count(*) FROM "{table}"')  # reads every page of the table
        if os.geteuid() == 0:
            database = urlsplit(POSTGRES_URL).path.lstrip("/")
            check = ("CREATE EXTENSION IF NOT EXISTS amcheck; "
                     "SELECT c.relname, bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                     "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam "
                     "WHERE n.nspname = 'public' AND a.amname = 'btree';")
            result = subprocess.run(["su", "postgres", "-c", f"psql -v ON_ERROR_STOP=1 -At -d {database}"], input=check,
                                    capture_output=True, text=True, cwd="/tmp", timeout=300)
            if result.returncode != 0:
                problems.append(f"amcheck: {result.stderr.strip()}")
        return problems


def psql(url: str, sql: str, *options: str) -> str:
    result = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", *options, "-c", sql], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"psql: {result.stderr}"
    return result.stdout


def open_database(kind: str, folder: Path) -> Database:
    folder.mkdir(parents=True, exist_ok=True)
    database = Database(kind, folder)
    database.wipe()
    return database


def start(database: Database, extra: dict[str, str] | None = None) -> Server:
    """A first `serve` on the database (setup, demo accounts), as conftest's servers."""
    return start_server(database.folder / "app", {**database.environment(), **(extra or {})})


def launch(server: Server, prefix: list[str] | None = None, extra: dict[str, str] | None = None, port: int | None = None,
           wait: bool = True) -> Server:
    """Another `serve` on the same database as `server`: on its port (after a crash) or on `port`, optionally under a
    wrapper such as faketime; waits until it answers unless told not to."""
    port = port or urlsplit(server.url).port
    log_path = server.log_path.with_name(f"server-{port}-{int(time.time() * 1000)}.log")
    environment = app_environment(server.chitieu.database_path, {**server.chitieu.extra_environment, **(extra or {})})
    with log_path.open("w") as log:
        process = subprocess.Popen([*(prefix or []), str(chitieu_binary()), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                                   cwd=REPO_ROOT, env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    RUNNING_SERVERS.add(process.pid)
    again = Server(f"http://127.0.0.1:{port}", process, log_path, server.chitieu, server.accounts, server.first_admin)
    if wait:
        healthy(again)
    return again


def healthy(server: Server) -> None:
    assert wait_until_healthy(server), f"the server did not come up:\n{server.log_tail()}"


def children(process: subprocess.Popen) -> list[int]:
    try:
        return [int(pid) for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    except OSError:
        return []


def stop_wrapped(server: Server) -> None:
    """Stops a server started under a wrapper that forks it (faketime): the server first, then the wrapper."""
    for pid in children(server.process):
        os.kill(pid, signal.SIGINT)
    server.process.wait(timeout=60)
    RUNNING_SERVERS.discard(server.process.pid)


def kill(process: subprocess.Popen) -> None:
    """kill -9, then reap."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    RUNNING_SERVERS.discard(process.pid)


def admin(server: Server) -> requests.Session:
    """The demo administrator's session, with its CSRF header for the API."""
    session = server.session("admin")
    session.headers["X-CSRF-Token"] = session_csrf(server, session)
    return session


def add_units(server: Server, prefix: str, count: int) -> list[str]:
    """`count` generated demo units (`chitieu orgs import`), all of one kind: each reports the same indicators."""
    codes = [f"{prefix}-{number:04d}" for number in range(1, count + 1)]
    rows = "".join(f"{code},Đơn vị thử tải {code} (mẫu),districtHealthCentre,yes,SYT\n" for code in codes)
    path = server.log_path.parent / f"{prefix}.csv"
    path.write_text("code,name,kind,medical,parent\n" + rows, encoding="utf-8")
    result = server.chitieu("orgs", "import", str(path))
    assert result.returncode == 0, result.stderr
    return codes


def reporter_tokens(server: Server, session: requests.Session, codes: list[str], threads: int = 8) -> dict[str, str]:
    """A service account (unit reporter) and a write token for each unit, made through the administrator's API and
    user page: organisation code → token."""
    from concurrent.futures import ThreadPoolExecutor

    def one(code: str) -> tuple[str, str]:
        created = session.post(server.url + "/api/v1/users", json={"email": f"{code.lower()}@thu-tai.local", "name": f"Cán bộ {code}",
                                                                   "role": "unitReporter", "organisation": code, "service": "true"}, timeout=60)
        assert created.status_code == 201, f"creating the account of {code}: {created.status_code} {created.text[:300]}"
        user = created.json()["id"]
        page = session.post(f"{server.url}/admin/users/{user}/tokens", data={"name": "thử tải", "scope": "write", "days": "30",
                                                                            "csrf": session.headers["X-CSRF-Token"]}, timeout=60)
        assert page.status_code == 200, f"token of {code}: {page.status_code}"
        token = next((word for word in page.text.replace("<", " ").replace(">", " ").split() if word.startswith("ct_")), None)
        assert token, f"no token on the page for {code}"
        return code, token

    with ThreadPoolExecutor(threads) as pool:
        return dict(pool.map(one, codes))


def open_cycle(session: requests.Session, server: Server, period: str, **fields) -> dict:
    created = session.post(server.url + "/api/v1/cycles", json={"period": period, **fields}, timeout=60)
    assert created.status_code in (200, 201), f"creating {period}: {created.status_code} {created.text[:300]}"
    cycle = created.json()["id"]
    opened = session.post(f"{server.url}/api/v1/cycles/{cycle}/open", timeout=300)
    assert opened.status_code == 200, f"opening {period}: {opened.status_code} {opened.text[:300]}"
    return opened.json()


def reports(session: requests.Session, server: Server, cycle: str) -> dict[str, dict]:
    """Organisation code → its report summary in the cycle."""
    listed = session.get(server.url + "/api/v1/reports", params={"cycle": cycle}, timeout=120)
    assert listed.status_code == 200, listed.text[:300]
    return {report["organisation"]: report for report in listed.json()}


def scales(server: Server, session: requests.Session) -> dict[str, list[str]]:
    """Indicator code → its level scale (empty for other measures)."""
    answer = session.get(server.url + "/api/v1/indicators", timeout=60)
    assert answer.status_code == 200, answer.text[:300]
    return {indicator["code"]: indicator["scale"] for indicator in answer.json()}


def full_values(report: dict, levels: dict[str, list[str]], seed: int) -> dict[str, dict]:
    """A value for every indicator of a report that passes a submission's checks, from the indicator's measure."""
    values = {}
    for value in report["values"]:
        measure = value["measure"]
        if measure == "ratio":
            values[value["indicator"]] = {"numerator": seed % 50 + 1, "denominator": 100}
        elif measure == "count":
            values[value["indicator"]] = {"amount": seed % 50 + 1}
        elif measure == "shareOfUnits":
            values[value["indicator"]] = {"answer": seed % 2 == 0}
        else:
            values[value["indicator"]] = {"level": levels[value["indicator"]][seed % len(levels[value["indicator"]])]}
    return values


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def audit_verify(server: Server) -> subprocess.CompletedProcess[str]:
    return server.chitieu("audit", "verify")
