"""Issue 16's reproductions against the real binary: every one answers with a clear 4xx in Vietnamese and the
server keeps serving (the process is alive, /health answers quickly, the pages that read the data render)."""
import io
import json
import time
import zipfile

import requests

from conftest import session_csrf

HUGE = "1" + "0" * 307


def own_report_id(server, session, period: str) -> str:
    reports = session.get(server.url + f"/api/v1/reports", timeout=30).json()
    return reports[0]["id"]


def healthy_quickly(server) -> None:
    assert server.process.poll() is None, f"the server stopped:\n{server.log_tail()}"
    started = time.monotonic()
    assert server.anonymous_get("/health").status_code == 200
    assert time.monotonic() - started < 5, "/health took more than 5 s"


def crafted_xlsx(sheet_xml: str, styles_xml: str | None = None, shared: str | None = None) -> bytes:
    """A minimal workbook whose one sheet is `sheet_xml` (the parts a reader needs and nothing else)."""
    styles_xml = styles_xml or ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {ns} {rel}><sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>',
        "xl/styles.xml": styles_xml,
        "xl/sharedStrings.xml": shared or f'<sst {ns} count="1" uniqueCount="1"><si><t>x</t></si></sst>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {ns}><sheetData>{sheet_xml}</sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


CRAFTED = {
    "date cell 1e300": '<row r="4"><c r="F4" s="1"><v>1e300</v></c></row>',
    "date cell nan": '<row r="4"><c r="F4" s="1"><v>nan</v></c></row>',
    "column overflow": '<row r="4"><c r="AAAAAAAAAAAAAAA4"><v>1</v></c></row>',
    "row overflow then a row without r": '<row r="9223372036854775807"><c><v>1</v></c></row><row><c><v>1</v></c></row>',
    "style -1": '<row r="4"><c r="F4" s="-1"><v>1</v></c></row>',
    "shared string -1": '<row r="4"><c r="F4" t="s"><v>-1</v></c></row>',
    "cell at row 999999999999999999": '<row r="999999999999999999"><c r="A999999999999999999"><v>1</v></c></row>',
}


def test_every_reproduction_is_a_clear_4xx_and_the_server_keeps_serving(fresh_server):
    server = fresh_server
    assert server.chitieu("cycles", "create", "2026NovS2").returncode == 0
    assert server.chitieu("cycles", "open", "2026NovS2").returncode == 0
    unit = server.session("unitReporter")
    csrf = session_csrf(server, unit)
    headers = {"X-CSRF-Token": csrf}
    report_id = own_report_id(server, unit, "2026NovS2")
    report = unit.get(server.url + f"/api/v1/reports/{report_id}", timeout=30).json()
    version = report["report"]["version"]

    # a stored number: the reports API
    saved = unit.put(server.url + f"/api/v1/reports/{report_id}", headers=headers, timeout=30,
                     json={"version": version, "values": {"CT05": {"amount": 1e307}}})
    assert saved.status_code == 400 and "Số không hợp lệ" in saved.text and "CT05" in saved.text, saved.text
    # the DHIS2 import
    dvs = {"period": "2026NovS2", "orgUnit": report["report"]["organisation"],
           "dataValues": [{"dataElement": "CT05", "value": "1.7e308"}]}
    imported = unit.post(server.url + "/api/v1/dataValueSets", headers=headers, json=dvs, timeout=30)
    assert 400 <= imported.status_code < 500 and "Số không hợp lệ" in imported.text, imported.text
    # a unit plan target
    plan = unit.put(server.url + f"/api/v1/unit-plans/{report['report']['organisation']}", headers=headers, timeout=30,
                    json={"targets": [{"indicator": "CT05", "year": 2030, "target": "≥ " + HUGE}]})
    assert plan.status_code == 400 and "quá lớn" in plan.text, plan.text
    healthy_quickly(server)

    # crafted workbooks, each refused with a message, none stopping or pinning the server
    for label, sheet in CRAFTED.items():
        started = time.monotonic()
        answer = unit.post(server.url + f"/api/v1/reports/{report_id}/template.xlsx", headers=headers,
                           data=crafted_xlsx(sheet), timeout=60)
        assert 400 <= answer.status_code < 500, f"{label}: {answer.status_code} {answer.text[:300]}"
        assert time.monotonic() - started < 30, f"{label}: took {time.monotonic() - started:.1f} s"
        healthy_quickly(server)

    # the pages that read the report still render, and nothing was stored
    assert unit.get(server.url + f"/reports/{report_id}", timeout=30).status_code == 200
    after = unit.get(server.url + f"/api/v1/reports/{report_id}", timeout=30).json()
    assert after["report"]["version"] == version
    assert all(v.get("amount") is None and v.get("numerator") is None for v in after["values"])


def test_another_units_report_answers_the_same_whatever_the_file(fresh_server):
    """The workbook is read only after the report's owner and state are checked: a crafted file and a valid one on another
    unit's report get the same answer, so the answer tells nothing about the report."""
    server = fresh_server
    assert server.chitieu("cycles", "create", "2026NovS2").returncode == 0
    assert server.chitieu("cycles", "open", "2026NovS2").returncode == 0
    coordinator = server.session("coordinator")
    reports = coordinator.get(server.url + "/api/v1/reports", timeout=30).json()
    unit = server.session("unitReporter")
    own = {r["id"] for r in unit.get(server.url + "/api/v1/reports", timeout=30).json()}
    other = next(r["id"] for r in reports if r["id"] not in own)
    headers = {"X-CSRF-Token": session_csrf(server, unit)}
    answers = set()
    for body in (crafted_xlsx(CRAFTED["column overflow"]), b"not a workbook at all", crafted_xlsx('<row r="4"><c r="F4"><v>1</v></c></row>')):
        answer = unit.post(server.url + f"/api/v1/reports/{other}/template.xlsx", headers=headers, data=body, timeout=30)
        answers.add((answer.status_code, json.dumps(answer.json(), sort_keys=True, ensure_ascii=False)))
    assert len(answers) == 1, answers
    status, _ = answers.pop()
    assert status in (403, 404)
    healthy_quickly(server)
