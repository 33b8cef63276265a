"""A whole reporting cycle in Chromium, as its users would run it (issue 7's "Done when"): the coordinator creates
and opens a cycle, two hospitals fill in, save and submit their reports, one on time and one late, the coordinator
returns one and approves both, the cycle page shows completeness and timeliness, and the change log's hash chain
holds until a row of it is edited by hand. Screenshots go to E2E_SCREENSHOTS.

Hospital A has a unit head (the demo one, `chitieu demo`): its reporter's submission goes to him, and his signature
in the browser is the submission the Department and the deadline count (issue 15, part 9).

Reports are due "trước ngày" the due day (issue 15, part 10): on time until the due day begins in Việt Nam. The
server runs with a clock the test sets (`ServerClock`, a small LD_PRELOAD library built here with the C compiler):
hospital A reports and its head signs in the last hour of the day before the due day (on time); hospital B submits
in the first minutes of the due day (late); then the clock is right again (today, after the due day).
"""

from __future__ import annotations

import math
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import (DESKTOP, PHONE, Server, fill_sign_in_form, page_status, path_of, set_viewport, sign_in,
                      start_server, wait_for_page, wait_until_replaced)

pytestmark = pytest.mark.browser

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PERIOD = "2026NovS2"
UNIT_A, UNIT_B = "MAU-BVDK-A", "MAU-BVDK-B"  # the demo reporter's hospital, and the one of a reporter made here
REPORTER_B_EMAIL = "canbo.baocao@bvdk-b.chitieu.local"
REPORTER_B_PASSWORD = "Hoa-Lu-Trang-An-2026"
RETURN_REASON = "Số liệu CT01 chưa khớp sổ theo dõi đào tạo, đề nghị đơn vị kiểm tra lại."

SAVED = "Đã lưu nháp."
SENT = "Đã gửi báo cáo. Các ô không sửa được nữa cho đến khi báo cáo được trả lại."
SENT_TO_HEAD = "Đã lưu và gửi thủ trưởng đơn vị ký."
SIGNED = "Đã ký và gửi Sở Y tế."
AWAITING_HEAD = "Chờ thủ trưởng ký"
NOT_SUBMITTED = "Chưa gửi: sửa các ô được đánh dấu đỏ (số liệu chưa được lưu)."
NUMERATOR_ABOVE_DENOMINATOR = "Tử số không được lớn hơn mẫu số."
LATE = "Nộp muộn"


# The server's clock ------------------------------------------------------------------------------

CLOCK_SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* Seconds to add to the wall clock, read from the file named by CHITIEU_E2E_CLOCK_FILE at every call. */
static long offset_seconds(void) {
    const char *path = getenv("CHITIEU_E2E_CLOCK_FILE");
    if (!path) return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char text[32];
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0) return 0;
    text[n] = 0;
    return strtol(text, NULL, 10);
}

int clock_gettime(clockid_t clock, struct timespec *now) {
    static int (*real)(clockid_t, struct timespec *);
    if (!real) real = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
    int result = real(clock, now);
    if (result == 0 && (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)) now->tv_sec += offset_seconds();
    return result;
}

int gettimeofday(struct timeval *restrict now, void *restrict zone) {
    static int (*real)(struct timeval *restrict, void *restrict);
    if (!real) real = (int (*)(struct timeval *restrict, void *restrict))dlsym(RTLD_NEXT, "gettimeofday");
    int result = real(now, zone);
    if (result == 0 && now) now->tv_sec += offset_seconds();
    return result;
}

