"""Each role's journey in Chromium (issue 12): accessibility measured with axe-core 4.x on every main page in both
languages, no page wider than a 390 px phone, the menu folding on a phone, the sticky save bar never hiding the
focused field, focus on the first problem after a refused submission, the coordinator's queue, and the public
progress page without sign-in. Screenshots of the form, the queue and the public page at 1280 and 390 px wide go to
E2E_SCREENSHOTS.

axe-core comes from the PyPI package `axe-playwright-python` (its `axe.min.js`, axe-core 4.12); only the file is
used, injected with Selenium, so Playwright itself is not needed to run these checks.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import DESKTOP, PHONE, Server, demo_accounts, path_of, session_csrf, set_viewport, sign_in, start_server, wait_until_replaced

pytestmark = pytest.mark.browser

PERIOD = "2027NovS1"  # the period running at the time of writing; the demo reports fill the two before it
REPORTER_UNIT = "MAU-BVDK-A"  # the demo unit reporter's hospital
QUEUED_UNITS = ("MAU-BVDK-B", "MAU-BVSN")  # submitted through the API by reporters made here


def axe_source() -> str:
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.submodule_search_locations, "pip install axe-playwright-python (Tests/e2e/requirements.txt)"
    source = (Path(list(spec.submodule_search_locations)[0]) / "axe.min.js").read_text()
    assert source.startswith("/*! axe v4."), "axe-core 4.x"
    return source


AXE = axe_source()
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(result => done(result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
  .catch(error => done([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]));
"""


def serious_violations(driver) -> list[dict]:
    """axe-core's critical and serious violations on the page the browser shows."""
    if not driver.execute_script("return typeof axe !== 'undefined'"):
        driver.execute_script(AXE)
    return [v for v in driver.execute_async_script(AXE_RUN) if v["impact"] in ("critical", "serious")]


def overflow(driver) -> int:
    return driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


def with_lang(path: str, lang: str) -> str:
    return path + ("&" if "?" in path else "?") + f"lang={lang}"


# The server: demo reports of the two past periods (approved), the running period open with three reports sent ----------

def api_session(server: Server, role: str):
    session = server.session(role)
    session.headers["X-CSRF-Token"] = session_csrf(server, session)
    return session


def complete_values(report: dict, scales: dict[str, list[str]], seed: int) -> dict:
    values = {}
    for index, value in enumerate(report["values"]):
        code, measure = value["indicator"], value["measure"]
        if measure == "ratio":
            values[code] = {"numerator": seed + index, "denominator": 2 * (seed + index)}
        elif measure == "count":
            values[code] = {"amount": seed + index}
        elif measure == "shareOfUnits":
            values[code] = {"answer": True}
        else:
            values[code] = {"level": scales[code][-1]}
        values[code]["comment"] = "Số liệu MẪU (kiểm thử)"  # the demo's previous period differs: a big change needs one
    return values


@pytest.fixture(scope="module")
def journey(tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("journey"))
    try:
        for command in (("demo", "--reports"), ("cycles", "create", PERIOD), ("cycles", "open", PERIOD)):
            result = server.chitieu(*command)
            assert result.returncode == 0, f"chitieu {' '.join(command)}: {result.stdout}\n{result.stderr}"
            if command[0] == "demo":
                server.accounts = demo_accounts(result)  # a second `demo` gives the demo accounts new passwords
        admin = api_session(server, "admin")
        scales = {i["code"]: i["scale"] for i in admin.get(server.url + "/api/v1/indicators", timeout=30).json()}
        cycle = next(c for c in admin.get(server.url + "/api/v1/cycles", timeout=30).json() if c["period"] == PERIOD)
        reports = {r["organisation"]: r for r in admin.get(server.url + f"/api/v1/reports?cycle={cycle['id']}", timeout=30).json()}
        for seed, unit in enumerate(QUEUED_UNITS, start=3):
            email, password = f"journey-{seed}@{unit.lower()}.chitieu.local", "Cuc-Phuong-Tam-Coc-2027"
            made = admin.post(server.url + "/api/v1/users", json={"email": email, "name": f"Cán bộ {unit}", "role": "unitReporter",
                                                                  "organisation": unit}, timeout=30)
            assert made.status_code == 201, made.text
            server.accounts[f"reporter-{unit}"] = (email, password)
            report = admin.get(server.url + f"/api/v1/reports/{reports[unit]['id']}", timeout=30).json()
            reporter = sign_in_api(server, email, made.json()["password"], password)
            body = {"version": report["report"]["version"], "values": complete_values(report, scales, seed), "results": "Đã triển khai (mẫu)."}
            sent = reporter.post(server.url + f"/api/v1/reports/{reports[unit]['id']}/submit", json=body, timeout=30)
            assert sent.status_code == 200, sent.text
        yield server, cycle["id"], reports
    finally:
        server.stop()


