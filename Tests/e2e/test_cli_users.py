"""`chitieu user add|reset-password|list|token`: accounts and API tokens from the command line, then signing in with them.

Each test has a server and database of its own (`fresh_server`): these commands change accounts."""

import re

import pytest
import requests

from conftest import WRONG_CREDENTIALS

EMAIL = "nguyen.thi.mai@syt.ninhbinh.gov.vn"
NAME = "Nguyễn Thị Mai"
ADDED = re.compile(r"^Mật khẩu \(chỉ in một lần, phải đổi khi đăng nhập lần đầu\): (\S+)$", re.MULTILINE)
RESET = re.compile(r"^Mật khẩu mới của (\S+) \(chỉ in một lần, phải đổi khi đăng nhập\): (\S+)$", re.MULTILINE)


def add_user(server, email=EMAIL, name=NAME, role="coordinator", org="QLKCB"):
    return server.chitieu("user", "add", "--email", email, "--name", name, "--role", role, "--org", org)


def printed(pattern: re.Pattern, result) -> re.Match:
    assert result.returncode == 0, f"exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
    match = pattern.search(result.stdout)
    assert match, f"no password line in:\n{result.stdout}"
    return match


def listed_users(server) -> dict[str, list[str]]:
    result = server.chitieu("user", "list")
    assert result.returncode == 0, result.stderr
    return {fields[0]: fields for fields in (line.split("\t") for line in result.stdout.splitlines()) if fields[0]}


def assert_must_change_password(server, email: str, password: str) -> None:
    session, answer = server.sign_in(email, password, next="/organisations")
    assert answer.status_code == 303, f"{answer.status_code}: {answer.text[:300]}"
    assert answer.headers["Location"] == "/account/password?next=%2Forganisations"  # what was asked for is kept
    register = session.get(server.url + "/", timeout=30, allow_redirects=False)
    assert register.status_code == 303 and register.headers["Location"] == "/account/password"
    assert session.get(server.url + "/account/password", timeout=30).status_code == 200


def test_added_user_signs_in_with_the_printed_password_and_must_change_it(fresh_server):
    result = add_user(fresh_server)
    password = printed(ADDED, result).group(1)

    assert f"Đã tạo tài khoản {EMAIL} (coordinator, QLKCB)." in result.stdout
    assert len(password) == 16
    assert_must_change_password(fresh_server, EMAIL, password)


def test_user_list_shows_the_added_user_with_role_and_organisation(fresh_server):
    add_user(fresh_server, email="Tran.Van.Binh@SYT.NinhBinh.gov.vn", name="  Trần   Văn Bình ", role="unitReporter",
             org="MAU-BVDK-A")

    users = listed_users(fresh_server)

    email = "tran.van.binh@syt.ninhbinh.gov.vn"  # stored lower-cased, the name with its spaces tidied
    assert users[email] == [email, "unitReporter", "MAU-BVDK-A", "Trần Văn Bình", ""]
    # The first administrator and the demo accounts are there too; the demo ones are flagged.
    assert users[fresh_server.first_admin[0]][1:3] == ["admin", "SYT"]
    for role, (demo_email, _) in fresh_server.accounts.items():
        assert users[demo_email][1] == role and users[demo_email][4] == "MẪU"
    assert list(users) == sorted(users), "sorted by e-mail"


def test_reset_password_replaces_the_old_one_and_ends_sessions(fresh_server):
    password = printed(ADDED, add_user(fresh_server)).group(1)
    session, _ = fresh_server.sign_in(EMAIL, password)
    assert session.get(fresh_server.url + "/account/password", timeout=30).status_code == 200

    reset = printed(RESET, fresh_server.chitieu("user", "reset-password", "--email", EMAIL))

    assert reset.group(1) == EMAIL
    new_password = reset.group(2)
    assert new_password != password and len(new_password) == 16
    _, old = fresh_server.sign_in(EMAIL, password)
    assert old.status_code == 401 and WRONG_CREDENTIALS in old.text
    assert_must_change_password(fresh_server, EMAIL, new_password)
    ended = session.get(fresh_server.url + "/account/password", timeout=30, allow_redirects=False)
    assert ended.status_code == 303 and ended.headers["Location"].startswith("/login"), "the old session ended"


