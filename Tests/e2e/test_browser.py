"""The pages, in Chromium, signed in as the demo administrator: what a reader sees on a desk and on a
phone. Screenshots of every page go to E2E_SCREENSHOTS (default /tmp/e2e-shots) for a human to look at."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PHONE, set_viewport

pytestmark = pytest.mark.browser

MILESTONE_YEARS = ["2025", "2030", "2035", "2040", "2045"]


def texts(driver, css: str) -> list[str]:
    return [element.text.strip() for element in driver.find_elements(By.CSS_SELECTOR, css)]


def click_and_wait(driver, element, url_part: str) -> None:
    element.click()
    WebDriverWait(driver, 10).until(expected_conditions.url_contains(url_part))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def horizontal_overflow(driver) -> int:
    """How many pixels the document is wider than the viewport (tables scroll inside .table-wrap)."""
    return driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


def test_register_page_lists_the_four_groups_and_37_indicators(browser, server, screenshot):
    browser.get(server.url + "/indicators")
    screenshot("register-desktop")

    assert browser.find_element(By.TAG_NAME, "h1").text == "Danh mục chỉ tiêu"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    assert len(browser.find_elements(By.CSS_SELECTOR, "section.group h2")) == 4
    rows = browser.find_elements(By.CSS_SELECTOR, "table.register tbody tr")
    assert len(rows) == 37
    links = [row.find_element(By.CSS_SELECTOR, "td.name a").get_attribute("href") for row in rows]
    assert links == [f"{server.url}/indicators/CT{n:02d}" for n in range(1, 38)]
    assert texts(browser, "table.register thead th.year")[:5] == MILESTONE_YEARS


def test_register_row_shows_the_target_cells_as_written(browser, server):
    browser.get(server.url + "/indicators")

    assert texts(browser, "tr#CT04 td.target") == ["-", "-", "-", "80-90", "≥ 90"]


def test_clicking_an_indicator_opens_its_milestones_and_21_year_trajectory(browser, server, screenshot):
    browser.get(server.url + "/indicators")

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "tr#CT36 td.name a"), "/indicators/CT36")
    screenshot("indicator-CT36-desktop")

    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("CT36 36.")
    milestone_rows = browser.find_elements(By.CSS_SELECTOR, "table.milestones tbody tr")
    assert [row.find_element(By.TAG_NAME, "td").text for row in milestone_rows] == MILESTONE_YEARS
    assert texts(browser, "table.milestones td.target") == ["(ô trống)", "100", "100", "100", "100"]
    years = texts(browser, "table.trajectory tbody tr td:first-child")
    assert years == [str(year) for year in range(2025, 2046)]
    assert texts(browser, "table.trajectory tr.milestone td:first-child") == MILESTONE_YEARS


@pytest.mark.parametrize("path", ["/indicators", "/indicators/CT36", "/indicators/CT04", "/organisations"])
def test_phone_width_pages_do_not_overflow_sideways(browser, server, screenshot, path):
    set_viewport(browser, *PHONE)

    browser.get(server.url + path)
    screenshot("phone-register" if path == "/indicators" else "phone-" + path.strip("/").replace("/", "-"))

    assert browser.execute_script("return window.innerWidth") == PHONE[0]
    assert horizontal_overflow(browser) <= 1, "the page is wider than the phone; wide tables belong in .table-wrap"
    for table in browser.find_elements(By.TAG_NAME, "table"):
        assert browser.execute_script("return arguments[0].closest('.table-wrap') !== null", table)


def test_language_link_switches_to_english_and_the_choice_sticks(browser, server, screenshot):
    browser.get(server.url + "/indicators")

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "nav a.lang"), "lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Indicator register"
    assert browser.get_cookie("lang")["value"] == "en"

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "tr#CT04 td.name a"), "/indicators/CT04")
    assert "lang=" not in browser.current_url
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "Milestone targets" in texts(browser, "h2")
    screenshot("indicator-CT04-english")

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "nav a.lang"), "lang=vi")
    assert "Chỉ tiêu theo mốc" in texts(browser, "h2")


def test_organisations_page_marks_the_demo_units(browser, server, screenshot):
    demo_units = [unit for unit in server.json("/api/v1/organisations") if unit["demo"]]

    browser.get(server.url + "/organisations")
    screenshot("organisations-desktop")

    warning = browser.find_element(By.CSS_SELECTOR, ".demo-warning")
    assert warning.is_displayed() and "MẪU" in warning.text
    assert demo_units
    assert texts(browser, "span.badge") == ["MẪU"] * len(demo_units)


def test_unknown_indicator_page_is_a_vietnamese_404(browser, server, screenshot):
    response = server.get("/indicators/CT99", headers={"Accept": "text/html"})

    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Không có chỉ tiêu mã CT99." in response.text

    browser.get(server.url + "/indicators/CT99")
    screenshot("not-found-CT99")
    assert browser.find_element(By.CSS_SELECTOR, "p.error").text == "Không có chỉ tiêu mã CT99."