def sign_in_api(server: Server, email: str, initial: str, chosen: str):
    """Signs in with the generated password, chooses a password of the user's own, and returns an API session."""
    from conftest import form_csrf

    session, answer = server.sign_in(email, initial)
    assert answer.status_code == 303, f"signing in as {email}: {answer.status_code}"
    page = session.get(server.url + "/account/password", timeout=30)
    changed = session.post(server.url + "/account/password", data={"current": initial, "password": chosen, "confirmation": chosen,
                                                                  "csrf": form_csrf(page.text)}, timeout=30, allow_redirects=False)
    assert changed.status_code == 303, changed.text[:300]
    session.headers["X-CSRF-Token"] = session_csrf(server, session)
    return session


def report_id(reports: dict, unit: str) -> str:
    return reports[unit]["id"]


def main_pages(cycle: str, reports: dict) -> dict[str | None, list[str]]:
    """Every main page, by the role that opens it (None: signed out)."""
    waiting = report_id(reports, QUEUED_UNITS[0])
    return {
        None: ["/login", "/public", "/help", "/help/unitReporter"],
        "admin": ["/", "/indicators", "/indicators/CT05", "/organisations", "/dashboard?period=2026NovS2", "/dashboard/indicators/CT01?period=2026NovS2",
                  "/dashboard/units/MAU-BVDK-A?period=2026NovS2", "/dashboard/offices/BHYT?period=2026NovS2", "/reports",
                  "/cycles", f"/cycles/{cycle}", f"/cycles/{cycle}/follow-up", "/tasks", "/funding", "/unit-plans",
                  "/unit-plans/MAU-BVDK-A", "/audit", "/admin/users", "/admin/organisations", "/admin/public", "/notifications"],
        "coordinator": ["/", "/reports?state=submitted", f"/reports/{waiting}?state=submitted", "/summary-report?period=2026NovS2"],
        "leadOffice": ["/", f"/reports/{waiting}?review=CT01"],
        "leadership": ["/"],
        "unitHead": ["/"],
        "unitReporter": ["/", f"/reports/{report_id(reports, REPORTER_UNIT)}"],
    }


def open_as(driver, server: Server, role: str | None) -> None:
    driver.get(server.url + "/health")
    driver.delete_all_cookies()
    if role:
        sign_in(driver, server, role)


def test_every_main_page_passes_axe_and_fits_a_phone_in_both_languages(blank_browser, journey):
    server, cycle, reports = journey
    driver = blank_browser
    driver.set_script_timeout(60)
    problems: list[str] = []
    checked = 0
    started = time.monotonic()
    for role, pages in main_pages(cycle, reports).items():
        open_as(driver, server, role)
        for lang in ("vi", "en"):
            for page in pages:
                set_viewport(driver, *DESKTOP)
                driver.get(server.url + with_lang(page, lang))
                assert driver.execute_script("return document.documentElement.lang") == lang, f"{page} in {lang}"
                for violation in serious_violations(driver):
                    problems.append(f"{role} {lang} {page} desktop: {violation}")
                set_viewport(driver, *PHONE)
                if (wide := overflow(driver)) > 0:
                    problems.append(f"{role} {lang} {page}: {wide} px wider than a 390 px phone")
                if lang == "vi":
                    for violation in serious_violations(driver):
                        problems.append(f"{role} {lang} {page} phone: {violation}")
                checked += 1
    set_viewport(driver, *DESKTOP)
    print(f"{checked} page views checked in {time.monotonic() - started:.0f} s")
    assert checked >= 2 * 35
    assert not problems, "\n".join(problems)


def test_the_menu_folds_on_a_phone_and_controls_show_their_focus(blank_browser, journey, screenshot):
    server, _, _ = journey
    driver = blank_browser
    open_as(driver, server, "admin")
    set_viewport(driver, *PHONE)
    driver.get(server.url + "/reports")
    nav = driver.find_element(By.CSS_SELECTOR, "header.top nav")
    assert not nav.is_displayed(), "the menu is folded on a phone"
    screenshot("journey-menu-folded-phone")
    driver.find_element(By.CSS_SELECTOR, "label.menu-button").click()
    assert nav.is_displayed() and nav.find_element(By.LINK_TEXT, "Hướng dẫn").is_displayed()
    screenshot("journey-menu-open-phone")
    set_viewport(driver, *DESKTOP)
    driver.get(server.url + "/reports")
    assert driver.find_element(By.CSS_SELECTOR, "header.top nav").is_displayed()
    from selenium.webdriver.common.keys import Keys
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    outline = driver.execute_script("const s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth]", focused)
    assert outline[0] != "none" and outline[1] != "0px", f"the focused control shows its focus: {outline}"


