"""Each role's main job from its home page (issue 12, part 1): in Chromium, every role signs in, lands on its
worklist ("Việc cần làm") and finishes its job from there; the clicks each job takes are counted and printed, and
bounded so that a change that adds steps shows here.

The server: the demo (two approved cycles of 2026, hospital A with a unit head), the period 2027NovS1 opened.
Hospital A's reporter finds the report with one value missing (the rest saved earlier), fills it and sends it to the
head; the head signs it from the home page; hospital B's report arrives through the API; the coordinator approves the
oldest report waiting from the home page and lands on the next; the lead office comments a value waiting for it;
the coordinator sends the period's report for sign-off and leadership approves it from its home page; the
administrator sees the first-run checklist. Screenshots of each home page at 1280 and 390 px go to E2E_SCREENSHOTS.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from conftest import DESKTOP, PHONE, demo_accounts, path_of, session_csrf, set_viewport, sign_in, start_server, wait_until_replaced

pytestmark = pytest.mark.browser

PERIOD = "2027NovS1"
REPORTER_UNIT = "MAU-BVDK-A"
OTHER_UNIT = "MAU-BVDK-B"
CLICKS: dict[str, int] = {}


def api_session(server, role: str):
    session = server.session(role)
    session.headers["X-CSRF-Token"] = session_csrf(server, session)
    return session


def values_for(report: dict, scales: dict[str, list[str]], leave_out: str | None = None) -> dict:
    values = {}
    for index, value in enumerate(report["values"]):
        code, measure = value["indicator"], value["measure"]
        if code == leave_out:
            continue
        if measure == "ratio":
            values[code] = {"numerator": 3 + index, "denominator": 6 + 2 * index}
        elif measure == "count":
            values[code] = {"amount": 3 + index}
        elif measure == "shareOfUnits":
            values[code] = {"answer": True}
        else:
            values[code] = {"level": scales[code][-1]}
        values[code]["comment"] = "Số liệu MẪU (kiểm thử)"
    return values


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("home"))
    try:
        for command in (("demo", "--reports"), ("cycles", "create", PERIOD), ("cycles", "open", PERIOD)):
            result = server.chitieu(*command)
            assert result.returncode == 0, f"chitieu {' '.join(command)}: {result.stdout}\n{result.stderr}"
            if command[0] == "demo":
                server.accounts = demo_accounts(result)
        admin = api_session(server, "admin")
        scales = {i["code"]: i["scale"] for i in admin.get(server.url + "/api/v1/indicators", timeout=30).json()}
        cycle = next(c for c in admin.get(server.url + "/api/v1/cycles", timeout=30).json() if c["period"] == PERIOD)
        reports = {r["organisation"]: r for r in admin.get(server.url + f"/api/v1/reports?cycle={cycle['id']}", timeout=30).json()}
        # Hospital A's reporter saved everything but one count earlier (a draft); hospital B sent its report.
        reporter = api_session(server, "unitReporter")
        mine = reporter.get(server.url + f"/api/v1/reports/{reports[REPORTER_UNIT]['id']}", timeout=30).json()
        missing = next(v["indicator"] for v in mine["values"] if v["measure"] == "count")
        saved = reporter.put(server.url + f"/api/v1/reports/{reports[REPORTER_UNIT]['id']}", timeout=30,
                             json={"version": mine["report"]["version"], "values": values_for(mine, scales, leave_out=missing)})
        assert saved.status_code == 200, saved.text
        email, password = f"home-b@{OTHER_UNIT.lower()}.chitieu.local", "Hoa-Lu-Trang-An-2027"
        made = admin.post(server.url + "/api/v1/users", json={"email": email, "name": f"Cán bộ {OTHER_UNIT}", "role": "unitReporter",
                                                              "organisation": OTHER_UNIT}, timeout=30)
        assert made.status_code == 201, made.text
        from test_journey import sign_in_api

        other = sign_in_api(server, email, made.json()["password"], password)
        theirs = other.get(server.url + f"/api/v1/reports/{reports[OTHER_UNIT]['id']}", timeout=30).json()
        sent = other.post(server.url + f"/api/v1/reports/{reports[OTHER_UNIT]['id']}/submit", timeout=30,
                          json={"version": theirs["report"]["version"], "values": values_for(theirs, scales), "results": "MẪU"})
        assert sent.status_code == 200, sent.text
        yield server, reports, missing
    finally:
        server.stop()


class Clicks:
    """Clicks on links and buttons, counted; typing is not a click."""

    def __init__(self, driver):
        self.driver, self.count = driver, 0

    def on(self, by: str, what: str) -> None:
        element = self.driver.find_element(by, what)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        self.count += 1
        wait_until_replaced(self.driver, page)


def start_at_home(driver, server, role: str, screenshot) -> Clicks:
    """Signs in (the sign-in itself is not counted) and checks the worklist is the first page, at both sizes."""
    driver.get(server.url + "/health")
    driver.delete_all_cookies()
    sign_in(driver, server, role)
    assert path_of(driver) == "/" and driver.find_element(By.TAG_NAME, "h1").text == "Việc cần làm", role
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{role}'s home is {overflow} px too wide"
    screenshot(f"home-{role}-desktop")
    set_viewport(driver, *PHONE)
    assert driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 0, f"{role}'s home on a phone"
    screenshot(f"home-{role}-phone")
    set_viewport(driver, *DESKTOP)
    return Clicks(driver)


def record(role: str, clicks: Clicks, most: int) -> None:
    CLICKS[role] = clicks.count
    print(f"{role}: {clicks.count} clicks from the home page")
    assert clicks.count <= most, f"{role} needed {clicks.count} clicks (at most {most})"


def test_the_reporter_finishes_the_report_from_the_home_page(home, blank_browser, screenshot):
    server, reports, missing = home
    driver = blank_browser
    clicks = start_at_home(driver, server, "unitReporter", screenshot)
    card = driver.find_element(By.ID, f"report-{reports[REPORTER_UNIT]['id']}")
    assert "còn " in card.text and " ngày" in card.text, card.text
    assert f"{missing} " in card.text, f"the missing {missing} is named on the card: {card.text}"
    clicks.on(By.ID, f"continue-{reports[REPORTER_UNIT]['id']}")
    field = driver.find_element(By.NAME, f"values[{missing}][amount]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.send_keys("7")
    clicks.on(By.ID, "submit-report")
    assert driver.find_element(By.ID, "report-state").text.strip() == "Chờ thủ trưởng ký"
    record("unitReporter", clicks, 2)


def test_the_head_signs_from_the_home_page(home, blank_browser, screenshot):
    server, reports, _ = home
    driver = blank_browser
    clicks = start_at_home(driver, server, "unitHead", screenshot)
    clicks.on(By.ID, f"continue-{reports[REPORTER_UNIT]['id']}")
    clicks.on(By.ID, "sign")
    assert driver.find_element(By.ID, "report-state").text.strip() == "Đã gửi"
    record("unitHead", clicks, 2)


def test_the_coordinator_approves_the_oldest_report_and_lands_on_the_next(home, blank_browser, screenshot):
    server, reports, _ = home
    driver = blank_browser
    clicks = start_at_home(driver, server, "coordinator", screenshot)
    waiting = driver.find_elements(By.CSS_SELECTOR, "#waiting tbody tr")
    assert [row.find_element(By.TAG_NAME, "a").text for row in waiting] == \
        ["Bệnh viện Đa khoa tỉnh B (mẫu)", "Bệnh viện Đa khoa tỉnh A (mẫu)"], [row.text for row in waiting]
    assert "Chưa bắt đầu" in driver.find_element(By.ID, "review").text
    clicks.on(By.ID, "start-review")
    assert path_of(driver).startswith(f"/reports/{reports[OTHER_UNIT]['id']}"), "the oldest submission first"
    clicks.on(By.ID, "approve")
    assert driver.find_element(By.ID, "queue-done").text.endswith("Báo cáo tiếp theo đang chờ")
    assert path_of(driver).startswith(f"/reports/{reports[REPORTER_UNIT]['id']}?")
    record("coordinator", clicks, 2)


def test_the_lead_office_comments_a_value_waiting_for_it(home, blank_browser, screenshot):
    server, reports, _ = home
    driver = blank_browser
    clicks = start_at_home(driver, server, "leadOffice", screenshot)
    pending = driver.find_elements(By.CSS_SELECTOR, "#pending-comments a")
    assert pending, "values of the submitted report wait for the office's comment"
    first = pending[0].get_attribute("href")
    code = first.split("review=")[1].split("#")[0]
    clicks.on(By.CSS_SELECTOR, "#pending-comments a")
    box = driver.find_element(By.ID, f"{code}-review-comment")
    assert box.is_displayed(), "the comment box opens where the value is shown"
    box.send_keys("Đề nghị bổ sung minh chứng (MẪU).")
    clicks.on(By.CSS_SELECTOR, f"#{code}-review button[type=submit]")
    assert "Đề nghị bổ sung minh chứng (MẪU)." in driver.find_element(By.ID, code).text
    record("leadOffice", clicks, 2)


def test_leadership_approves_the_report_from_the_home_page(home, blank_browser, screenshot):
    server, _, _ = home
    driver = blank_browser
    # The coordinator sends the period's report for sign-off (its own page, not counted here).
    driver.get(server.url + "/health")
    driver.delete_all_cookies()
    sign_in(driver, server, "leadership")
    link = driver.find_element(By.CSS_SELECTOR, "#signoff a").get_attribute("href")
    coordinator = api_session(server, "coordinator")
    period = link.split("period=")[1]
    sent = coordinator.post(server.url + f"/api/v1/evaluation/report/submit?period={period}", json={}, timeout=60)
    assert sent.status_code == 200, sent.text
    clicks = start_at_home(driver, server, "leadership", screenshot)
    assert driver.find_element(By.ID, "glance").find_elements(By.CSS_SELECTOR, ".stats > div"), "the plan at a glance"
    clicks.on(By.ID, "open-signoff")
    clicks.on(By.ID, "signoff-approve")
    assert driver.find_element(By.ID, "signoff-state").get_attribute("data-state") == "approved"
    record("leadership", clicks, 2)


def test_the_administrator_sees_the_first_run_checklist(home, blank_browser, screenshot):
    server, _, _ = home
    driver = blank_browser
    clicks = start_at_home(driver, server, "admin", screenshot)
    steps = {item.get_attribute("id"): item.get_attribute("class") for item in driver.find_elements(By.CSS_SELECTOR, "#setup li")}
    assert steps == {"setup-plan": "done", "setup-units": "todo", "setup-accounts": "done", "setup-cycle": "done"}, steps
    clicks.on(By.CSS_SELECTOR, "#setup-units a")
    assert path_of(driver) == "/admin/organisations"
    record("admin", clicks, 1)
    worklist = server.session("admin").get(server.url + "/api/v1/worklist", timeout=30).json()
    assert [s["done"] for s in worklist["setup"]] == [True, False, True, True]
    print("clicks per role:", CLICKS)
