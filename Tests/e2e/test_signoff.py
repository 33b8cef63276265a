"""Issue 15, part 8 in the browser: the coordinator sends the report to UBND tỉnh for approval, leadership approves it,
the coordinator issues it with its number and date; the issued DOCX downloads byte for byte the same twice, and
LibreOffice reads its number and date. The coordinating office's report to the Ban Chỉ đạo opens in LibreOffice too.
Leadership sends a directive from the "Chỉ đạo" page and the unit replies. Each state of /summary-report and the
directives page are saved as screenshots in the screenshot folder, to be looked at.
"""

from __future__ import annotations

import hashlib
import re

import docx
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import set_viewport
from test_browser_reporting import submit_with, switch_user, text_of, type_into
from test_documents import DOCX_TYPE, demo_server, download, pdf_text, to_pdf  # noqa: F401 (demo_server is a fixture)

PHONE_WIDTH = 390


def state_of(driver) -> str:
    return driver.find_element(By.ID, "signoff-state").get_attribute("data-state")


def test_approve_issue_and_download_the_issued_report_unchanged(demo_server, blank_browser, screenshot, tmp_path):
    server, driver = demo_server, blank_browser
    period = server.demo_periods[-1]
    page = f"/summary-report?period={period}"

    # The coordinator sends the draft for approval.
    switch_user(driver, server, "coordinator", next=page)
    assert state_of(driver) == "draft"
    screenshot("summary-report-1-draft")
    submit_with(driver, driver.find_element(By.ID, "signoff-submit"))
    assert state_of(driver) == "awaitingApproval"
    assert "Đã trình lãnh đạo ký duyệt." in text_of(driver, "#signoff-done")
    assert not driver.find_elements(By.ID, "save-summary"), "no more edits once sent"

    # Leadership sees it waiting, with its notice, and approves it in the browser.
    switch_user(driver, server, "leadership", next="/notifications")
    assert "chờ ký duyệt" in driver.find_element(By.TAG_NAME, "main").text
    driver.get(server.url + page)
    assert state_of(driver) == "awaitingApproval"
    screenshot("summary-report-2-awaiting-leadership")
    submit_with(driver, driver.find_element(By.ID, "signoff-approve"))
    assert state_of(driver) == "approved"
    screenshot("summary-report-3-approved")

    # The coordinator issues it: the number is required, then it is issued with its number and date.
    switch_user(driver, server, "coordinator", next=page)
    form = driver.find_element(By.ID, "signoff-issue").find_element(By.XPATH, "./ancestor::form")
    driver.execute_script("arguments[0].noValidate = true", form)  # what the server says without the browser's own check
    type_into(driver, driver.find_element(By.ID, "issue-date"), "05/12/2026")
    submit_with(driver, driver.find_element(By.ID, "signoff-issue"))
    assert "Cần điền số văn bản khi ban hành (ô «number»)" in driver.find_element(By.CSS_SELECTOR, "p.error").text
    assert state_of(driver) == "approved"
    type_into(driver, driver.find_element(By.ID, "issue-number"), "125")
    type_into(driver, driver.find_element(By.ID, "issue-date"), "05/12/2026")
    submit_with(driver, driver.find_element(By.ID, "signoff-issue"))
    assert state_of(driver) == "issued"
    assert "125/BC-SYT" in text_of(driver, "#issued") and "05/12/2026" in text_of(driver, "#issued")
    shown_hash = text_of(driver, "#issued-sha")
    screenshot("summary-report-4-issued")
    set_viewport(driver, PHONE_WIDTH, 844)
    driver.get(server.url + page)
    screenshot("summary-report-5-issued-phone")

    # The issued DOCX, downloaded twice, is the same bytes with the hash shown; LibreOffice reads its number and date.
    session = server.session("leadership")
    first = download(session, server, f"/api/v1/evaluation/report/issued.docx?period={period}", DOCX_TYPE)
    second = download(server.session("coordinator"), server, f"/api/v1/evaluation/report/issued.docx?period={period}", DOCX_TYPE)
    assert first == second
    assert hashlib.sha256(first).hexdigest() == shown_hash
    issued = tmp_path / "issued.docx"
    issued.write_bytes(first)
    text = pdf_text(to_pdf(issued, tmp_path))
    assert "125/BC-SYT" in text and "ngày 05 tháng 12 năm 2026" in text
    assert "DỰ THẢO" not in text
    live = tmp_path / "live.docx"
    live.write_bytes(download(session, server, f"/api/v1/evaluation/report.docx?period={period}", DOCX_TYPE))
    assert "DỰ THẢO" in pdf_text(to_pdf(live, tmp_path)), "the live download is a draft"

    # The coordinating office's report to the Ban Chỉ đạo: LibreOffice opens it; addressee and figures are there.
    steering = tmp_path / "steering.docx"
    steering.write_bytes(download(session, server, f"/api/v1/evaluation/steering-report.docx?period={period}", DOCX_TYPE))
    words = re.sub(r"\s+", " ", pdf_text(to_pdf(steering, tmp_path)))
    assert "Kính gửi: Ban Chỉ đạo của ngành Y tế tỉnh Ninh Bình" in words
    # The PDF's two-column header interleaves its lines: the parts are read from the document itself.
    document = docx.Document(str(steering))
    header = document.tables[0].rows[0].cells[0].text
    assert "PHÒNG QUẢN LÝ KHÁM CHỮA BỆNH" in header and "/BC-QLKCB" in header
    body = "\n".join(p.text for p in document.paragraphs)
    assert "kịp thời báo cáo và kiến nghị Ban Chỉ đạo" in body and "trân trọng báo cáo và kiến nghị Ban Chỉ đạo" in body
    results = next(t for t in document.tables if t.rows[0].cells[0].text.strip() == "TT")
    shown_results = {row.cells[0].text.strip(): row.cells[4].text.strip() for row in results.rows[1:] if row.cells[0].text.strip().isdigit()}
    api = session.get(f"{server.url}/api/v1/evaluation?period={period}", timeout=60).json()
    live_results = next(t for t in docx.Document(str(live)).tables if t.rows[0].cells[0].text.strip() == "TT")
    assert shown_results == {row.cells[0].text.strip(): row.cells[4].text.strip() for row in live_results.rows[1:]
                             if row.cells[0].text.strip().isdigit()}, "the same figures as the report to UBND tỉnh"
    assert len(shown_results) == len(api) == 37 and any(value not in ("", "—") for value in shown_results.values())


