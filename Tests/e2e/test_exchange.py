"""Issue 5's "Done when": a unit downloads its Excel template, fills it in, LibreOffice Calc saves it, the unit uploads it
through the report page, and the values are in its report; a DHIS2 JSON file of a whole cycle for all units imports
and exports back identically; bad files are refused and change nothing. Through the real binary, its pages, API and CLI.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl

from conftest import demo_accounts, form_csrf

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def saved_by_libreoffice(source: Path, folder: Path) -> Path:
    """Opens `source` in LibreOffice Calc and saves it again as .xlsx (what a unit using LibreOffice sends)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (.ci/run installs libreoffice-calc-nogui)"
    out = folder / "saved"
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                           "--outdir", str(out), str(source)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and (out / source.name).exists(), f"{done.stdout}\n{done.stderr}"
    return out / source.name


def own_report(server, session, period: str) -> dict:
    reports = session.get(f"{server.url}/api/v1/reports", timeout=30).json()
    return next(r for r in reports if r["period"] == period)


def test_template_filled_saved_by_libreoffice_and_uploaded_through_the_page(fresh_server, tmp_path):
    server = fresh_server
    assert server.chitieu("cycles", "create", "2026NovS2").returncode == 0
    assert server.chitieu("cycles", "open", "2026NovS2").returncode == 0
    unit = server.session("unitReporter")
    report = own_report(server, unit, "2026NovS2")
    page = unit.get(f"{server.url}/reports/{report['id']}", timeout=30).text
    assert f'href="/reports/{report["id"]}/template.xlsx"' in page and 'id="upload-form"' in page

    template = unit.get(f"{server.url}/reports/{report['id']}/template.xlsx", timeout=30)
    assert template.status_code == 200 and template.headers["Content-Type"] == XLSX
    path = tmp_path / "mau.xlsx"
    path.write_bytes(template.content)
    book = openpyxl.load_workbook(path)
    sheet = book["Báo cáo"]
    assert sheet.protection.sheet and sheet["A4"].protection.locked and not sheet["F4"].protection.locked
    assert book["chitieu"].sheet_state == "hidden"
    rows = {sheet.cell(row, 1).value: row for row in range(4, sheet.max_row + 1) if sheet.cell(row, 1).value}
    assert rows["CT01"] == 4
    sheet.cell(rows["CT01"], 6).value = 1200
    sheet.cell(rows["CT01"], 7).value = 1250
    sheet.cell(rows["CT01"], 8).value = "Điền trong LibreOffice"
    sheet.cell(rows["CT05"], 6).value = 3
    book.save(path)
    saved = saved_by_libreoffice(path, tmp_path)

    form = unit.get(f"{server.url}/reports/{report['id']}", timeout=30).text
    answer = unit.post(f"{server.url}/reports/{report['id']}/upload", data={"csrf": form_csrf(form)},
                       files={"file": ("bao-cao.xlsx", saved.read_bytes(), XLSX)}, allow_redirects=False, timeout=60)
    assert answer.status_code == 303, answer.text[:500]
    assert answer.headers["Location"].endswith("?uploaded=2")
    values = {v["indicator"]: v for v in unit.get(f"{server.url}/api/v1/reports/{report['id']}", timeout=30).json()["values"]}
    assert (values["CT01"]["numerator"], values["CT01"]["denominator"], values["CT01"]["comment"]) == (1200, 1250, "Điền trong LibreOffice")
    assert values["CT05"]["amount"] == 3

    # A bad cell: the page lists it by sheet, row, column and indicator, and nothing changes.
    sheet.cell(rows["CT01"], 6).value = 2000
    sheet.cell(rows["CT05"], 6).value = "ba"
    book.save(path)
    bad = saved_by_libreoffice(path, tmp_path)
    refused = unit.post(f"{server.url}/reports/{report['id']}/upload", data={"csrf": form_csrf(form)},
                        files={"file": ("bao-cao.xlsx", bad.read_bytes(), XLSX)}, allow_redirects=False, timeout=60)
    assert refused.status_code == 400
    assert "Báo cáo" in refused.text and "«ba» không phải là số." in refused.text and "Tử số không được lớn hơn mẫu số" in refused.text
    after = {v["indicator"]: v for v in unit.get(f"{server.url}/api/v1/reports/{report['id']}", timeout=30).json()["values"]}
    assert after["CT01"]["numerator"] == 1200 and after["CT05"]["amount"] == 3

    # Not an xlsx at all.
    junk = unit.post(f"{server.url}/reports/{report['id']}/upload", data={"csrf": form_csrf(form)},
                     files={"file": ("bao-cao.xlsx", b"%PDF-1.4 not a workbook", XLSX)}, allow_redirects=False, timeout=60)
    assert junk.status_code == 400 and "Tệp không phải .xlsx" in junk.text


