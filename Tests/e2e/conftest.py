"""End-to-end checks of the built `chitieu` binary: its command line, its API, its pages in Chromium.

Run from the repository root after `swift build`:

    python3 -m venv .venv && .venv/bin/pip install -r Tests/e2e/requirements.txt
    .venv/bin/python -m pytest Tests/e2e

Environment:
    CHITIEU_BIN     the binary (default .build/debug/chitieu; relative paths are from the repository root)
    E2E_SCREENSHOTS where page screenshots go (default /tmp/e2e-shots)

Every server runs on its own fresh SQLite file (DATABASE_PATH in a temporary folder, DATABASE_URL
removed), with the repository root as working directory so that it finds Resources/ and Public/.

Everything but /login, /health, /api/v1/openapi.json and static files needs a signed-in user. Each
server therefore comes with accounts: the first administrator that its first `serve` printed in its log
(`server.first_admin`, who must still change the password) and one demo account per role made by
`chitieu demo` (`server.accounts[role]`, ready to use). `server.get` and `server.json` go through a
requests session signed in as the demo administrator through the real sign-in form; `server.session(role)`
gives a session for any role, `server.anonymous_get` none. In Chromium, `browser` is signed in as the
demo administrator, `blank_browser` not at all; `sign_in(driver, server, role)` fills the sign-in form.
"""

from __future__ import annotations

import ctypes
import html
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_PLAN = REPO_ROOT / "Resources/Plans/ninh-binh-khcn-cds-2025.json"
DEMO_UNITS = REPO_ROOT / "Resources/Organisations/demo-units.csv"
STARTUP_SECONDS = 90
COMMAND_SECONDS = 120
ROLES = ("admin", "leadership", "coordinator", "leadOffice", "unitReporter", "unitHead")
WRONG_CREDENTIALS = "Sai tên đăng nhập hoặc mật khẩu."


def chitieu_binary() -> Path:
    path = Path(os.environ.get("CHITIEU_BIN", ".build/debug/chitieu"))
    return path if path.is_absolute() else REPO_ROOT / path


def app_environment(database_path: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the binary: this SQLite file, never a PostgreSQL DATABASE_URL; the default first
    administrator, plain-HTTP cookies and session length, no SMTP whatever the caller's environment says;
    then `extra` (e.g. SMTP_HOST for a test's own mail server)."""
    ignored = ("DATABASE_URL", "CHITIEU_LANG", "ADMIN_EMAIL", "COOKIE_SECURE", "PUBLIC_URL", "SESSION_IDLE_MINUTES",
               "SMTP_HOST", "SMTP_PORT", "SMTP_FROM", "SMTP_USER", "SMTP_PASSWORD", "REMINDER_CHECK_MINUTES")
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env["DATABASE_PATH"] = str(database_path)
    env.update(extra or {})
    return env


@dataclass
class Chitieu:
    """Runs `chitieu …` commands against one database file."""

    binary: Path
    database_path: Path
    extra_environment: dict[str, str] = field(default_factory=dict)

    def __call__(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.binary), *arguments],
            cwd=REPO_ROOT, env=app_environment(self.database_path, self.extra_environment),
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=COMMAND_SECONDS,
        )


RUNNING_SERVERS: set[int] = set()  # PIDs of servers still running, which reap_orphans leaves alone


@dataclass
class Server:
    """A running `chitieu serve`, the command line that works on the same database, and its accounts."""

    url: str
    process: subprocess.Popen
    log_path: Path
    chitieu: Chitieu
    accounts: dict[str, tuple[str, str]] = field(default_factory=dict)  # role -> (email, password), from `chitieu demo`
    first_admin: tuple[str, str] | None = None  # (email, password) printed by the first `serve`
    _admin_session: requests.Session | None = field(default=None, repr=False)

    def get(self, path: str, **kwargs) -> requests.Response:
        """GET as the demo administrator (signed in through the sign-in form on first use)."""
        if self._admin_session is None:
            self._admin_session = self.session("admin")
        response = self._admin_session.get(self.url + path, timeout=30, **kwargs)
        # A lost session would quietly turn every page into the sign-in form.
        assert not any(urlsplit(step.headers.get("Location", "")).path == "/login" for step in response.history), \
            f"GET {path} as the demo administrator was sent to the sign-in page"
        return response

    def anonymous_get(self, path: str, **kwargs) -> requests.Response:
        """GET with no cookies and no token; redirects are not followed."""
        return requests.get(self.url + path, timeout=30, allow_redirects=False, **kwargs)

    def json(self, path: str):
        response = self.get(path)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text[:500]}"
        return response.json()

    def sign_in(self, email: str, password: str, next: str | None = None) -> tuple[requests.Session, requests.Response]:
        """Signs in through the form as a browser would: GET /login (csrf cookie and field), then POST it.
        Returns the session and the answer to the POST (not followed: 303 on success, 401 page on failure)."""
        session = requests.Session()
        form = session.get(self.url + "/login" + (f"?next={quote(next, safe='')}" if next else ""), timeout=30)
        assert form.status_code == 200, f"GET /login: {form.status_code} {form.text[:300]}"
        assert session.cookies.get("chitieu_csrf"), "the sign-in page sets the csrf cookie"
        data = {"email": email, "password": password, "csrf": form_csrf(form.text), "next": form_field(form.text, "next")}
        answer = session.post(self.url + "/login", data=data, timeout=30, allow_redirects=False)
        return session, answer

    def session(self, role: str) -> requests.Session:
        """A new requests session signed in as the demo account of `role`."""
        email, password = self.accounts[role]
        session, answer = self.sign_in(email, password)
        assert answer.status_code == 303 and answer.headers["Location"] == "/", \
            f"signing in as {role} ({email}): {answer.status_code} {answer.headers.get('Location')} {answer.text[:300]}"
        assert session.cookies.get("chitieu_session"), "signing in sets the session cookie"
        return session

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Stops the server by its PID and reaps it (PID 1 in CI containers does not reap)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        RUNNING_SERVERS.discard(self.process.pid)