time_t time(time_t *out) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (out) *out = now.tv_sec;
    return now.tv_sec;
}
"""


@dataclass
class ServerClock:
    """The wall clock of one server: `set_to(moment)` makes it read `moment` now (and run on from there),
    `reset()` right again."""

    file: Path

    def set_to(self, moment: datetime) -> None:
        self.file.write_text(str(int((moment - datetime.now(VIETNAM)).total_seconds())))

    def reset(self) -> None:
        self.file.write_text("0")


def build_clock_shim(folder: Path) -> Path:
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if compiler is None:
        pytest.fail("a C compiler (cc) is needed to build the clock shim of this test", pytrace=False)
    source, library = folder / "clock.c", folder / "clock.so"
    source.write_text(CLOCK_SHIM)
    subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", str(library), str(source), "-ldl"], check=True)
    return library


@pytest.fixture
def clocked_server(tmp_path):
    """A fresh server whose wall clock the test sets. Only the server (and its command line run by
    `start_server`) gets the library: Chromium and later `chitieu` commands keep the real time."""
    clock = ServerClock(tmp_path / "clock-offset")
    clock.reset()
    library = build_clock_shim(tmp_path)
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("LD_PRELOAD", str(library))
        environment.setenv("CHITIEU_E2E_CLOCK_FILE", str(clock.file))
        running = start_server(tmp_path / "app")
    yield running, clock
    running.stop()


# Small helpers -----------------------------------------------------------------------------------

def today_in_vietnam() -> date:
    return datetime.now(VIETNAM).date()


def vi_day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def vi_percent(part: int, whole: int) -> str:
    """A share as the pages write it in Vietnamese: one decimal at most, decimal comma, a space before %."""
    tenths = math.floor(1000 * part / whole + 0.5)  # 100·part/whole in tenths, halves rounded up as Swift does
    text = f"{tenths // 10},{tenths % 10}" if tenths % 10 else str(tenths // 10)
    return text + " %"


def wait_until_loaded(driver) -> None:
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def click(driver, element) -> None:
    """Clicks as a user would, the element first scrolled to the middle (the report's action bar sticks to the bottom)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def submit_with(driver, button) -> None:
    """Clicks a form's button and waits for the answer to replace the page."""
    page = driver.find_element(By.TAG_NAME, "html")
    click(driver, button)
    wait_until_replaced(driver, page)
    wait_until_loaded(driver)


def type_into(driver, field, text: str) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.clear()
    field.send_keys(text)


def text_of(driver, css: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, css).text.strip()


def switch_user(driver, server: Server, role: str | None = None, email: str = "", password: str = "", next: str = "/") -> None:
    """Forgets whoever was signed in and signs in as the demo account of `role`, or as `email`."""
    driver.get(server.url + "/health")
    driver.delete_all_cookies()
    if role:
        sign_in(driver, server, role, next=next)
    else:
        fill_sign_in_form(driver, server, email, password, next)
        wait_for_page(driver)


# Cycles ------------------------------------------------------------------------------------------

def create_cycle(driver, server: Server, period: str) -> str:
    """Creates a cycle on /cycles; returns its page's path."""
    driver.get(server.url + "/cycles")
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/cycles']")
    type_into(driver, form.find_element(By.NAME, "period"), period)
    submit_with(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert re.fullmatch(r"/cycles/[0-9A-F-]{36}", path_of(driver)), f"creating {period} led to {path_of(driver)}"
    return path_of(driver)


def cycle_facts(driver) -> dict[str, str]:
    terms = driver.find_elements(By.CSS_SELECTOR, "dl.facts dt")
    return {term.text.strip(): term.find_element(By.XPATH, "following-sibling::dd[1]").text.strip() for term in terms}


def edit_cycle_dates(driver, start: date, end: date, cutoff: date, due: date) -> None:
    summary = driver.find_element(By.XPATH, "//details/summary[normalize-space()='Sửa ngày của đợt']")
    click(driver, summary)
    form = summary.find_element(By.XPATH, "following-sibling::form")
    for name, day in (("start", start), ("end", end), ("cutoff", cutoff), ("due", due)):
        type_into(driver, form.find_element(By.NAME, name), vi_day(day))
    submit_with(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def statistics(driver) -> dict[str, str]:
    """The cycle page's figures by label: {"Phải báo cáo": "21", …, "Tính kịp thời": "4,8 %"}."""
    boxes = driver.find_elements(By.CSS_SELECTOR, "#statistics > div")
    return {box.find_element(By.CSS_SELECTOR, "span:not(.figure)").text.strip(): box.find_element(By.CSS_SELECTOR, ".figure").text.strip()
            for box in boxes}


def cycle_rows(driver) -> dict[str, dict]:
    """The cycle page's report table by organisation code: state, submission cell, report path."""
    rows = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "table.cards tbody tr"):
        cells = row.find_elements(By.TAG_NAME, "td")
        link = cells[0].find_element(By.TAG_NAME, "a")
        rows[link.text.strip()] = {"state": cells[2].text.strip(), "submitted": cells[3].text.strip(),
                                   "late": bool(cells[3].find_elements(By.CSS_SELECTOR, ".badge.late")),
                                   "path": "/" + link.get_attribute("href").split("/", 3)[3]}
    return rows


# Reports -----------------------------------------------------------------------------------------

def open_own_report(driver, server: Server, organisation: str) -> str:
    """Opens the reporter's report of PERIOD from /reports, the only one listed; returns its path."""
    driver.get(server.url + "/reports")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.cards tbody tr")
    assert len(rows) == 1, f"a unit reporter sees only their own report, not {[row.text for row in rows]}"
    assert organisation in rows[0].text and PERIOD in rows[0].text
    link = rows[0].find_element(By.CSS_SELECTOR, "td a")
    click(driver, link)
    wait_until_loaded(driver)
    assert re.fullmatch(r"/reports/[0-9A-F-]{36}", path_of(driver))
    return path_of(driver)


def report_form(driver):
    return driver.find_element(By.ID, "report-form")


def value_boxes(driver) -> list:
    return report_form(driver).find_elements(By.CSS_SELECTOR, "fieldset.value")


def planned_values(driver, seed: int) -> dict[str, str]:
    """A value for every input of the form, by field name, as a user types them (Vietnamese numbers).
    The first ratio is 1.000 / 1.250 (= 80 %); the others whole numbers with numerator ≤ denominator."""
    values: dict[str, str] = {}
    first_ratio = True
    for index, box in enumerate(value_boxes(driver)):
        code = box.get_attribute("id")
        name = f"values[{code}]"
        if box.find_elements(By.CSS_SELECTOR, ".ratio"):
            numerator, denominator = ("1.000", "1.250") if first_ratio else (str(seed + index), str(2 * (seed + index)))
            values[f"{name}[numerator]"], values[f"{name}[denominator]"] = numerator, denominator
            first_ratio = False
        elif box.find_elements(By.NAME, f"{name}[amount]"):
            values[f"{name}[amount]"] = str(seed + index)
        elif box.find_elements(By.NAME, f"{name}[answer]"):
            values[f"{name}[answer]"] = "yes" if (seed + index) % 2 else "no"
        else:
            levels = [option.text for option in Select(box.find_element(By.NAME, f"{name}[level]")).options if option.get_attribute("value")]
            values[f"{name}[level]"] = levels[(seed + index) % len(levels)]
    values["results"] = f"Đơn vị đã triển khai bệnh án điện tử ở {seed} khoa."
    return values


def fill(driver, values: dict[str, str]) -> None:
    form = report_form(driver)
    for name, value in values.items():
        field = form.find_element(By.NAME, name) if not name.endswith("[answer]") else \
            form.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
        if field.tag_name == "select":
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
            Select(field).select_by_visible_text(value)
        elif field.get_attribute("type") == "radio":
            click(driver, field)
        else:
            type_into(driver, field, value)


def shown_values(driver, names) -> dict[str, str]:
    """What the form holds now for each of `names`."""
    form = report_form(driver)
    shown = {}
    for name in names:
        if name.endswith("[answer]"):
            checked = form.find_elements(By.CSS_SELECTOR, f"input[name='{name}']:checked")
            shown[name] = checked[0].get_attribute("value") if checked else ""
        elif name.endswith("[level]"):
            shown[name] = Select(form.find_element(By.NAME, name)).first_selected_option.text
        else:
            shown[name] = form.find_element(By.NAME, name).get_attribute("value")
    return shown


def percent_next_to(driver, code: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f"fieldset#{code} .ratio output.percent").text.strip()


def first_ratio_code(values: dict[str, str]) -> str:
    return next(re.match(r"values\[(\w+)\]", name).group(1) for name, value in values.items() if value == "1.250")


def some_count_field(values: dict[str, str]) -> str:
    return next(name for name in values if name.endswith("[amount]"))


def api_report(server: Server, email: str, password: str, path: str) -> dict:
    """The report as the API gives it to its reporter (a session of their own)."""
    session, answer = server.sign_in(email, password)
    assert answer.status_code == 303, f"{email} signs in: {answer.status_code}"
    response = session.get(server.url + "/api/v1" + path, timeout=30)
    assert response.status_code == 200, response.text[:300]
    return response.json()


def api_value(report: dict, code: str) -> dict:
    return next(value for value in report["values"] if value["indicator"] == code)


def page_messages(driver) -> list[str]:
    """The error, warning and notice texts of the page, for failure messages."""
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".error, .field-error, .field-warning, .notice")
            if element.text.strip()]