def test_reset_password_of_a_demo_account_asks_for_a_change_again(fresh_server):
    email, old_password = fresh_server.accounts["leadership"]

    new_password = printed(RESET, fresh_server.chitieu("user", "reset-password", "--email", email)).group(2)

    assert fresh_server.sign_in(email, old_password)[1].status_code == 401
    assert_must_change_password(fresh_server, email, new_password)


def test_reset_password_of_an_unknown_user_fails(fresh_server):
    result = fresh_server.chitieu("user", "reset-password", "--email", "khongco@example.vn")

    assert result.returncode != 0
    assert "Lỗi: Không có tài khoản khongco@example.vn." in result.stderr.splitlines()


@pytest.mark.parametrize("role, org, message", [
    ("boss", "QLKCB", 'Lỗi: Giá trị "boss" của trường role không hợp lệ.'),
    ("coordinator", "KHONG-CO", "Lỗi: Không có cơ quan, đơn vị mã KHONG-CO."),
    ("unitReporter", "SYT", "Lỗi: Vai trò unitReporter không hợp với SYT"),
], ids=["unknown role", "unknown organisation", "role does not fit organisation"])
def test_user_add_with_a_bad_role_or_organisation_fails_in_vietnamese_and_adds_nobody(fresh_server, role, org, message):
    before = listed_users(fresh_server)

    result = add_user(fresh_server, role=role, org=org)

    assert result.returncode != 0
    assert any(line.startswith(message) for line in result.stderr.splitlines()), result.stderr
    assert "Mật khẩu" not in result.stdout
    assert listed_users(fresh_server) == before


def test_user_add_twice_with_the_same_email_fails(fresh_server):
    add_user(fresh_server)

    result = add_user(fresh_server, email=EMAIL.upper(), name="Người khác")

    assert result.returncode != 0
    assert f"Lỗi: Đã có tài khoản {EMAIL}." in result.stderr.splitlines()
    assert listed_users(fresh_server)[EMAIL][3] == NAME


def test_user_token_prints_a_token_that_reads_and_writes_only_as_asked(fresh_server):
    server = fresh_server
    email = "tich-hop@syt.ninhbinh.gov.vn"
    assert server.chitieu("user", "add", "--service", "--email", email, "--name", "Tích hợp", "--role", "coordinator", "--org", "QLKCB").returncode == 0

    read = server.chitieu("user", "token", "--email", email, "--days", "1")
    write = server.chitieu("user", "token", "--email", email, "--write", "--name", "ghi")
    unknown = server.chitieu("user", "token", "--email", "khong-co@syt.ninhbinh.gov.vn")

    tokens = [re.search(r"^ct_\S+$", result.stdout, re.MULTILINE) for result in (read, write)]
    assert all(tokens), f"{read.stdout}\n{write.stdout}"
    read_token, write_token = (token.group(0) for token in tokens)
    me = server.anonymous_get("/api/v1/me", headers={"Authorization": f"Bearer {read_token}"})
    assert me.status_code == 200 and me.json()["email"] == email
    body = {"period": "2027NovS1"}
    refused = requests.post(server.url + "/api/v1/cycles", json=body, headers={"Authorization": f"Bearer {read_token}"}, timeout=30)
    created = requests.post(server.url + "/api/v1/cycles", json=body, headers={"Authorization": f"Bearer {write_token}"}, timeout=30)
    assert refused.status_code == 403, refused.text
    assert created.status_code == 201, created.text
    assert unknown.returncode != 0 and "khong-co@syt.ninhbinh.gov.vn" in unknown.stdout + unknown.stderr
