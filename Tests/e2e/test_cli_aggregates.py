"""`chitieu aggregates verify|rebuild`: the kept per-period sums (issue 17) against the sums computed from the values.

A server with demo reports; the evaluation read through the API; a return through the API moves the figure at once
and the kept sums still match; a sum damaged by hand is found and named, and `rebuild` mends it.

"""

import sqlite3

from conftest import demo_accounts, session_csrf


def figure(server, period: str, code: str) -> float | None:
    rows = server.json(f"/api/v1/evaluation?period={period}")
    return next(row["value"] for row in rows if row["code"] == code)


def test_kept_sums_match_follow_an_approval_and_a_damage_is_found_and_mended(fresh_server):
    # setup: two cycles of demo reports, some of them waiting for approval
    demo = fresh_server.chitieu("demo", "--reports")
    assert demo.returncode == 0, demo.stderr
    fresh_server.accounts = demo_accounts(demo)
    fresh_server._admin_session = None
    verified = fresh_server.chitieu("aggregates", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "✓ Tổng theo kỳ khớp với số liệu gốc" in verified.stdout
    approved_reports = fresh_server.json("/api/v1/reports?state=approved")
    counted = [(report, value["indicator"], value["amount"]) for report in approved_reports
               for value in fresh_server.json(f"/api/v1/reports/{report['id']}")["values"]
               if value["measure"] == "count" and value["amount"]]
    assert counted, "the demo approves reports with counts"
    report, code, amount = counted[0]
    period = report["period"]
    before = figure(fresh_server, period, code)

    # act 1: the coordinator returns one approved report through the API: its values leave the figures
    coordinator = fresh_server.session("coordinator")
    returned = coordinator.post(f"{fresh_server.url}/api/v1/reports/{report['id']}/return", json={"reason": "Kiểm tra lại số liệu"},
                                headers={"X-CSRF-Token": session_csrf(fresh_server, coordinator)}, timeout=30)
    after = figure(fresh_server, period, code)
    verified_after = fresh_server.chitieu("aggregates", "verify")

    # act 2: a kept sum damaged by hand, found, then rebuilt
    with sqlite3.connect(fresh_server.chitieu.database_path) as database:
        database.execute("UPDATE period_sums SET amount = amount + 1000 WHERE rowid = (SELECT MIN(rowid) FROM period_sums WHERE counts > 0)")
    damaged = fresh_server.chitieu("aggregates", "verify")
    rebuilt = fresh_server.chitieu("aggregates", "rebuild")
    mended = fresh_server.chitieu("aggregates", "verify")

    # validate
    assert returned.status_code == 200, returned.text
    # its value leaves the figure (a flow loses it; a stock falls back to the unit's smaller first-half value)
    assert after is not None and before is not None and after < before, \
        f"{code} {before} → {after}: the returned report's {amount} leaves the figure at once"
    assert verified_after.returncode == 0, verified_after.stdout + verified_after.stderr
    assert damaged.returncode != 0
    assert "✗" in damaged.stdout and "chitieu aggregates rebuild" in damaged.stderr
    assert rebuilt.returncode == 0 and "Đã tính lại tổng theo kỳ" in rebuilt.stdout, rebuilt.stderr
    assert mended.returncode == 0, mended.stdout + mended.stderr
