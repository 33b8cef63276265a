"""The lead office's own assessment in Chromium (issue 15, parts 1 and 6): on its office page the demo lead office
(Phòng Bảo hiểm y tế, BHYT) enters a baseline for CT35, then assesses two indicators item by item — confirming the
computed status of the first, setting another status with a reason for the second — and each save lands on the next
indicator still lacking an assessment. The coordinator then sees on the follow-up page that BHYT still has indicators
without an assessment (not the two it wrote) and reminds the office with one click; the office gets the notice.
Screenshots of the office page on a desktop and at 390 px wide go to E2E_SCREENSHOTS.
"""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import DESKTOP, PHONE, demo_accounts, set_viewport, sign_in, wait_until_replaced

pytestmark = pytest.mark.browser

PERIOD = "2026NovS2"
OFFICE_PAGE = f"/dashboard/offices/BHYT?period={PERIOD}"


@pytest.fixture
def demo_server(fresh_server):
    result = fresh_server.chitieu("demo", "--reports")
    assert result.returncode == 0, result.stdout + result.stderr
    fresh_server.accounts = demo_accounts(result)
    fresh_server._admin_session = None
    assert f"Kỳ {PERIOD}:" in result.stdout, result.stdout
    return fresh_server


def submit(driver, button_id: str) -> None:
    button = driver.find_element(By.ID, button_id)
    form = button.find_element(By.XPATH, "./ancestor::form")
    button.click()
    wait_until_replaced(driver, form)


def test_lead_office_enters_a_baseline_assesses_two_indicators_and_the_coordinator_reminds(demo_server, blank_browser, screenshot):
    driver = blank_browser
    driver.get(demo_server.url + "/health")
    driver.delete_all_cookies()

    # The lead office enters CT35's baseline ("-" in 2025, 100 in 2030) on its page.
    sign_in(driver, demo_server, "leadOffice")
    driver.get(f"{demo_server.url}{OFFICE_PAGE}&item=CT35")
    assert driver.find_element(By.ID, "item-CT35")
    driver.find_element(By.CSS_SELECTOR, "#baseline-details summary").click()
    driver.find_element(By.ID, "baseline-year").clear()
    driver.find_element(By.ID, "baseline-year").send_keys("2025")
    driver.find_element(By.ID, "baseline-value").clear()
    driver.find_element(By.ID, "baseline-value").send_keys("55,5")
    driver.find_element(By.ID, "baseline-source").clear()
    driver.find_element(By.ID, "baseline-source").send_keys("Báo cáo thống kê y tế 2025")
    submit(driver, "baseline-save")
    baseline = driver.find_element(By.ID, "item-baseline").text
    assert "55,5 % (năm 2025, nguồn: Báo cáo thống kê y tế 2025, do" in baseline, baseline

    # Item by item: the first indicator lacking an assessment is CT01; confirm its computed status.
    driver.get(demo_server.url + OFFICE_PAGE)
    assert driver.find_element(By.ID, "item-CT01")
    computed_ct01 = driver.find_element(By.ID, "item-status").text.strip()
    units = driver.find_element(By.ID, "unit-values").text
    assert "Số liệu MẪU" in units, "the units' comments are beside the form"
    driver.find_element(By.ID, "assess-analysis").send_keys("Các bệnh viện MẪU đã đào tạo phần lớn cán bộ.")
    driver.find_element(By.ID, "assess-measures").send_keys("Mở thêm lớp cho cán bộ mới.")
    set_viewport(driver, *DESKTOP)
    screenshot("lead-assessment-office-desktop")
    submit(driver, "assess-save")
    assert driver.find_element(By.ID, "saved").text == "Đã lưu CT01."
    assert driver.find_element(By.ID, "item-CT02"), "saving went on to the next indicator lacking an assessment"

    # CT02: another status than the computed one, with a reason.
    status = Select(driver.find_element(By.ID, "assess-status"))
    status.select_by_index(1)
    chosen = status.first_selected_option.text.strip()
    driver.find_element(By.ID, "assess-reason").send_keys("Hai đơn vị MẪU báo cáo chưa khớp sổ sách.")
    driver.find_element(By.ID, "assess-analysis").send_keys("Cần rà soát lại số liệu trước khi kết luận.")
    submit(driver, "assess-save")
    assert driver.find_element(By.ID, "saved").text == "Đã lưu CT02."
    chips = driver.find_element(By.CSS_SELECTOR, "nav.items").text
    assert f"CT02 · {chosen}" in chips and "CT01 · " in chips, chips
    set_viewport(driver, *PHONE)
    driver.get(f"{demo_server.url}{OFFICE_PAGE}&item=CT02")
    screenshot("lead-assessment-office-phone")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    wide = driver.execute_script(
        "return [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' in ' + e.parentElement.tagName + '.' + e.parentElement.className + ' ' + e.textContent.slice(0, 60))")
    assert overflow <= 1, f"the office page is {overflow}px wider than a 390px phone: {wide}"
    set_viewport(driver, *DESKTOP)

    # The API says the same: CT01 confirmed, CT02 changed with its reason.
    office = demo_server.session("leadOffice")
    listed = {row["indicator"]: row for row in office.get(f"{demo_server.url}/api/v1/evaluation/assessments?period={PERIOD}").json()}
    assert listed["CT01"]["assessment"]["status"] == listed["CT01"]["computedStatus"]
    assert listed["CT02"]["assessment"]["reason"] == "Hai đơn vị MẪU báo cáo chưa khớp sổ sách."
    assert listed["CT03"]["assessment"] is None
    assert computed_ct01

    # The coordinator sees BHYT's missing assessments (not CT01, CT02) and reminds the office.
    coordinator = demo_server.session("coordinator")
    cycle = next(c for c in coordinator.get(demo_server.url + "/api/v1/cycles").json() if c["period"] == PERIOD)
    driver.delete_all_cookies()
    sign_in(driver, demo_server, "coordinator")
    driver.get(f"{demo_server.url}/cycles/{cycle['id']}/follow-up")
    table = driver.find_element(By.ID, "missing-assessments")
    row = next(r for r in table.find_elements(By.CSS_SELECTOR, "tbody tr") if r.text.startswith("BHYT"))
    missing = re.findall(r"CT\d\d", row.text)
    assert "CT01" not in missing and "CT02" not in missing and "CT03" in missing, row.text
    screenshot("lead-assessment-follow-up")
    submit(driver, "remind-office-BHYT")
    notice = driver.find_element(By.CSS_SELECTOR, "p.notice").text
    assert notice.startswith("Đã nhắc BHYT:"), notice

    notices = office.get(demo_server.url + "/api/v1/notifications").json()
    texts = [notice["text"] for notice in notices]
    assert any("Đề nghị đánh giá" in text and "CT03" in text for text in texts), texts
