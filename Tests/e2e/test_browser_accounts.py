"""Signing in, the first administrator's password change, roles and API tokens, in Chromium.
Screenshots go to E2E_SCREENSHOTS (default /tmp/e2e-shots)."""

from urllib.parse import urlsplit

import pytest
import requests
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROLES, WRONG_CREDENTIALS, fill_sign_in_form, page_status, path_of, sign_in, wait_for_page, wait_until_replaced

pytestmark = pytest.mark.browser

FORBIDDEN = "Tài khoản của bạn không có quyền làm việc này."
MUST_CHANGE = "Đây là lần đăng nhập đầu tiên hoặc mật khẩu vừa được cấp lại: hãy đặt mật khẩu của riêng bạn."
ROLE_LABELS = {
    "admin": "Quản trị hệ thống", "leadership": "Lãnh đạo", "coordinator": "Điều phối (Phòng QLKCB)",
    "leadOffice": "Phòng chủ trì", "unitReporter": "Cán bộ báo cáo của đơn vị", "unitHead": "Thủ trưởng đơn vị",
}
ADMIN_LINKS = {"/admin/users": "Người dùng", "/admin/organisations": "Quản lý đơn vị"}


def nav_links(driver) -> dict[str, str]:
    """The visible links of the top navigation (but the language switch): path -> text."""
    return {urlsplit(link.get_attribute("href")).path: link.text.strip()
            for link in driver.find_elements(By.CSS_SELECTOR, "header nav a:not(.lang)") if link.is_displayed()}


def error_text(driver) -> str:
    return WebDriverWait(driver, 10).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "p.error"))).text


def change_password(driver, current: str, new: str, confirmation: str | None = None) -> None:
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/account/password']")
    form.find_element(By.NAME, "current").send_keys(current)
    form.find_element(By.NAME, "password").send_keys(new)
    form.find_element(By.NAME, "confirmation").send_keys(new if confirmation is None else confirmation)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until_replaced(driver, form)


def test_anonymous_visitor_is_sent_to_sign_in_and_comes_back_after(blank_browser, server, screenshot):
    blank_browser.get(server.url + "/indicators/CT04")

    assert path_of(blank_browser) == "/login?next=%2Findicators%2FCT04"
    assert blank_browser.find_element(By.TAG_NAME, "h1").text == "Đăng nhập"
    assert ADMIN_LINKS.keys().isdisjoint(nav_links(blank_browser)), "no admin links before signing in"
    assert "/account/tokens" not in nav_links(blank_browser)
    screenshot("login")

    email, password = server.accounts["leadership"]
    blank_browser.find_element(By.NAME, "email").send_keys(email)
    blank_browser.find_element(By.NAME, "password").send_keys(password)
    blank_browser.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    wait_for_page(blank_browser)

    assert path_of(blank_browser) == "/indicators/CT04"
    assert blank_browser.find_element(By.TAG_NAME, "h1").text.startswith("CT04")
    assert blank_browser.get_cookie("chitieu_session")["httpOnly"] is True
    assert blank_browser.get_cookie("chitieu_session")["sameSite"] == "Lax"


def test_wrong_password_shows_the_generic_message(blank_browser, server, screenshot):
    email, password = server.accounts["unitReporter"]

    fill_sign_in_form(blank_browser, server, email, password[::-1])

    assert error_text(blank_browser) == WRONG_CREDENTIALS
    screenshot("login-wrong-password")
    assert path_of(blank_browser) == "/login"
    assert page_status(blank_browser) == 401
    assert blank_browser.find_element(By.NAME, "email").get_attribute("value") == email
    assert blank_browser.get_cookie("chitieu_session") is None


