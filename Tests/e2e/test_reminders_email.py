"""Reminders as e-mail: the real `chitieu` binary with SMTP_HOST/SMTP_PORT pointing at an aiosmtpd server.

Each test has its own mail server and its own app server (`mail_server`): reminders change the database."""

import email
import email.policy
import time

import pytest
from aiosmtpd.controller import Controller

from conftest import free_port, session_csrf, start_server

SUBJECT = "[chitieu] Nhắc nộp báo cáo kỳ 2026NovS2: hạn nộp trước ngày 15/11/2026. Đơn vị chưa gửi báo cáo."
UNIT = "MAU-BVDK-A"
UNIT_REPORTER = "donvi@demo.chitieu.local"  # the demo unit reporter of MAU-BVDK-A (`chitieu demo`)


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 2.0.0 Message accepted for delivery"

    def wait_for(self, count: int, seconds: float = 10) -> list:
        deadline = time.monotonic() + seconds
        while len(self.envelopes) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.envelopes)


def message_of(envelope) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.original_content, policy=email.policy.default)


@pytest.fixture
def mailbox():
    handler = Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def mail_server(tmp_path, mailbox):
    """A server of the test's own whose e-mail goes to `mailbox`; its own reminder schedule is off."""
    running = start_server(tmp_path / "app", {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(mailbox.port), "REMINDER_CHECK_MINUTES": "0"})
    yield running
    running.stop()


def open_cycle(server, session, csrf: str) -> str:
    """Creates and opens the 2026NovS2 cycle through the API as the coordinator; returns its id."""
    created = session.post(server.url + "/api/v1/cycles", json={"period": "2026NovS2"}, headers={"X-CSRF-Token": csrf}, timeout=30)
    assert created.status_code == 201, f"{created.status_code} {created.text[:300]}"
    cycle = created.json()["id"]
    opened = session.post(f"{server.url}/api/v1/cycles/{cycle}/open", headers={"X-CSRF-Token": csrf}, timeout=30)
    assert opened.status_code == 200, f"{opened.status_code} {opened.text[:300]}"
    return cycle


def assert_reminder_mail(envelope) -> None:
    assert envelope.mail_from == "chitieu@127.0.0.1"  # SMTP_FROM defaults to chitieu@ the SMTP host
    assert envelope.rcpt_tos == [UNIT_REPORTER]
    message = message_of(envelope)
    assert message["Subject"] == SUBJECT
    assert [address.addr_spec for address in message["To"].addresses] == [UNIT_REPORTER]
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert "Nhắc nộp báo cáo kỳ 2026NovS2: hạn nộp trước ngày 15/11/2026." in body
    assert "Reminder: the 2026NovS2 report is due before 15/11/2026" in body


def test_a_reminder_sent_through_the_api_arrives_as_an_email_with_the_vietnamese_subject(mail_server, mailbox):
    session = mail_server.session("coordinator")
    csrf = session_csrf(mail_server, session)
    cycle = open_cycle(mail_server, session, csrf)

    answer = session.post(f"{mail_server.url}/api/v1/cycles/{cycle}/reminders", json={"organisations": [UNIT]},
                          headers={"X-CSRF-Token": csrf}, timeout=60)

    assert answer.status_code == 200, f"{answer.status_code} {answer.text[:300]}"
    assert answer.json() == {"organisations": [UNIT], "recipients": 1, "unreached": [], "channel": "email"}
    envelopes = mailbox.wait_for(1)
    assert len(envelopes) == 1
    assert_reminder_mail(envelopes[0])


def test_reminders_send_on_the_command_line_mails_the_unit_and_refuses_an_unknown_period(mail_server, mailbox):
    session = mail_server.session("coordinator")
    open_cycle(mail_server, session, session_csrf(mail_server, session))

    sent = mail_server.chitieu("reminders", "send", "2026NovS2", "--org", UNIT)
    unknown = mail_server.chitieu("reminders", "send", "2027NovS1")

    assert sent.returncode == 0, f"{sent.stdout}\n{sent.stderr}"
    assert sent.stdout.strip() == f"Kỳ 2026NovS2: đã nhắc 1 đơn vị ({UNIT}), 1 người nhận, qua e-mail."
    assert_reminder_mail(mailbox.wait_for(1)[0])
    assert unknown.returncode != 0
    assert "Lỗi: Không có đợt báo cáo 2027NovS1." in unknown.stderr.splitlines()
    assert len(mailbox.envelopes) == 1


def test_reminders_run_sends_the_automatic_pass_once_a_day(mail_server, mailbox):
    session = mail_server.session("coordinator")
    open_cycle(mail_server, session, session_csrf(mail_server, session))

    first = mail_server.chitieu("reminders", "run", "--today", "2026-11-10")
    again = mail_server.chitieu("reminders", "run", "--today", "2026-11-10")

    assert first.returncode == 0 and again.returncode == 0, f"{first.stderr}\n{again.stderr}"
    assert first.stdout.startswith("Kỳ 2026NovS2: đã nhắc ") and first.stdout.rstrip().endswith(", qua e-mail.")
    assert again.stdout.strip() == "Ngày 10/11/2026: không có đơn vị nào cần nhắc."
    recipients = sorted(address for envelope in mailbox.wait_for(1) for address in envelope.rcpt_tos)
    assert UNIT_REPORTER in recipients
