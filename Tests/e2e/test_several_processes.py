"""Several app processes on one PostgreSQL (issue 14, part 5): three `chitieu serve` on three ports, started at the same
moment on one database, share sessions, API tokens and the sign-in limits (all kept in the database); a report saved
through one is seen by the others at once, and so is a change on a dashboard another keeps rendered; and the automatic reminders run in exactly one of them (the holder of a
PostgreSQL advisory lock) — none is sent twice, even when the leader is killed and another takes over.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta

import pytest
import requests

from conftest import free_port, session_csrf
from reliability_support import (POSTGRES_URL, VIETNAM, admin, bearer, ended_period, healthy, kill, launch, open_cycle, open_database, reports,
                                 start)

PROCESSES = 3
CHECK_MINUTES = "0.05"  # every 3 s
LEADS = "Tiến trình này chạy lịch nhắc tự động"
SENT = "Nhắc tự động kỳ"

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="E2E_POSTGRES_URL is not set")


def logs(servers) -> list[str]:
    return [server.log_path.read_text(errors="replace") for server in servers]


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.25)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Three processes on one freshly set up PostgreSQL database, with a cycle inside its reminder window. The tests
    share them; the reminders' test, which kills one, comes last."""
    database = open_database("postgresql", tmp_path_factory.mktemp("several"))
    first = start(database, {"REMINDER_CHECK_MINUTES": "0"})
    session = admin(first)
    today = datetime.now(VIETNAM).date()
    cycle = open_cycle(session, first, ended_period(today), due=(today + timedelta(days=3)).isoformat(), reminderDays=7)
    first.stop()
    running = [launch(first, port=free_port(), extra={"REMINDER_CHECK_MINUTES": CHECK_MINUTES}, wait=False) for _ in range(PROCESSES)]
    for server in running:
        healthy(server)
    yield running, database, cycle
    for server in running:
        server.stop()


def test_sessions_tokens_and_sign_in_limits_hold_across_processes(servers):
    (a, b, c), _, _ = servers
    # setup: a session opened on A, a token made on A
    session = a.session("unitReporter")
    email = a.accounts["unitReporter"][0]
    csrf = session_csrf(a, session)
    made = session.post(a.url + "/api/v1/tokens", json={"name": "nhiều tiến trình", "scope": "read"}, headers={"X-CSRF-Token": csrf}, timeout=30)
    assert made.status_code == 201, made.text[:300]
    token = made.json()
    # act / validate: the session and the token work on B and C
    for server in (b, c):
        assert session.get(server.url + "/api/v1/me", timeout=30).json()["email"] == email
        assert requests.get(server.url + "/api/v1/me", headers=bearer(token["token"]), timeout=30).json()["email"] == email
    # act: revoked on B, signed out on C; validate: refused on A
    revoked = session.delete(f"{b.url}/api/v1/tokens/{token['id']}", headers={"X-CSRF-Token": csrf}, timeout=30)
    assert revoked.status_code == 204
    assert requests.get(a.url + "/api/v1/me", headers=bearer(token["token"]), timeout=30).status_code == 401
    out = session.post(c.url + "/logout", headers={"X-CSRF-Token": csrf}, allow_redirects=False, timeout=30)
    assert out.status_code == 303
    assert session.get(a.url + "/api/v1/me", allow_redirects=False, timeout=30).status_code in (401, 303)
    # act: five wrong passwords for one account, spread over the three; validate: locked out on every one
    victim, password = a.accounts["leadOffice"]
    for attempt in range(5):
        _, answer = (a, b, c)[attempt % 3].sign_in(victim, "sai-mat-khau")
        assert answer.status_code == 401, answer.status_code
    for server in (a, b, c):
        _, answer = server.sign_in(victim, password)
        assert answer.status_code == 429 and int(answer.headers["Retry-After"]) > 0, answer.status_code