def test_first_admin_must_change_the_printed_password_before_anything_else(blank_browser, fresh_server, screenshot):
    email, printed = fresh_server.first_admin
    assert email == "admin@chitieu.local"
    assert len(printed) == 16

    # The printed password works, and leads straight to the password page, keeping what was asked for.
    fill_sign_in_form(blank_browser, fresh_server, email, printed, next="/organisations")
    wait_for_page(blank_browser)
    assert path_of(blank_browser) == "/account/password?next=%2Forganisations"
    assert blank_browser.find_element(By.CSS_SELECTOR, "p.notice").text == MUST_CHANGE
    screenshot("first-admin-must-change-password")
    for path in ("/", "/organisations", "/admin/users", "/account/tokens"):
        blank_browser.get(fresh_server.url + path)
        assert path_of(blank_browser).split("?")[0] == "/account/password", f"{path} is open before the password is changed"

    # A common password is refused, in Vietnamese; so are one holding the user name and a mistyped confirmation.
    refusals = [
        ("matkhau1234", None, "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác."),
        ("Admin-Ninh-Binh-2045", None, "Mật khẩu không được chứa tên đăng nhập."),
        ("Trang-An-xanh-2045", "Trang-An-xanh-2046", "Hai lần nhập mật khẩu mới không khớp."),
    ]
    for new, confirmation, message in refusals:
        change_password(blank_browser, printed, new, confirmation)
        assert error_text(blank_browser) == message
        assert page_status(blank_browser) == 400
        if new == "matkhau1234":
            screenshot("first-admin-common-password-refused")
    blank_browser.get(fresh_server.url + "/account/password?next=%2Forganisations")
    assert path_of(blank_browser).split("?")[0] == "/account/password"
    blank_browser.get(fresh_server.url + "/")
    assert path_of(blank_browser).split("?")[0] == "/account/password", "a refused password changes nothing"
    blank_browser.get(fresh_server.url + "/account/password?next=%2Forganisations")

    # A good password is accepted, the page first asked for opens with a confirmation, then the home page.
    change_password(blank_browser, printed, "Trang-An-xanh-2045")
    wait_for_page(blank_browser, leaving="/account/password")
    assert path_of(blank_browser) == "/organisations?password=changed"
    assert blank_browser.find_element(By.CSS_SELECTOR, "main p.notice").text == "Đã đổi mật khẩu."
    blank_browser.get(fresh_server.url + "/")
    assert path_of(blank_browser) == "/"
    assert blank_browser.find_element(By.TAG_NAME, "h1").text == "Việc cần làm", "the home page is the worklist"
    assert blank_browser.find_element(By.ID, "setup"), "the first administrator sees the first-run checklist"
    blank_browser.get(fresh_server.url + "/indicators")
    assert blank_browser.find_element(By.TAG_NAME, "h1").text == "Danh mục chỉ tiêu"
    assert len(blank_browser.find_elements(By.CSS_SELECTOR, "table.register tbody tr")) == 37
    assert ADMIN_LINKS.items() <= nav_links(blank_browser).items()
    screenshot("first-admin-after-password-change")

    # From now on the new password signs in directly, and the printed one no longer does.
    assert fresh_server.sign_in(email, printed)[1].status_code == 401
    _, answer = fresh_server.sign_in(email, "Trang-An-xanh-2045")
    assert answer.status_code == 303 and answer.headers["Location"] == "/"


@pytest.mark.parametrize("role", ROLES)
def test_each_demo_role_sees_only_what_it_may(blank_browser, server, screenshot, role):
    """Logged in as each demo role in a browser, the pages show only what that role may see."""
    sign_in(blank_browser, server, role)

    # The home page is the role's worklist; the register: for every role, the whole plan.
    assert page_status(blank_browser) == 200
    assert blank_browser.find_element(By.TAG_NAME, "h1").text == "Việc cần làm"
    blank_browser.get(server.url + "/indicators")
    assert page_status(blank_browser) == 200
    assert blank_browser.find_element(By.TAG_NAME, "h1").text == "Danh mục chỉ tiêu"
    assert len(blank_browser.find_elements(By.CSS_SELECTOR, "table.register tbody tr")) == 37
    who = blank_browser.find_element(By.CSS_SELECTOR, "header nav .who")
    assert who.get_attribute("title") == ROLE_LABELS[role]
    links = nav_links(blank_browser)
    assert links.get("/account/tokens") == "Mã truy cập API"
    if role == "admin":
        assert ADMIN_LINKS.items() <= links.items()
    else:
        assert ADMIN_LINKS.keys().isdisjoint(links), f"{role} sees admin links: {links}"
    screenshot(f"role-{role}-register")

    # The user administration: the table for the administrator, a Vietnamese 403 page for everyone else.
    blank_browser.get(server.url + "/admin/users")
    if role == "admin":
        assert page_status(blank_browser) == 200
        assert blank_browser.find_element(By.TAG_NAME, "h1").text == "Người dùng"
        emails = [cell.text for cell in blank_browser.find_elements(By.CSS_SELECTOR, "table tbody tr td:first-child")]
        assert {email for email, _ in server.accounts.values()} | {server.first_admin[0]} <= set(emails)
        assert blank_browser.find_elements(By.CSS_SELECTOR, "form[action='/admin/users']")
    else:
        assert page_status(blank_browser) == 403
        assert blank_browser.find_element(By.TAG_NAME, "h1").text == "Có lỗi (403)"
        assert blank_browser.find_element(By.CSS_SELECTOR, "p.error").text == FORBIDDEN
        assert not blank_browser.find_elements(By.CSS_SELECTOR, "table")
        assert not blank_browser.find_elements(By.CSS_SELECTOR, "form[action='/admin/users']")
    screenshot(f"role-{role}-admin-users")