def phone_screenshot(driver, screenshot, name: str) -> None:
    set_viewport(driver, *PHONE)
    assert driver.execute_script("return window.innerWidth") == PHONE[0]
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    screenshot(name)
    set_viewport(driver, *DESKTOP)
    assert overflow <= 1, f"the report form is {overflow} px wider than a phone"


def fill_save_try_invalid_and_submit(driver, server: Server, screenshot, *, organisation: str, email: str, password: str,
                                     seed: int, shots: str, to_head: bool = False) -> tuple[str, dict[str, str]]:
    """A unit reporter's whole round on their report: fill every input, see the computed percentage, save a
    draft, try one invalid value (refused, nothing saved), correct it and submit — to the Department, or, `to_head`,
    to the unit's head for his signature. Returns the report's path and the values submitted."""
    path = open_own_report(driver, server, organisation)
    assert text_of(driver, "#report-state") == "Đang soạn"
    values = planned_values(driver, seed)
    kinds = {name.rsplit("[", 1)[1].rstrip("]") for name in values if name.startswith("values[")}
    assert kinds == {"numerator", "denominator", "amount", "answer", "level"}, f"a hospital reports every measure: {kinds}"
    ratio = first_ratio_code(values)

    # Every input filled; the percentage of a ratio appears as the numbers are typed, read the Vietnamese way.
    fill(driver, values)
    WebDriverWait(driver, 5).until(lambda d: percent_next_to(d, ratio) == "80 %")
    screenshot(f"{shots}-filled-desktop")
    phone_screenshot(driver, screenshot, f"{shots}-filled-phone")

    # The draft is saved, and every value comes back as typed.
    submit_with(driver, driver.find_element(By.ID, "save-draft"))
    assert path_of(driver) == path + "?saved=draft", f"saving the draft: {page_status(driver)} {page_messages(driver)}"
    assert text_of(driver, "#saved") == SAVED
    assert text_of(driver, "#report-state") == "Đang soạn"
    assert shown_values(driver, values) == values
    assert percent_next_to(driver, ratio) == "80 %"
    saved = api_report(server, email, password, path)
    assert saved["report"]["state"] == "draft"
    assert (api_value(saved, ratio)["numerator"], api_value(saved, ratio)["denominator"]) == (1000, 1250)

    # A numerator above its denominator is refused next to the field; nothing is saved, not even a valid change.
    count = some_count_field(values)
    invalid = {f"values[{ratio}][numerator]": "1.300", count: "77"}
    fill(driver, invalid)
    WebDriverWait(driver, 5).until(lambda d: percent_next_to(d, ratio) == "104 %")
    submit_with(driver, driver.find_element(By.ID, "submit-report"))
    assert page_status(driver) == 400
    assert text_of(driver, "#report-error") == NOT_SUBMITTED
    box = driver.find_element(By.CSS_SELECTOR, f"fieldset#{ratio}")
    assert "invalid" in box.get_attribute("class").split()
    assert [p.text for p in box.find_elements(By.CSS_SELECTOR, "p.field-error")] == [NUMERATOR_ABOVE_DENOMINATOR]
    assert driver.execute_script("return getComputedStyle(arguments[0]).color",
                                 box.find_element(By.CSS_SELECTOR, "p.field-error")) == "rgb(155, 28, 28)", "the message is red"
    assert len(driver.find_elements(By.CSS_SELECTOR, "p.field-error")) == 1, "only the wrong field is marked"
    assert shown_values(driver, invalid) == invalid, "what was typed stays in the form"
    screenshot(f"{shots}-invalid")
    unchanged = api_report(server, email, password, path)
    assert unchanged["report"]["state"] == "draft" and unchanged["report"]["version"] == saved["report"]["version"]
    assert unchanged["report"]["submittedAt"] is None
    assert api_value(unchanged, ratio)["numerator"] == 1000
    count_code = re.match(r"values\[(\w+)\]", count).group(1)
    assert api_value(unchanged, count_code)["amount"] == int(values[count])

    # Corrected, the report is submitted with the new count.
    fill(driver, {f"values[{ratio}][numerator]": "1.000"})
    submit_with(driver, driver.find_element(By.ID, "submit-report"))
    assert path_of(driver) == path + "?saved=submitted", f"submitting: {page_status(driver)} {page_messages(driver)}"
    assert text_of(driver, "#saved") == (SENT_TO_HEAD if to_head else SENT)
    assert text_of(driver, "#report-state") == (AWAITING_HEAD if to_head else "Đã gửi")
    assert not driver.find_elements(By.ID, "submit-report"), "a submitted report is no longer editable"
    submitted = dict(values, **{count: "77"})
    assert shown_values(driver, submitted) == submitted
    return path, submitted