def test_a_refused_submission_keeps_the_draft_and_focuses_the_first_problem(blank_browser, journey, screenshot):
    server, _, reports = journey
    driver = blank_browser
    path = f"/reports/{report_id(reports, REPORTER_UNIT)}"
    open_as(driver, server, "unitReporter")
    driver.get(server.url + path)
    screenshot("journey-form-desktop")
    set_viewport(driver, *PHONE)
    assert overflow(driver) <= 0
    screenshot("journey-form-phone")
    # The sticky save bar never covers the field scrolled to (scroll-padding-bottom).
    last = driver.find_elements(By.CSS_SELECTOR, "fieldset.value input[id$='-amount']")[-1]
    driver.execute_script("arguments[0].scrollIntoView({block: 'end'})", last)
    bar = driver.find_element(By.CSS_SELECTOR, ".actions.sticky")
    field_bottom = driver.execute_script("return arguments[0].getBoundingClientRect().bottom", last)
    bar_top = driver.execute_script("return arguments[0].getBoundingClientRect().top", bar)
    assert field_bottom <= bar_top, f"the save bar (top {bar_top}) hides the field (bottom {field_bottom})"
    set_viewport(driver, *DESKTOP)
    amount = driver.find_element(By.ID, "CT06-amount")
    amount.clear()
    amount.send_keys("7")
    page = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script("arguments[0].click()", driver.find_element(By.ID, "submit-report"))
    wait_until_replaced(driver, page)
    focused = driver.switch_to.active_element
    summary_links = driver.find_elements(By.CSS_SELECTOR, "#problems a")
    assert summary_links, "the problems are listed at the top"
    first = summary_links[0].get_attribute("href").split("#", 1)[1]
    assert focused.get_attribute("id") == first, f"focus is on {focused.get_attribute('id')}, not the first problem {first}"
    assert focused.get_attribute("aria-invalid") == "true"
    described = focused.get_attribute("aria-describedby")
    assert driver.find_element(By.ID, described).text.strip()
    assert "đã được lưu nháp" in driver.find_element(By.ID, "report-error").text
    screenshot("journey-form-refused")
    assert serious_violations(driver) == []
    driver.get(server.url + path)
    assert driver.find_element(By.ID, "CT06-amount").get_attribute("value") == "7", "what was typed was kept as a draft"


def test_the_coordinator_works_through_the_queue_oldest_first(blank_browser, journey, screenshot):
    server, cycle, reports = journey
    driver = blank_browser
    open_as(driver, server, "coordinator")
    driver.get(server.url + "/reports")
    driver.find_element(By.ID, "queue-link").click()
    rows = driver.find_elements(By.CSS_SELECTOR, "#reports tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[1].text.split(" — ")[0] for r in rows] == list(QUEUED_UNITS)
    screenshot("journey-queue-desktop")
    set_viewport(driver, *PHONE)
    assert overflow(driver) <= 0
    screenshot("journey-queue-phone")
    set_viewport(driver, *DESKTOP)
    rows[0].find_element(By.TAG_NAME, "a").click()
    approve = driver.find_element(By.ID, "approve")
    assert approve.location["y"] < driver.find_element(By.ID, "report-form").location["y"], "Duyệt is at the top"
    page = driver.find_element(By.TAG_NAME, "html")
    approve.click()
    wait_until_replaced(driver, page)
    assert driver.find_element(By.ID, "queue-done").text.endswith("Báo cáo tiếp theo đang chờ")
    assert path_of(driver).startswith(f"/reports/{report_id(reports, QUEUED_UNITS[1])}?")


def test_the_public_page_needs_no_sign_in(blank_browser, journey, screenshot):
    server, _, _ = journey
    driver = blank_browser
    open_as(driver, server, None)
    driver.get(server.url + "/login")
    driver.find_element(By.ID, "public-link").click()
    assert path_of(driver) == "/public"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Tiến độ thực hiện Kế hoạch"
    assert driver.find_elements(By.CSS_SELECTOR, "table caption")
    screenshot("journey-public-desktop")
    set_viewport(driver, *PHONE)
    assert overflow(driver) <= 0
    screenshot("journey-public-phone")
    set_viewport(driver, *DESKTOP)
    answer = server.anonymous_get("/public")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "public, max-age=300" and answer.headers.get("ETag")
    assert "no-store" not in answer.headers.get("Cache-Control", "")
    assert server.anonymous_get("/public", headers={"If-None-Match": answer.headers["ETag"]}).status_code == 304


def test_answers_are_compressed_and_documents_still_open(journey):
    import io
    import zipfile

    server, _, _ = journey
    coordinator = server.session("coordinator")
    page = coordinator.get(server.url + "/dashboard?period=2026NovS2", headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert page.headers.get("Content-Encoding") == "gzip"
    for kind in ("docx", "xlsx"):
        document = coordinator.get(server.url + f"/api/v1/evaluation/report.{kind}?period=2026NovS2", headers={"Accept-Encoding": "gzip"}, timeout=30)
        assert document.status_code == 200
        assert zipfile.ZipFile(io.BytesIO(document.content)).testzip() is None, f"the {kind} opens"
