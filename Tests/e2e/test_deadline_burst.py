"""The deadline burst (issue 14, part 2): BURST_REPORTERS generated unit reporters (default 500, each a unit, a service
account and a write token) save and submit within one minute around the due moment — half before, half after — on
SQLite and on PostgreSQL. No 5xx, every report submitted exactly once, every late flag right to the second, and two
saves of one report from the same version resolved by the version (one 200, one 409 saying so).

The deadline is the start of the due day in Việt Nam ("trước ngày"): the cycle's due day is set to tomorrow (Việt Nam)
and the server runs under libfaketime, shifted so that its clock crosses that midnight in the middle of the burst.
Throughput and latency figures are printed; RELIABILITY.md keeps them.
"""

from __future__ import annotations

import json
import random
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
import requests

from reliability_support import (KINDS, VIETNAM, ended_period, add_units, admin, audit_verify, bearer, environment_number, full_values, launch, open_cycle,
                                 open_database, reporter_tokens, reports, scales, start, stop_wrapped)

REPORTERS = environment_number("BURST_REPORTERS", 500)
HALF_WINDOW = 30.0  # seconds either side of the deadline
CONFLICT_PAIRS = 10
FAKETIME = shutil.which("faketime")


def instant(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


class Reporter(threading.Thread):
    """One unit's reporter: saves the whole report 2 s before its moment, submits at its moment (fake clock)."""

    def __init__(self, url: str, token: str, report: dict, values: dict, moment: float, offset: float, conflict: bool):
        super().__init__(daemon=True)
        self.url, self.report, self.values, self.moment, self.offset, self.conflict = url, report, values, moment, offset, conflict
        self.session = requests.Session()
        self.session.headers.update(bearer(token))
        self.timings: list[tuple[str, float, float, int]] = []  # (kind, start, end, status), real seconds
        self.conflict_answers: list[requests.Response] = []
        self.submitted: dict | None = None
        self.sent_at = self.answered_at = 0.0  # fake clock, around the submission

    def call(self, kind: str, method: str, path: str, body: dict) -> requests.Response:
        began = time.time()
        answer = self.session.request(method, self.url + path, json=body, timeout=120)
        self.timings.append((kind, began, time.time(), answer.status_code))
        return answer

    def run(self) -> None:
        path = f"/api/v1/reports/{self.report['id']}"
        version = self.report["version"]
        time.sleep(max(0.0, self.moment - 2 - self.offset - time.time()))
        body = {"version": version, "values": self.values, "results": "Đã thực hiện theo kế hoạch."}
        if self.conflict:
            # Two saves from the same version at the same moment (two tabs): one lands, the other is told.
            barrier = threading.Barrier(2)
            answers: list[requests.Response] = []

            def twin() -> None:
                barrier.wait()
                answers.append(self.call("save", "PUT", path, body))

            twins = [threading.Thread(target=twin) for _ in range(2)]
            for thread in twins:
                thread.start()
            for thread in twins:
                thread.join()
            self.conflict_answers = answers
            saved = next((a for a in answers if a.status_code == 200), None)
        else:
            saved = self.call("save", "PUT", path, body)
        if saved is None or saved.status_code != 200:
            return
        version = saved.json()["report"]["version"]
        time.sleep(max(0.0, self.moment - self.offset - time.time()))
        self.sent_at = time.time() + self.offset
        answer = self.call("submit", "POST", path + "/submit", {"version": version})
        self.answered_at = time.time() + self.offset
        if answer.status_code == 200:
            self.submitted = answer.json()["report"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


@dataclass
class Prepared:
    """What the burst starts from: the units' tokens and reports, the deadline, one report's indicators."""

    cycle: str
    units: list[str]
    tokens: dict[str, str]
    listed: dict[str, dict]
    sample: dict
    levels: dict[str, list[str]]
    deadline: float
    setup_seconds: float


def prepare(server) -> Prepared:
    """The units, their reporters' tokens, a cycle due tomorrow (Việt Nam), one report's full set of values."""
    session = admin(server)
    began = time.monotonic()
    units = add_units(server, "HAN", REPORTERS)
    tokens = reporter_tokens(server, session, units)
    vietnam_today = datetime.now(VIETNAM).date()
    due = vietnam_today + timedelta(days=1)
    cycle = open_cycle(session, server, ended_period(vietnam_today), due=due.isoformat())
    listed = reports(session, server, cycle["id"])
    sample = session.get(f"{server.url}/api/v1/reports/{listed[units[0]]['id']}", timeout=60).json()
    return Prepared(cycle["id"], units, tokens, listed, sample, scales(server, session),
                    datetime(due.year, due.month, due.day, tzinfo=VIETNAM).timestamp(), time.monotonic() - began)


@pytest.mark.skipif(not FAKETIME, reason="libfaketime is not installed (apt-get install faketime)")
@pytest.mark.parametrize("kind", KINDS)
def test_deadline_burst_has_no_5xx_no_lost_or_double_submission_and_late_flags_right_to_the_second(kind, tmp_path):
    # setup
    server = start(open_database(kind, tmp_path), {"REMINDER_CHECK_MINUTES": "0"})
    prepared = prepare(server)
    server.stop()
    # The server again, its clock 40 s before the deadline (whole seconds, so the shift is known exactly). Through the
    # faketime wrapper, which forks: with LD_PRELOAD set on the Swift binary's own exec, it loses its arguments.
    offset = float(round(prepared.deadline - 40 - time.time()))
    server = launch(server, prefix=["faketime", "-f", f"+{offset:.0f}s"], extra={"FAKETIME_DONT_FAKE_MONOTONIC": "1"})
    try:
        burst(server, prepared, offset, kind)
    finally:
        stop_wrapped(server)


def burst(server, prepared: Prepared, offset: float, kind: str) -> None:
    rng = random.Random(1700)
    deadline, units, listed = prepared.deadline, prepared.units, prepared.listed
    session = admin(server)  # signed in again: on the shifted clock the first session has long been idle
    served = parsedate_to_datetime(requests.get(server.url + "/health", timeout=30).headers["Date"]).timestamp()
    assert abs(served - (time.time() + offset)) < 3, "the server's clock is not the shifted one"
    assert time.time() + offset < deadline - HALF_WINDOW - 2, "the server took too long to start: the burst would begin late"
    half = REPORTERS // 2
    moments = [deadline + (-1 if i < half else 1) * max(0.05, HALF_WINDOW * rng.random() ** 2) for i in range(REPORTERS)]
    rng.shuffle(moments)
    conflicted = set(rng.sample(range(REPORTERS), CONFLICT_PAIRS))
    reporters = [Reporter(server.url, prepared.tokens[unit], listed[unit], full_values(prepared.sample, prepared.levels, i), moments[i], offset,
                          i in conflicted)
                 for i, unit in enumerate(units)]
    # act
    for reporter in reporters:
        reporter.start()
    for reporter in reporters:
        reporter.join(timeout=HALF_WINDOW * 2 + 180)
    # validate: no 5xx, every save and submission answered 200 but the conflicts' losers, who got a clear 409
    timings = [timing for reporter in reporters for timing in reporter.timings]
    server_errors = [timing for timing in timings if timing[3] >= 500]
    assert not server_errors, f"{len(server_errors)} answers 5xx; the log:\n{server.log_tail()}"
    for reporter in reporters:
        if reporter.conflict:
            statuses = sorted(answer.status_code for answer in reporter.conflict_answers)
            assert statuses == [200, 409], f"two saves from one version: {statuses}"
            loser = next(answer for answer in reporter.conflict_answers if answer.status_code == 409).json()
            assert "phiên bản" in loser["reason"] and "chưa được lưu" in loser["reason"], loser
        assert reporter.submitted is not None, f"{reporter.report['organisation']}: {[t[3] for t in reporter.timings]}"
    # every report submitted once, its late flag right to the second
    final = reports(session, server, prepared.cycle)
    late = 0
    for reporter in reporters:
        report = final[reporter.report["organisation"]]
        assert report["state"] == "submitted" and report["submittedAt"], report
        submitted_at = instant(report["submittedAt"])
        assert report["late"] == (submitted_at >= deadline), f"late flag {report['late']} for a submission at {report['submittedAt']}"
        # The server writes whole seconds: its instant is within the request's, to the second.
        assert int(reporter.sent_at) <= submitted_at <= reporter.answered_at, \
            f"submittedAt {report['submittedAt']} outside the request ({reporter.sent_at:.3f}–{reporter.answered_at:.3f})"
        if reporter.answered_at < deadline or reporter.sent_at >= deadline:
            assert report["late"] == (reporter.sent_at >= deadline), f"{report['organisation']} sent at {reporter.sent_at:.3f}"
        late += report["late"]
    events = [session.get(f"{server.url}/api/v1/reports/{reporter.report['id']}", timeout=60).json()["events"] for reporter in reporters]
    submits = [sum(1 for event in report_events if event["action"] == "submit") for report_events in events]
    assert submits == [1] * REPORTERS, f"submissions per report: {sorted(set(submits))}"
    statistics = session.get(f"{server.url}/api/v1/cycles/{prepared.cycle}", timeout=60).json()["statistics"]
    assert statistics["submitted"] >= REPORTERS and statistics["late"] == late, statistics
    # The burst straddled the deadline: many were answered before it, many sent after it (a submission meant for just
    # before the deadline that queued behind the others lands after it, late, and its flag says so — checked above).
    answered_before = sum(1 for reporter in reporters if reporter.answered_at < deadline)
    sent_after = sum(1 for reporter in reporters if reporter.sent_at >= deadline)
    assert answered_before >= REPORTERS // 5 and sent_after >= REPORTERS // 5, \
        f"{answered_before} answered before the deadline, {sent_after} sent after it: the burst did not straddle it"
    verified = audit_verify(server)
    assert verified.returncode == 0, verified.stderr
    # figures
    first, last = min(t[1] for t in timings), max(t[2] for t in timings)
    per_second: dict[int, int] = {}
    for timing in timings:
        per_second[int(timing[2])] = per_second.get(int(timing[2]), 0) + 1
    latency = {kind_: [1000 * (t[2] - t[1]) for t in timings if t[0] == kind_] for kind_ in ("save", "submit")}
    figures = {"reporters": REPORTERS, "requests": len(timings), "seconds": round(last - first, 1),
               "requests per second (mean)": round(len(timings) / (last - first), 1), "busiest second": max(per_second.values()),
               "late": late, "on time": REPORTERS - late, "answered before the deadline": answered_before,
               "sent after the deadline": sent_after, "conflicts (409)": CONFLICT_PAIRS, "5xx": 0, "setup seconds": round(prepared.setup_seconds)}
    for name, values in latency.items():
        figures[f"{name} p50 ms"] = round(percentile(values, 0.5))
        figures[f"{name} p99 ms"] = round(percentile(values, 0.99))
        figures[f"{name} max ms"] = round(max(values))
    print(f"\ndeadline burst on {kind}: {json.dumps(figures, ensure_ascii=False)}")