def review(driver, server: Server, path: str, *, reason: str | None = None) -> None:
    """The coordinator returns (with `reason`) or approves the report at `path`, lands on the next report waiting (or
    the emptied queue) with a line saying what was done, and finds the report in its new state."""
    driver.get(server.url + path)
    assert text_of(driver, "#report-state") == "Đã gửi"
    if reason is None:
        submit_with(driver, driver.find_element(By.ID, "approve"))
        done, state = "Đã duyệt báo cáo của", "Đã duyệt"
    else:
        type_into(driver, driver.find_element(By.ID, "return-reason-input"), reason)
        submit_with(driver, driver.find_element(By.ID, "return"))
        done, state = "Đã trả lại báo cáo của", "Bị trả lại"
    assert text_of(driver, "#queue-done").startswith(done)
    assert path_of(driver) != path, "the coordinator moves on to the next report waiting"
    driver.get(server.url + path)
    assert text_of(driver, "#report-state") == state


def head_signs(driver, server: Server, path: str, screenshot=None) -> None:
    """The unit head (the demo one) opens the report awaiting him, sees it read-only, and signs and sends it."""
    switch_user(driver, server, "unitHead", next=path)
    assert text_of(driver, "#report-state") == AWAITING_HEAD
    assert not driver.find_elements(By.ID, "submit-report") and not driver.find_elements(By.ID, "save-draft"), "the head enters no values"
    assert driver.find_element(By.ID, "head-return"), "the head may return it to the reporter"
    if screenshot:
        screenshot("reporting-head-report")
    submit_with(driver, driver.find_element(By.ID, "sign"))
    assert path_of(driver) == path + "?saved=signed", f"signing: {page_status(driver)} {page_messages(driver)}"
    assert text_of(driver, "#saved") == SIGNED
    assert text_of(driver, "#report-state") == "Đã gửi"
    assert text_of(driver, "#signed-by").startswith("Thủ trưởng ký: " + server.accounts["unitHead"][0])


