"""Issue 15 end to end: a reporting year driven through the browser, from a baseline to the issued report.

The demo gives two approved cycles of 2026 (14 demo units; hospital A's reports signed by its head). In Chromium:
- the lead office (BHYT) enters CT26's baseline for 2025 (CT26 has no 2025 target): 2026 is then judged on the line
  from that baseline to 2030's 100 %, with a forecast, instead of "chưa có số liệu gốc";
- the coordinator returns hospital B's second-half report (B skips the period: its first-half values are carried
  forward, named, and it does not count as reporting) and hospital A's, asking it to correct CT01;
- hospital A's reporter writes CT01 as 0/0 with a comment (no provincial civil servants there), the head signs and
  sends it, the coordinator approves: A reads "—" for CT01 and adds nothing to either sum;
- the lead office assesses CT01 on its office page;
- the coordinator sends the report to UBND tỉnh for approval, leadership approves it, the coordinator issues it.
The issued DOCX is opened by LibreOffice: its text holds the number, the coverage ("Chưa đủ số liệu"), the lead
office's analysis, the tasks and the funding.
"""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By

from conftest import demo_accounts, path_of, sign_in, wait_until_replaced
from test_documents import DOCX_TYPE, download, pdf_text, to_pdf

pytestmark = pytest.mark.browser

PERIOD = "2026NovS2"
BASELINE_SOURCE = "Báo cáo thống kê y tế năm 2025"
ZERO_COMMENT = "Bệnh viện không có cán bộ, công chức cấp tỉnh."
ANALYSIS = "Phần lớn đơn vị đã bồi dưỡng kỹ năng số; một số đơn vị chưa báo cáo kỳ này."


@pytest.fixture
def year_server(fresh_server):
    result = fresh_server.chitieu("demo", "--reports")
    assert result.returncode == 0, result.stdout + result.stderr
    fresh_server.accounts = demo_accounts(result)
    fresh_server._admin_session = None
    assert "unitHead" in fresh_server.accounts, "the demo has a unit head"
    return fresh_server


def as_user(driver, server, role: str, path: str) -> None:
    driver.get(server.url + "/health")
    driver.delete_all_cookies()
    sign_in(driver, server, role, next=path)


def press(driver, element_id: str) -> None:
    """Clicks a form's button and waits for the answer to replace the page."""
    button = driver.find_element(By.ID, element_id)
    page = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait_until_replaced(driver, page)


def type_in(driver, element, text: str) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.clear()
    element.send_keys(text)


def state(driver) -> str:
    return driver.find_element(By.ID, "report-state").text.strip()


def report_path(server, organisation: str) -> str:
    reports = server.session("coordinator").get(f"{server.url}/api/v1/reports", timeout=30).json()
    report = next(r for r in reports if r["organisation"] == organisation and r["period"] == PERIOD)
    return f"/reports/{report['id']}"


def evaluation(server, query: str = "") -> dict:
    rows = server.session("coordinator").get(f"{server.url}/api/v1/evaluation?period={PERIOD}{query}", timeout=60).json()
    return {row["code"]: row for row in rows}