def test_directive_sent_replied_and_listed(demo_server, blank_browser, screenshot):
    server, driver = demo_server, blank_browser
    unit = server.session("unitReporter").get(f"{server.url}/api/v1/me", timeout=30).json()["organisation"]

    switch_user(driver, server, "leadership", next="/directives")
    form = driver.find_element(By.ID, "new-directive")
    Select(form.find_element(By.NAME, "organisation")).select_by_value(unit)
    type_into(driver, form.find_element(By.NAME, "text"), "Rà soát và báo cáo hạ tầng số của đơn vị")
    type_into(driver, form.find_element(By.NAME, "due"), "30/06/2026")
    submit_with(driver, driver.find_element(By.ID, "send-directive"))
    assert driver.find_element(By.ID, "directive-status").get_attribute("data-status") == "open"

    switch_user(driver, server, "unitReporter", next="/directives")
    assert "Rà soát và báo cáo hạ tầng số" in text_of(driver, "#directive-list")
    driver.find_element(By.CSS_SELECTOR, "#directive-list td.content a").click()
    type_into(driver, driver.find_element(By.CSS_SELECTOR, "#reply-form textarea"), "Đơn vị đã rà soát 12 máy chủ")
    submit_with(driver, driver.find_element(By.ID, "send-reply"))
    assert driver.find_element(By.ID, "directive-status").get_attribute("data-status") == "answered"
    assert "Đơn vị đã rà soát 12 máy chủ" in text_of(driver, "#directive-replies")
    screenshot("directive-answered")

    switch_user(driver, server, "leadership", next="/directives")
    screenshot("directives-list")
    set_viewport(driver, PHONE_WIDTH, 844)
    driver.get(server.url + "/directives")
    screenshot("directives-list-phone")