def form_field(page: str, name: str) -> str:
    """The value of the (first) input named `name` in an HTML page."""
    match = re.search(r'<input[^>]*\bname="%s"[^>]*\bvalue="([^"]*)"' % re.escape(name), page)
    assert match, f"no input named {name} in the page:\n{page[:1000]}"
    return html.unescape(match.group(1))


def form_csrf(page: str) -> str:
    """The CSRF token a page's forms carry (hidden input `csrf`)."""
    token = form_field(page, "csrf")
    assert token, "the csrf field is empty"
    return token


def session_csrf(server: Server, session: requests.Session) -> str:
    """The CSRF token of a signed-in session, for its forms and its X-CSRF-Token header."""
    page = session.get(server.url + "/account/tokens", timeout=30)
    assert page.status_code == 200, f"GET /account/tokens: {page.status_code}"
    return form_csrf(page.text)


DEMO_LINE = re.compile(r"^\s+(\w+)\t(\S+@\S+)\t(\S+)\s*$", re.MULTILINE)


def demo_accounts(result: subprocess.CompletedProcess[str]) -> dict[str, tuple[str, str]]:
    """The `  ROLE\tEMAIL\tPASSWORD` lines that `chitieu demo` prints."""
    assert result.returncode == 0, f"chitieu demo exited with {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return {role: (email, password) for role, email, password in DEMO_LINE.findall(result.stdout)}


def first_admin_credentials(log: str) -> tuple[str, str] | None:
    """The first administrator's e-mail and password from the first `serve`'s log."""
    email = re.search(r"^\s+tên đăng nhập:\s*(\S+)\s*$", log, re.MULTILINE)
    password = re.search(r"^\s+mật khẩu:\s*(\S+)\s*$", log, re.MULTILINE)
    return (email.group(1), password.group(1)) if email and password else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(folder: Path, environment: dict[str, str] | None = None) -> Server:
    """Starts `chitieu serve` on a fresh database in `folder` and waits until /health answers. `environment` is
    added to the server's and its command line's (e.g. SMTP settings)."""
    binary = chitieu_binary()
    if not os.access(binary, os.X_OK):
        pytest.fail(f"no chitieu binary at {binary}: run `swift build` or set CHITIEU_BIN", pytrace=False)
    folder.mkdir(parents=True, exist_ok=True)
    chitieu = Chitieu(binary, folder / "chitieu.sqlite", dict(environment or {}))
    for _ in range(3):  # another process may take the port between probing and binding
        port = free_port()
        log_path = folder / f"server-{port}.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                cwd=REPO_ROOT, env=app_environment(chitieu.database_path, chitieu.extra_environment),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )
        RUNNING_SERVERS.add(process.pid)
        server = Server(f"http://127.0.0.1:{port}", process, log_path, chitieu)
        if wait_until_healthy(server):
            add_accounts(server)
            return server
        exit_code = server.process.poll()  # None: still running, but not answering
        server.stop()
        if "already in use" not in server.log_tail():
            break
    problem = f"exited with {exit_code}" if exit_code is not None else f"did not answer /health within {STARTUP_SECONDS} s"
    pytest.fail(f"chitieu serve {problem}; its log:\n{server.log_tail()}", pytrace=False)


def add_accounts(server: Server) -> None:
    """Reads the first administrator from the log and creates the demo accounts with `chitieu demo`."""
    server.first_admin = first_admin_credentials(server.log_path.read_text(errors="replace"))
    if server.first_admin is None:
        server.stop()
        pytest.fail(f"the first serve printed no administrator credentials; its log:\n{server.log_tail()}", pytrace=False)
    result = server.chitieu("demo")
    server.accounts = demo_accounts(result)
    if sorted(server.accounts) != sorted(ROLES):
        server.stop()
        pytest.fail(f"chitieu demo printed accounts for {sorted(server.accounts)}, not {sorted(ROLES)}:\n"
                    f"{result.stdout}\n{result.stderr}", pytrace=False)