def test_a_year_from_baseline_to_the_issued_report(year_server, blank_browser, screenshot, tmp_path):
    server, driver = year_server, blank_browser
    before = evaluation(server)
    assert before["CT26"]["status"] == "noBaseline", "2025 has no CT26 target and nothing was reported in 2025"
    office_page = f"/dashboard/offices/BHYT?period={PERIOD}"

    # The baseline year: the lead office enters CT26's 2025 value with its source.
    as_user(driver, server, "leadOffice", f"{office_page}&item=CT26")
    driver.find_element(By.CSS_SELECTOR, "#baseline-details summary").click()
    type_in(driver, driver.find_element(By.ID, "baseline-year"), "2025")
    type_in(driver, driver.find_element(By.ID, "baseline-value"), "60")
    type_in(driver, driver.find_element(By.ID, "baseline-source"), BASELINE_SOURCE)
    press(driver, "baseline-save")
    assert f"60 % (năm 2025, nguồn: {BASELINE_SOURCE}" in driver.find_element(By.ID, "item-baseline").text
    ct26 = evaluation(server)["CT26"]
    assert ct26["baseline"]["year"] == 2025 and ct26["baseline"]["source"] == "entered"
    assert ct26["status"] in ("onTrack", "behind") and "68" in ct26["expected"], f"the line from 60 in 2025 to 100 in 2030: {ct26['expected']}"
    assert ct26["forecast"] is not None, "the baseline is a point of the forecast"

    # Hospital B skips the period: the coordinator returns its report; so is hospital A's, to correct CT01.
    b_path, a_path = report_path(server, "MAU-BVDK-B"), report_path(server, "MAU-BVDK-A")
    for path, reason in ((b_path, "Đơn vị cần rà soát toàn bộ số liệu."), (a_path, "Đề nghị xem lại CT01.")):
        as_user(driver, server, "coordinator", path)
        type_in(driver, driver.find_element(By.ID, "return-reason-input"), reason)
        press(driver, "return")
        driver.get(server.url + path)
        assert state(driver) == "Bị trả lại", path

    # Hospital A reports CT01 as 0/0 with its reason; the head signs and sends it; the coordinator approves.
    as_user(driver, server, "unitReporter", a_path)
    form = driver.find_element(By.ID, "report-form")
    type_in(driver, form.find_element(By.NAME, "values[CT01][numerator]"), "0")
    type_in(driver, form.find_element(By.NAME, "values[CT01][denominator]"), "0")
    type_in(driver, form.find_element(By.NAME, "values[CT01][comment]"), ZERO_COMMENT)
    press(driver, "submit-report")
    assert path_of(driver).startswith(a_path), driver.page_source[:500]
    assert state(driver) == "Chờ thủ trưởng ký"
    as_user(driver, server, "unitHead", a_path)
    press(driver, "sign")
    assert state(driver) == "Đã gửi"
    as_user(driver, server, "coordinator", a_path)
    press(driver, "approve")
    driver.get(server.url + a_path)
    assert state(driver) == "Đã duyệt"

    # Coverage and the 0/0 unit, as the API and the unit's page tell them.
    after = evaluation(server)
    ct01_before, ct01 = before["CT01"], after["CT01"]
    assert "MAU-BVDK-B" in ct01["coverage"]["carriedForward"], "B's first half is carried forward, named"
    assert ct01["coverage"]["reported"] == ct01_before["coverage"]["reported"] - 1, "B no longer counts as reporting; A still does"
    assert ct01["provisional"] is True, f"{ct01['coverage']} is below 80 %"
    a_ct01 = evaluation(server, "&org=MAU-BVDK-A")["CT01"]
    assert a_ct01["value"] is None and a_ct01["numerator"] == 0 and a_ct01["denominator"] == 0, "0/0 reads — and adds nothing"
    driver.get(f"{server.url}/dashboard/units/MAU-BVDK-A?period={PERIOD}")
    row = driver.find_element(By.ID, "row-CT01").text
    assert "—" in row, row

    # The lead office assesses CT01 on its page.
    as_user(driver, server, "leadOffice", f"{office_page}&item=CT01")
    type_in(driver, driver.find_element(By.ID, "assess-analysis"), ANALYSIS)
    type_in(driver, driver.find_element(By.ID, "assess-measures"), "Nhắc các đơn vị nộp đủ báo cáo.")
    press(driver, "assess-save")
    assert driver.find_element(By.ID, "saved").text == "Đã lưu CT01."

    # Sign-off: the coordinator sends it, leadership approves, the coordinator issues it with its number and date.
    summary = f"/summary-report?period={PERIOD}"
    as_user(driver, server, "coordinator", summary)
    press(driver, "signoff-submit")
    as_user(driver, server, "leadership", summary)
    press(driver, "signoff-approve")
    as_user(driver, server, "coordinator", summary)
    type_in(driver, driver.find_element(By.ID, "issue-number"), "126")
    type_in(driver, driver.find_element(By.ID, "issue-date"), "07/12/2026")
    press(driver, "signoff-issue")
    assert driver.find_element(By.ID, "signoff-state").get_attribute("data-state") == "issued"
    screenshot("year-summary-issued")

    # The issued DOCX, opened by LibreOffice, holds the whole report.
    issued = tmp_path / "issued.docx"
    issued.write_bytes(download(server.session("leadership"), server, f"/api/v1/evaluation/report/issued.docx?period={PERIOD}", DOCX_TYPE))
    text = " ".join(pdf_text(to_pdf(issued, tmp_path)).split())
    # Justified lines come out of the PDF with spaces inside words ("bồi d ưỡng"): parts are compared without spaces.
    squeezed = "".join(text.split())
    for part in ("126/BC-SYT", "ngày 07 tháng 12 năm 2026", "chưa đủ số liệu để kết luận", "Đánh giá của các cơ quan chủ trì",
                 "Kết quả thực hiện các nhiệm vụ (Phụ lục II)", "nhiệm vụ quá hạn", "Kinh phí thực hiện (mục III của Kế hoạch)",
                 "Phần lớn đơn vị đã bồi dưỡng kỹ năng số"):
        assert "".join(part.split()) in squeezed, part
    assert re.search(r"CT01 \(\d+ đơn vị\)", text), "the indicators carrying earlier values forward are named"