def test_a_report_saved_through_one_process_is_seen_by_the_others_at_once(servers):
    (a, b, c), _, cycle = servers
    # setup
    reporter = a.session("unitReporter")
    headers = {"X-CSRF-Token": session_csrf(a, reporter)}
    summary = next(iter(reports(reporter, a, cycle["id"]).values()))
    report = reporter.get(f"{a.url}/api/v1/reports/{summary['id']}", timeout=30).json()
    count = next(value["indicator"] for value in report["values"] if value["measure"] == "count")
    # act: saved through A
    saved = reporter.put(f"{a.url}/api/v1/reports/{summary['id']}", json={"version": summary["version"], "values": {count: {"amount": 4321}}},
                         headers=headers, timeout=30)
    assert saved.status_code == 200, saved.text[:300]
    # validate: B and C show it at once, and refuse a save from the version before
    for server in (b, c):
        seen = reporter.get(f"{server.url}/api/v1/reports/{summary['id']}", timeout=30).json()
        assert seen["report"]["version"] == saved.json()["report"]["version"]
        assert next(value["amount"] for value in seen["values"] if value["indicator"] == count) == 4321
    stale = reporter.put(f"{c.url}/api/v1/reports/{summary['id']}", json={"version": summary["version"], "values": {count: {"amount": 1}}},
                         headers=headers, timeout=30)
    assert stale.status_code == 409 and "phiên bản" in stale.json()["reason"]


def test_a_dashboard_kept_by_one_process_shows_a_change_made_through_another(servers):
    (a, b, _), _, cycle = servers
    # setup: B keeps a unit's dashboard (rendered once per data version, in B's memory)
    manager = admin(a)
    unit = sorted(reports(manager, a, cycle["id"]))[0]
    leader = b.session("leadership")
    page = f"{b.url}/dashboard?period={cycle['period']}&org={unit}"
    before, kept = leader.get(page, timeout=120), leader.get(page, timeout=120)
    # act: the unit renamed through A
    name = "Đơn vị đổi tên qua tiến trình A"
    renamed = manager.patch(f"{a.url}/api/v1/organisations/{unit}", json={"name": name}, timeout=60)
    after = leader.get(page, timeout=120)
    # validate: B's kept page is the same until the change, and shows the change at once
    assert renamed.status_code == 200, renamed.text[:300]
    assert before.status_code == kept.status_code == after.status_code == 200
    assert kept.text == before.text and name not in before.text
    assert name in after.text, "the dashboard kept by B shows the name changed through A"


def test_the_automatic_reminders_run_in_one_process_and_none_is_sent_twice(servers):
    running, database, _ = servers
    # act: the three check every 3 s; wait for the first pass, and a few more
    wait_for(lambda: sum(SENT in log for log in logs(running)) >= 1, 60, "the first automatic reminders")
    time.sleep(8)
    # validate: one process leads and sends; the others never sent
    leaders = [server for server, log in zip(running, logs(running)) if LEADS in log]
    assert len(leaders) == 1, f"{len(leaders)} processes lead the schedule"
    assert [SENT in log for log in logs(running)].count(True) == 1
    # act: the leader dies; another takes over on its next check
    kill(leaders[0].process)
    others = [server for server in running if server is not leaders[0]]
    wait_for(lambda: sum(LEADS in log for log in logs(others)) == 1, 30, "another process to take over the schedule")
    time.sleep(8)
    # validate: still one automatic reminder per organisation and day, one notice per person reached
    twice = database.rows("SELECT organisation_code, sent_on, count(*) FROM reminders WHERE automatic GROUP BY 1, 2 HAVING count(*) > 1")
    assert not twice, f"reminded twice: {twice}"
    sent = database.rows("SELECT count(*) FROM reminders WHERE automatic")[0][0]
    assert int(sent) > 0
    # Each reminder records how many people it reached (a lead office is reached for its office and for the Department).
    notices = int(database.rows("SELECT count(*) FROM notifications WHERE kind = 'reminder'")[0][0])
    reached = int(database.rows("SELECT coalesce(sum(recipients), 0) FROM reminders")[0][0])
    assert notices == reached, f"{notices} reminder notices for {reached} people reached"
    assert not re.search(r"Nhắc tự động không chạy được", "".join(logs(running)))