def test_a_whole_cycle_in_dhis2_json_imports_and_exports_back_identically(fresh_server, tmp_path):
    server = fresh_server
    result = server.chitieu("demo", "--reports")
    server.accounts = demo_accounts(result)
    server._admin_session = None
    period = re.findall(r"Kỳ (\d{4}NovS[12]):", result.stdout)[-1]
    exported = tmp_path / "cycle.json"
    done = server.chitieu("export", "--period", period, "--format", "json", "--output", str(exported))
    assert done.returncode == 0, done.stderr
    original = json.loads(exported.read_text())
    assert len(original["dataValues"]) > 100
    assert len({v["orgUnit"] for v in original["dataValues"]}) > 10, "every demo unit is in the file"

    # The same values into the next period's cycle, through the API as a file DHIS2 would send…
    next_period = f"{int(period[:4]) + 1}NovS1"
    assert server.chitieu("cycles", "create", next_period).returncode == 0
    assert server.chitieu("cycles", "open", next_period).returncode == 0
    moved = json.loads(exported.read_text().replace(period, next_period))
    for value in moved["dataValues"]:
        value.pop("storedBy", None), value.pop("lastUpdated", None)
    dry = server.chitieu("import", str(_write(tmp_path / "next.json", moved)), "--dry-run")
    assert dry.returncode == 0 and "Chạy thử" in dry.stdout, dry.stdout + dry.stderr
    imported = server.chitieu("import", str(tmp_path / "next.json"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert f"Thêm {len(moved['dataValues'])}, sửa 0, bỏ qua 0, xoá 0; 0 lỗi" in imported.stdout

    # …and back out: the same data, value for value.
    back = server.json(f"/api/v1/dataValueSets?period={next_period}&orgUnit=SYT&children=true")
    key = lambda v: (v["dataElement"], v["orgUnit"], v.get("value"), v.get("comment"))  # noqa: E731
    assert sorted(map(key, back["dataValues"])) == sorted(map(key, moved["dataValues"]))
    csv_back = server.get(f"/api/v1/dataValueSets.csv?period={next_period}&orgUnit=SYT&children=true").text
    assert csv_back.splitlines()[0].startswith("dataelement,period,orgunit") and len(csv_back.splitlines()) == len(moved["dataValues"]) + 1

    # A second import changes nothing.
    again = server.chitieu("import", str(tmp_path / "next.json"))
    assert f"Thêm 0, sửa 0, bỏ qua {len(moved['dataValues'])}" in again.stdout


def test_bad_files_on_the_command_line_change_nothing(fresh_server, tmp_path):
    server = fresh_server
    assert server.chitieu("cycles", "create", "2026NovS2").returncode == 0
    assert server.chitieu("cycles", "open", "2026NovS2").returncode == 0
    cases = {
        "truncated.json": ('{"dataValues":[{"dataElement":"CT05",', "sai cú pháp JSON hoặc tệp bị cắt ngang"),
        "unknown.json": (json.dumps({"period": "2026NovS2", "orgUnit": "MAU-BVDK-A", "dataValues": [
            {"dataElement": "CT05", "value": "2"}, {"dataElement": "CT99", "value": "1"}]}), "không có phần tử dữ liệu «CT99»"),
        "duplicate.csv": ("CT05,2026NovS2,MAU-BVDK-A,,,2\nCT05,2026NovS2,MAU-BVDK-A,,,3\n", "có hai lần trong tệp"),
        "period.csv": ("CT05,2031NovS1,MAU-BVDK-A,,,2\n", "chưa có đợt báo cáo kỳ 2031NovS1"),
        "huge.json": (json.dumps({"period": "2026NovS2", "orgUnit": "MAU-BVDK-A", "dataValues": [
            {"dataElement": "CT05", "value": "1.7e308"}]}), "Số không hợp lệ"),
        "huge.csv": ("CT01.NUM,2026NovS2,MAU-BVDK-A,,,1e307\nCT01.DEN,2026NovS2,MAU-BVDK-A,,,10\n", "Số không hợp lệ"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        done = server.chitieu("import", str(path))
        assert done.returncode != 0, name
        assert message in done.stdout + done.stderr, f"{name}: {done.stdout}{done.stderr}"
    exported = server.chitieu("export", "--period", "2026NovS2", "--format", "csv")
    assert exported.returncode == 0 and exported.stdout.strip().splitlines() == [exported.stdout.strip().splitlines()[0]], "nothing was written"


def _write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
