"""Running it for real (issue 14, parts 3, 4, 6, 7): backup and restore while serving, /metrics, JSON logs with
request ids, graceful shutdown on SIGTERM, and `chitieu doctor`, against the built binary (CHITIEU_BIN).
The PostgreSQL halves of backup, restore and upgrade run in the Swift tests (Tests/AppTests/Operations)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests

from conftest import Chitieu, chitieu_binary, form_csrf, start_server

METRICS_TOKEN = "e2e-metrics-token-0123456789abcdef"


def token(server, role_email: str) -> dict[str, str]:
    result = server.chitieu("user", "token", "--email", role_email, "--write", "--name", "e2e-ops")
    assert result.returncode == 0, result.stderr
    return {"Authorization": "Bearer " + result.stdout.strip().splitlines()[-1].strip()}


def test_backup_while_writing_restores_whole_and_verifies(tmp_path):
    # setup: a server, and a writer adding organisations through the API while the backup runs
    server = start_server(tmp_path / "live")
    admin = token(server, server.accounts["admin"][0])
    written: list[int] = []
    stop = threading.Event()

    def writer():
        index = 0
        while not stop.is_set() and index < 400:
            answer = requests.post(server.url + "/api/v1/organisations", headers=admin, timeout=30, json={
                "code": f"E2E-{index}", "name": f"Đơn vị thử {index} (mẫu)", "kind": "otherUnit", "medical": "no", "parent": "SYT"})
            assert answer.status_code in (200, 201), answer.text[:300]
            written.append(index)
            index += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        time.sleep(1.0)
        # act
        backup = tmp_path / "chitieu-backup.sqlite"
        made = server.chitieu("backup", str(backup))
    finally:
        time.sleep(0.5)
        stop.set()
        thread.join(timeout=60)
        server.stop()
    assert made.returncode == 0, made.stderr
    entries = int(re.search(r"nhật ký thay đổi (\d+) mục", made.stdout).group(1))
    # restore into a new, empty place with a copy of the key, as README says to test a restore
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    key = scratch / "chitieu-audit.key"
    key.write_bytes((tmp_path / "live" / "chitieu-audit.key").read_bytes())
    restore = Chitieu(chitieu_binary(), scratch / "chitieu.sqlite")
    restored = restore("restore", str(backup))
    verified = restore("audit", "verify")
    again = restore("restore", str(backup))
    # validate
    assert restored.returncode == 0, restored.stderr
    assert f"nhật ký thay đổi {entries} mục" in restored.stdout
    assert verified.returncode == 0 and f"{entries} mục" in verified.stdout, verified.stdout + verified.stderr
    units = [line for line in restore("orgs", "list").stdout.splitlines() if line.startswith("E2E-")]
    assert 0 < len(units) <= len(written), f"{len(units)} restored of {len(written)} written"
    assert sorted(int(line.split("\t")[0][4:]) for line in units) == list(range(len(units))), "a write in the middle is missing"
    assert again.returncode == 1 and "không trống" in again.stderr and "--force" in again.stderr


def test_metrics_need_the_token_and_count_requests(tmp_path):
    # setup
    server = start_server(tmp_path / "app", {"METRICS_TOKEN": METRICS_TOKEN})
    try:
        for _ in range(2):
            server.anonymous_get("/health")
        # act
        anonymous = server.anonymous_get("/metrics")
        scraped = server.anonymous_get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    finally:
        server.stop()
    # validate
    assert anonymous.status_code == 401 and "chitieu_" not in anonymous.text
    assert scraped.status_code == 200
    counted = re.search(r'^chitieu_http_requests_total\{method="GET",route="/health",status="200"\} (\d+)$', scraped.text, re.M)
    assert counted and int(counted.group(1)) >= 2, scraped.text[:1500]
    assert re.search(r'^chitieu_audit_chain_length \d+$', scraped.text, re.M)
    assert "# TYPE chitieu_http_request_duration_seconds histogram" in scraped.text


def test_json_logs_carry_the_request_id(tmp_path):
    # setup
    server = start_server(tmp_path / "app", {"LOG_FORMAT": "json"})
    try:
        # act
        answer = server.anonymous_get("/health", headers={"X-Request-Id": "e2e-ops-7"})
        time.sleep(0.5)
    finally:
        server.stop()
    # validate
    assert answer.headers["X-Request-Id"] == "e2e-ops-7"
    lines = [json.loads(line) for line in server.log_path.read_text().splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == "e2e-ops-7"]
    assert {line["message"] for line in mine} >= {"GET /health", "request finished"}, mine
    finished = next(line for line in mine if line["message"] == "request finished")
    assert finished["status"] == "200" and finished["route"] == "/health" and finished["level"] == "info"


def slow_sign_in(server) -> tuple[socket.socket, bytes]:
    """Starts POST /login (valid demo credentials) with only half its body sent; returns the socket and the rest."""
    session = requests.Session()
    page = session.get(server.url + "/login", timeout=30)
    email, password = server.accounts["admin"]
    body = urlencode({"email": email, "password": password, "csrf": form_csrf(page.text), "next": "/"}).encode()
    host, port = server.url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=30)
    head = (f"POST /login HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nCookie: chitieu_csrf={session.cookies.get('chitieu_csrf')}\r\nConnection: close\r\n\r\n")
    half = len(body) // 2
    connection.sendall(head.encode() + body[:half])
    return connection, body[half:]


def test_sigterm_finishes_the_request_in_flight_then_exits(tmp_path):
    # setup: a sign-in whose body is still arriving when SIGTERM comes
    server = start_server(tmp_path / "app", {"SHUTDOWN_GRACE_SECONDS": "10"})
    connection, rest = slow_sign_in(server)
    time.sleep(0.5)
    # act
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    time.sleep(1.5)
    connection.sendall(rest)
    answer = connection.recv(4096).decode(errors="replace")
    connection.close()
    code = server.process.wait(timeout=15)
    took = time.monotonic() - started
    # validate: the request was answered (signed in: 303 to /), and the process ended cleanly, soon
    assert answer.startswith("HTTP/1.1 303"), answer[:300]
    assert code == 0 and took < 10, f"exit {code} after {took:.1f} s"


def test_sigterm_gives_up_on_a_stuck_request_after_the_grace_period(tmp_path):
    # setup: a request that never finishes sending its body
    server = start_server(tmp_path / "app", {"SHUTDOWN_GRACE_SECONDS": "3"})
    connection, _ = slow_sign_in(server)
    time.sleep(0.5)
    # act
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    try:
        code = server.process.wait(timeout=20)
    except Exception:
        server.stop()
        raise
    took = time.monotonic() - started
    connection.close()
    # validate: it waited for the request, but not longer than the grace period (plus shutting down)
    assert 2.5 <= took < 8 and code == 0, f"exit {code} after {took:.1f} s"


def test_doctor_passes_on_a_prepared_server_and_names_what_to_fix(tmp_path):
    # setup
    server = start_server(tmp_path / "app")
    server.stop()
    closed_port = socket.socket()
    closed_port.bind(("127.0.0.1", 0))
    port = closed_port.getsockname()[1]
    closed_port.close()
    # act
    healthy = server.chitieu("doctor")
    broken = Chitieu(chitieu_binary(), server.chitieu.database_path,
                     {"PUBLIC_URL": "http://chitieu.example", "COOKIE_SECURE": "1", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port)})("doctor")
    (tmp_path / "empty").mkdir()
    missing = Chitieu(chitieu_binary(), tmp_path / "empty" / "none.sqlite")("doctor")
    # validate
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert "✓ Cơ sở dữ liệu: SQLite" in healthy.stdout and "✓ Cấu trúc cơ sở dữ liệu" in healthy.stdout
    assert "✓ Khoá và mốc neo nhật ký thay đổi" in healthy.stdout and "✗" not in healthy.stdout
    assert broken.returncode == 1
    assert "✗ Địa chỉ công khai (PUBLIC_URL)" in broken.stdout and "✗ Thư điện tử (SMTP)" in broken.stdout, broken.stdout
    assert "Cách sửa:" in broken.stdout and "mục kiểm tra không đạt" in broken.stderr
    assert missing.returncode == 1 and "không có tệp" in missing.stdout