def submission_day(driver) -> str:
    """The dd/mm/yyyy of "Gửi lúc …" on a report page."""
    match = re.search(r"Gửi lúc (\d\d/\d\d/\d{4}) \d\d:\d\d", text_of(driver, "p.report-meta"))
    assert match, f"no submission time in {text_of(driver, 'p.report-meta')!r}"
    return match.group(1)


# The test ----------------------------------------------------------------------------------------

def test_a_cycle_from_opening_to_timeliness_with_one_late_unit(blank_browser, clocked_server, screenshot):
    driver = blank_browser
    server, clock = clocked_server
    today = today_in_vietnam()
    due = today - timedelta(days=7)  # "trước ngày" a week ago: on time through the day before it, in Việt Nam
    start, end = date(2026, 5, 1), date(2026, 10, 31)
    assert due >= end, f"this test needs the machine's date after {vi_day(end + timedelta(days=7))}, not {vi_day(today)}"
    last_hour = datetime.combine(due - timedelta(days=1), datetime.min.time(), VIETNAM).replace(hour=23)  # 23:00 the day before
    first_minute = datetime.combine(due, datetime.min.time(), VIETNAM).replace(second=5)                 # 00:00:05 on the due day
    a_day = vi_day(due - timedelta(days=1))

    # 1. The coordinator creates the cycle (preset dates: due before 15/11/2026), sets its dates, opens it.
    switch_user(driver, server, "coordinator", next="/cycles")
    cycle = create_cycle(driver, server, PERIOD)
    assert PERIOD in text_of(driver, "h1") and text_of(driver, "h1 .state") == "Dự kiến"
    assert cycle_facts(driver)["Hạn nộp"] == "trước ngày 15/11/2026"
    edit_cycle_dates(driver, start, end, end, due)
    assert path_of(driver) == cycle
    assert cycle_facts(driver) == {"Thời gian số liệu": f"{vi_day(start)} – {vi_day(end)}", "Ngày chốt số liệu": vi_day(end),
                                   "Hạn nộp": f"trước ngày {vi_day(due)}", "Nhắc tự động trước hạn (ngày)": "7"}
    submit_with(driver, driver.find_element(By.ID, "open-cycle"))
    assert text_of(driver, "h1 .state") == "Đang mở"
    rows = cycle_rows(driver)
    expected = len(rows)
    assert {UNIT_A, UNIT_B} <= rows.keys()
    assert {row["state"] for row in rows.values()} == {"Đang soạn"}
    assert statistics(driver)["Phải báo cáo"] == str(expected)
    assert (text_of(driver, "#completeness"), text_of(driver, "#timeliness")) == ("0 %", "0 %")
    screenshot("reporting-cycle-opened")

    # 2a. The administrator gives hospital B a reporter, who replaces the one-time password at first sign-in.
    switch_user(driver, server, "admin", next="/admin/users")
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/admin/users']")
    type_into(driver, form.find_element(By.NAME, "email"), REPORTER_B_EMAIL)
    type_into(driver, form.find_element(By.NAME, "name"), "Cán bộ báo cáo Bệnh viện B")
    Select(form.find_element(By.NAME, "role")).select_by_value("unitReporter")
    Select(form.find_element(By.NAME, "organisation")).select_by_value(UNIT_B)
    submit_with(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    created = text_of(driver, "div.notice code.token")
    assert created.startswith(REPORTER_B_EMAIL + ": "), created
    one_time = created.split(": ", 1)[1]
    switch_user(driver, server, email=REPORTER_B_EMAIL, password=one_time, next="/reports")
    assert path_of(driver) == "/account/password?next=%2Freports"
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/account/password']")
    type_into(driver, form.find_element(By.NAME, "current"), one_time)
    type_into(driver, form.find_element(By.NAME, "password"), REPORTER_B_PASSWORD)
    type_into(driver, form.find_element(By.NAME, "confirmation"), REPORTER_B_PASSWORD)
    submit_with(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert path_of(driver) == "/reports?password=changed"

    # 2b. In the last hour of the day before the due day, hospital A's reporter (the demo one) sends the report to
    # the head; the Department does not count it yet. The head signs: that is the (on-time) submission.
    clock.set_to(last_hour)
    email_a, password_a = server.accounts["unitReporter"]
    session_a, _ = server.sign_in(email_a, password_a)
    assert session_a.get(server.url + "/api/v1/me", timeout=30).json()["organisation"] == UNIT_A
    switch_user(driver, server, "unitReporter", next="/reports")
    report_a, _ = fill_save_try_invalid_and_submit(driver, server, screenshot, organisation=UNIT_A, email=email_a,
                                                   password=password_a, seed=3, shots="reporting-report-a", to_head=True)
    assert api_report(server, email_a, password_a, report_a)["report"]["submittedAt"] is None, "not with the Department yet"
    head_signs(driver, server, report_a, screenshot)
    assert submission_day(driver) == a_day, "signed in the last hour of the day before the due day"
    assert not driver.find_elements(By.CSS_SELECTOR, "p.report-meta .badge.late")

    # 2c. Five seconds into the due day, hospital B (no head) submits: late, and still accepted.
    clock.set_to(first_minute)
    switch_user(driver, server, email=REPORTER_B_EMAIL, password=REPORTER_B_PASSWORD, next="/reports")
    report_b, _ = fill_save_try_invalid_and_submit(driver, server, screenshot, organisation=UNIT_B, email=REPORTER_B_EMAIL,
                                                   password=REPORTER_B_PASSWORD, seed=11, shots="reporting-report-b")
    assert submission_day(driver) == vi_day(due)
    assert text_of(driver, "p.report-meta .badge.late") == LATE
    clock.reset()

    # 3. The coordinator sees both submitted, returns A's report with a reason and approves B's.
    switch_user(driver, server, "coordinator", next=cycle)
    assert cycle_rows(driver)[UNIT_A]["path"] == report_a and cycle_rows(driver)[UNIT_B]["path"] == report_b
    assert cycle_rows(driver)[UNIT_A]["state"] == "Đã gửi" and cycle_rows(driver)[UNIT_B]["state"] == "Đã gửi"
    review(driver, server, report_a, reason=RETURN_REASON)
    review(driver, server, report_b)

    # A sees the reason, changes a value and sends it to the head again, who signs it again (today, after the due day:
    # the first submission counts).
    switch_user(driver, server, "unitReporter", next=report_a)
    assert text_of(driver, "#return-reason") == f"Báo cáo bị trả lại: {RETURN_REASON}"
    assert text_of(driver, "#report-state") == "Bị trả lại"
    screenshot("reporting-report-a-returned")
    ratio = next(box.get_attribute("id") for box in value_boxes(driver) if box.find_elements(By.CSS_SELECTOR, ".ratio"))
    fill(driver, {f"values[{ratio}][numerator]": "1.100"})
    WebDriverWait(driver, 5).until(lambda d: percent_next_to(d, ratio) == "88 %")
    submit_with(driver, driver.find_element(By.ID, "submit-report"))
    assert path_of(driver) == report_a + "?saved=submitted"
    assert text_of(driver, "#report-state") == AWAITING_HEAD
    assert not driver.find_elements(By.ID, "return-reason")
    head_signs(driver, server, report_a)
    assert submission_day(driver) == a_day and not driver.find_elements(By.CSS_SELECTOR, "p.report-meta .badge.late")
    assert api_value(api_report(server, email_a, password_a, report_a), ratio)["numerator"] == 1100

    switch_user(driver, server, "coordinator", next=report_a)
    review(driver, server, report_a)

    # 4. The cycle's figures: two of `expected` reported, one on time.
    driver.get(server.url + cycle)
    rows = cycle_rows(driver)
    assert len(rows) == expected
    assert (rows[UNIT_A]["state"], rows[UNIT_A]["late"]) == ("Đã duyệt", False)
    assert (rows[UNIT_B]["state"], rows[UNIT_B]["late"]) == ("Đã duyệt", True)
    assert rows[UNIT_A]["submitted"].startswith(a_day)
    assert rows[UNIT_B]["submitted"].startswith(vi_day(due) + " 00:0") and rows[UNIT_B]["submitted"].endswith(LATE)
    others = {code: row for code, row in rows.items() if code not in (UNIT_A, UNIT_B)}
    assert {(row["state"], row["submitted"]) for row in others.values()} == {("Đang soạn", "")}
    assert statistics(driver) == {
        "Phải báo cáo": str(expected), "Đã gửi": "2", "Đã duyệt": "2", "Gửi muộn": "1", "Chưa gửi": str(expected - 2),
        "Tính đầy đủ": vi_percent(2, expected), "Tính kịp thời": vi_percent(1, expected),
    }
    assert text_of(driver, "#completeness") == vi_percent(2, expected)
    assert text_of(driver, "#timeliness") == vi_percent(1, expected)
    screenshot("reporting-cycle-statistics")

    # 5. The change log's hash chain holds; edited by hand, `chitieu audit verify` names the entry.
    intact = server.chitieu("audit", "verify")
    assert intact.returncode == 0, f"{intact.stdout}\n{intact.stderr}\n{server.log_tail()}"
    assert "Nhật ký thay đổi toàn vẹn" in intact.stdout
    with sqlite3.connect(server.chitieu.database_path) as database:
        sequence, value = database.execute("SELECT sequence, new_value FROM audit_log ORDER BY sequence DESC LIMIT 1").fetchone()
        database.execute("UPDATE audit_log SET new_value = ? WHERE sequence = ?", ("999" if value != "999" else "998", sequence))
    broken = server.chitieu("audit", "verify")
    assert broken.returncode != 0
    assert f"Nhật ký thay đổi bị sửa: mục số {sequence} không khớp chuỗi băm." in broken.stdout + broken.stderr
