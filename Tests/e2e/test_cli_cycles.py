"""`chitieu cycles …`: create, open, status and close a reporting cycle from the command line, with the rules of the API.

Each test has a server and database of its own (`fresh_server`).
"""


def cycles(server) -> dict[str, dict]:
    return {cycle["period"]: cycle for cycle in server.json("/api/v1/cycles")}


def test_create_open_status_close(fresh_server):
    created = fresh_server.chitieu("cycles", "create", "2026NovS1", "--reminder-days", "5")
    assert created.returncode == 0, created.stderr
    assert "hạn nộp: trước ngày 01/06/2026" in created.stdout
    assert cycles(fresh_server)["2026NovS1"]["state"] == "planned"

    opened = fresh_server.chitieu("cycles", "open", "2026NovS1")
    assert opened.returncode == 0, opened.stderr
    count = int(opened.stdout.split(":")[1].split()[0])
    organisations = fresh_server.json("/api/v1/organisations")
    assert count == len(organisations), "one report per active organisation (each reports at least one indicator)"
    assert cycles(fresh_server)["2026NovS1"]["reminderDays"] == 5

    status = fresh_server.chitieu("cycles", "status", "2026NovS1")
    assert status.returncode == 0, status.stderr
    assert f"phải báo cáo {count}, đã gửi 0" in status.stdout
    assert "Tính đầy đủ 0 %, tính kịp thời 0 %" in status.stdout
    assert "Hạn nộp: trước ngày 01/06/2026 (đúng hạn đến hết ngày 31/05/2026, giờ Việt Nam)" in status.stdout
    assert status.stdout.count("chưa gửi:") == count

    closed = fresh_server.chitieu("cycles", "close", "2026NovS1")
    assert closed.returncode == 0, closed.stderr
    states = {report["state"] for report in fresh_server.json("/api/v1/reports")}
    assert states == {"locked"}


def test_bad_input_is_named_and_changes_nothing(fresh_server):
    bad_day = fresh_server.chitieu("cycles", "create", "2026NovS1", "--due", "31/02/2026")
    assert bad_day.returncode != 0
    assert "Lỗi: Ngày «31/02/2026» ở ô Hạn nộp không hợp lệ" in bad_day.stderr

    bad_period = fresh_server.chitieu("cycles", "create", "2026S1")
    assert bad_period.returncode != 0 and "2026NovS1" in bad_period.stderr

    missing = fresh_server.chitieu("cycles", "open", "2030NovS2")
    assert missing.returncode != 0 and "Không có đợt báo cáo 2030NovS2" in missing.stderr
    assert cycles(fresh_server) == {}

    fresh_server.chitieu("cycles", "create", "2026NovS2")
    twice = fresh_server.chitieu("cycles", "create", "2026NovS2")
    assert twice.returncode != 0 and "Đã có đợt báo cáo cho kỳ 2026NovS2" in twice.stderr
    not_open = fresh_server.chitieu("cycles", "close", "2026NovS2")
    assert not_open.returncode != 0 and "Không thể đóng" in not_open.stderr