def test_sign_out_button_ends_the_session(blank_browser, server):
    sign_in(blank_browser, server, "coordinator")

    blank_browser.find_element(By.CSS_SELECTOR, "form.logout button[type=submit]").click()
    wait_for_page(blank_browser, leaving="/")

    assert path_of(blank_browser) == "/login"
    blank_browser.get(server.url + "/")
    assert path_of(blank_browser) == "/login?next=%2F"


def test_read_token_made_on_the_page_reads_cannot_write_and_stops_when_revoked(blank_browser, fresh_server, screenshot):
    sign_in(blank_browser, fresh_server, "admin", next="/account/tokens")
    assert blank_browser.find_element(By.TAG_NAME, "h1").text == "Mã truy cập API"

    # Create a read token; it is shown once.
    form = blank_browser.find_element(By.CSS_SELECTOR, "form[action='/account/tokens']")
    form.find_element(By.NAME, "name").send_keys("Tập lệnh kiểm thử")
    form.find_element(By.CSS_SELECTOR, "select[name=scope] option[value=read]").click()
    days = form.find_element(By.NAME, "days")
    days.clear()
    days.send_keys("30")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    token = WebDriverWait(blank_browser, 10).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "code.token"))).text.strip()
    screenshot("tokens-created")
    assert token.startswith("ct_") and len(token) > 20
    row = blank_browser.find_element(By.XPATH, "//tr[td[1][normalize-space()='Tập lệnh kiểm thử']]")
    assert row.find_element(By.CSS_SELECTOR, "td:nth-child(2) code").text == token[:9] + "…"
    assert row.find_element(By.CSS_SELECTOR, "td:nth-child(3)").text == "Chỉ đọc"
    blank_browser.get(fresh_server.url + "/account/tokens")
    assert token not in blank_browser.page_source, "the token is shown only once"

    # It reads…
    headers = {"Authorization": f"Bearer {token}"}
    indicators = requests.get(fresh_server.url + "/api/v1/indicators", headers=headers, timeout=30)
    assert indicators.status_code == 200 and len(indicators.json()) == 37
    assert requests.get(fresh_server.url + "/api/v1/me", headers=headers, timeout=30).json()["email"] == \
        fresh_server.accounts["admin"][0]
    # …but may not write, though its owner (an administrator) may.
    organisation = {"code": "TT-DOC", "name": "Trung tâm chỉ đọc", "kind": "otherUnit", "medical": "no", "parent": "SYT"}
    refused = requests.post(fresh_server.url + "/api/v1/organisations", json=organisation, headers=headers, timeout=30)
    assert refused.status_code == 403
    assert refused.json() == {"error": True, "reason": "Mã truy cập này chỉ được đọc, không được ghi."}
    assert "TT-DOC" not in {unit["code"] for unit in fresh_server.json("/api/v1/organisations")}

    # Revoked on the page, it is refused.
    blank_browser.get(fresh_server.url + "/account/tokens")
    row = blank_browser.find_element(By.XPATH, "//tr[td[1][normalize-space()='Tập lệnh kiểm thử']]")
    assert row.find_element(By.CSS_SELECTOR, "td:nth-child(5)").text != "—", "the page shows when it was last used"
    row.find_element(By.CSS_SELECTOR, "form[action$='/revoke'] button[type=submit]").click()
    # The row is read again until the page after the revoke has replaced it (a row of the old page may go stale).
    WebDriverWait(blank_browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: "Đã thu hồi" in d.find_element(
        By.XPATH, "//tr[td[1][normalize-space()='Tập lệnh kiểm thử']]").text)
    assert path_of(blank_browser) == "/account/tokens"
    screenshot("tokens-revoked")
    revoked = requests.get(fresh_server.url + "/api/v1/indicators", headers=headers, timeout=30)
    assert revoked.status_code == 401
    assert revoked.json() == {"error": True, "reason": "Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."}