def wait_until_healthy(server: Server) -> bool:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            if server.anonymous_get("/health").status_code == 200:
                return True
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    return False


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Server:
    """The shared server: a fresh database set up by the first `serve` (bundled plan, demo units).
    Tests using it must not change its data; tests that do use `fresh_server`."""
    running = start_server(tmp_path_factory.mktemp("shared"))
    yield running
    running.stop()


@pytest.fixture
def fresh_server(tmp_path) -> Server:
    """A server of the test's own, on a database nobody else touches."""
    running = start_server(tmp_path / "app")
    yield running
    running.stop()


# Browser ---------------------------------------------------------------------------------------

DESKTOP = (1280, 900)
PHONE = (390, 844)


@pytest.fixture(scope="session")
def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--lang=vi-VN",
                     "--hide-scrollbars"):  # as on a phone: scrollbars take no width
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    become_subreaper()
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    reap_orphans()


def become_subreaper() -> None:
    """Makes Chromium's helper processes, orphaned when chromedriver quits, children of this process,
    so that they can be reaped here instead of lingering as <defunct> under a PID 1 that does not reap."""
    try:
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER (Linux)
    except (OSError, AttributeError):
        pass


def reap_orphans(seconds: float = 5) -> None:
    """Waits for the adopted orphans to exit and reaps them; leaves running servers alone."""
    deadline = time.monotonic() + seconds
    while True:
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
            except (OSError, IndexError, ValueError):
                continue
            pid = int(stat.parent.name)
            if int(parent) == os.getpid() and pid not in RUNNING_SERVERS:
                children.append(pid)
                if state == "Z":
                    os.waitpid(pid, os.WNOHANG)
        if not children or time.monotonic() > deadline:
            return
        time.sleep(0.1)


@pytest.fixture
def blank_browser(chromium, server):
    """The shared Chromium, reset for each test: desktop viewport, no cookies (so Vietnamese, signed out).
    Cookies belong to the host, not the port: this clears them for every server of the run."""
    chromium.get(server.url + "/health")
    chromium.delete_all_cookies()
    set_viewport(chromium, *DESKTOP)
    yield chromium
    chromium.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def browser(blank_browser, server):
    """`blank_browser` signed in as the demo administrator of the shared server."""
    sign_in(blank_browser, server, "admin")
    return blank_browser


def sign_in(driver, server: Server, role: str, next: str = "/") -> None:
    """Signs in as the demo account of `role` through the sign-in form; ends on `next`."""
    email, password = server.accounts[role]
    fill_sign_in_form(driver, server, email, password, next)
    wait_for_page(driver)
    assert path_of(driver) == next, f"signing in as {role} ({email}) led to {path_of(driver)}, not {next}"


def fill_sign_in_form(driver, server: Server, email: str, password: str, next: str = "/") -> None:
    """Opens /login?next=… and submits the form with `email` and `password`; returns once the answer replaced
    the form (on success the browser may still be following the redirect: see `wait_for_page`)."""
    from selenium.webdriver.common.by import By

    driver.get(f"{server.url}/login?next={quote(next, safe='')}")
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/login']")
    form.find_element(By.NAME, "email").send_keys(email)
    form.find_element(By.NAME, "password").send_keys(password)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until_replaced(driver, form)


def wait_until_replaced(driver, element, seconds: int = 15) -> None:
    """Waits until `element`'s page has been replaced by the answer. Chromium reports an element of a page being
    torn down either as stale or as "not in the document": both mean the same here (`staleness_of` only knows the first)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def replaced(_) -> bool:
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, seconds).until(replaced)


def page_status(driver) -> int:
    """The HTTP status of the page the browser shows (of the last response, after redirects)."""
    return driver.execute_script("return performance.getEntriesByType('navigation')[0].responseStatus")


def path_of(driver) -> str:
    """The path and query of the browser's current address."""
    parts = urlsplit(driver.current_url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def wait_for_page(driver, leaving: str = "/login") -> None:
    """Waits until the browser has left the page at path `leaving` and loaded the next one."""
    from selenium.webdriver.support.ui import WebDriverWait

    def left(d) -> bool:
        return urlsplit(d.current_url).path != leaving and d.execute_script("return document.readyState") == "complete"

    WebDriverWait(driver, 15).until(left)


def set_viewport(driver, width: int, height: int) -> None:
    """Sets the page's viewport exactly (a window size would include browser chrome).

    Not Chrome's mobile mode: there a page wider than the phone silently widens window.innerWidth
    (the browser zooms out to fit), which would hide the very overflow the phone tests look for."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False,
    })


@pytest.fixture(scope="session")
def screenshot_folder() -> Path:
    folder = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/e2e-shots"))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def screenshot(blank_browser, screenshot_folder):
    """`screenshot("register-desktop")` saves the whole page (not only the viewport) as PNG."""
    import base64

    def save(name: str) -> Path:
        width, height = blank_browser.execute_script(
            "return [window.innerWidth, Math.max(document.documentElement.scrollHeight, window.innerHeight)]")
        shot = blank_browser.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        })
        path = screenshot_folder / f"{name}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    return save
