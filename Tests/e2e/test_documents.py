"""Issue 6's "Done when": with two cycles of demo data, the dashboard, the evaluation API, the DOCX, the XLSX and the
CSV agree on every figure; the documents open in LibreOffice (converted to PDF), python-docx and openpyxl; the DOCX
has the page, margins, fonts and parts of Nghị định 30/2020/NĐ-CP.

The PDF pages are rendered to PNG in the screenshot folder, to be looked at.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest

from conftest import demo_accounts

STATUS_WORDS = {"exceeded": "Vượt", "met": "Đạt", "onTrack": "Đúng lộ trình", "behind": "Chậm so với lộ trình",
                "notMet": "Không đạt", "noData": "Chưa có số liệu", "noTarget": "Không có chỉ tiêu",
                "noBaseline": "Chưa có số liệu gốc"}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def vietnamese_number(text: str) -> float:
    """`1.250,5 %` → 1250.5"""
    return float(text.replace("%", "").strip().replace(".", "").replace(",", "."))


def shown(api_row: dict) -> float | None:
    """The API's value as the documents round it: one decimal for percentages, two for counts."""
    if api_row["value"] is None or api_row.get("level"):
        return None
    places = 1 if api_row["unit"] == "%" or api_row["denominator"] is not None else 2
    return round(api_row["value"], places)


@pytest.fixture
def demo_server(fresh_server):
    result = fresh_server.chitieu("demo", "--reports")
    fresh_server.accounts = demo_accounts(result)
    fresh_server._admin_session = None
    periods = re.findall(r"Kỳ (\d{4}NovS[12]): (\d+) báo cáo MẪU", result.stdout)
    assert len(periods) == 2 and all(int(count) > 0 for _, count in periods), result.stdout
    fresh_server.demo_periods = [period for period, _ in periods]
    return fresh_server


def download(session, server, path: str, content_type: str) -> bytes:
    response = session.get(server.url + path, timeout=60)
    assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:300]}"
    assert response.headers["Content-Type"].startswith(content_type)
    assert "attachment; filename=" in response.headers["Content-Disposition"]
    return response.content


def to_pdf(path: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (.ci/run installs libreoffice-writer-nogui, libreoffice-calc-nogui)"
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile", "--convert-to", "pdf",
                           "--outdir", str(folder), str(path)], capture_output=True, text=True, timeout=180)
    pdf = folder / (path.stem + ".pdf")
    assert done.returncode == 0 and pdf.exists() and pdf.stat().st_size > 1000, f"{done.stdout}\n{done.stderr}"
    return pdf


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_dashboard_api_docx_xlsx_csv_agree_on_every_figure(demo_server, tmp_path, screenshot_folder):
    server = demo_server
    coordinator = server.session("coordinator")
    for period in server.demo_periods:
        # The API: the reference.
        api = coordinator.get(f"{server.url}/api/v1/evaluation?period={period}", timeout=60).json()
        assert len(api) == 37
        assert any(row["value"] is not None for row in api), "the demo data gives values"
        by_code = {row["code"]: row for row in api}

        # The dashboard: the value and status words of each row.
        page = coordinator.get(f"{server.url}/dashboard?period={period}", timeout=60).text
        for code, row in by_code.items():
            match = re.search(rf'<tr id="row-{code}">.*?class="value"><strong>(.*?)</strong>.*?<span class="status status-(\w+)">'
                              rf'<span aria-hidden="true">.*?</span> (.*?)</span>', page, re.S)
            assert match, f"{code} is on the dashboard"
            value_text, status, words = html.unescape(match.group(1)), match.group(2), html.unescape(match.group(3))
            assert status == row["status"] and words == STATUS_WORDS[row["status"]], code
            if shown(row) is None:
                assert row["value"] is None or row.get("level"), code
                if row["value"] is None:
                    assert value_text == "—", code
            else:
                assert vietnamese_number(value_text) == pytest.approx(shown(row)), f"{code}: {value_text} vs {row['value']}"

        # XLSX, read by openpyxl.
        xlsx_path = tmp_path / f"{period}.xlsx"
        xlsx_path.write_bytes(download(coordinator, server, f"/api/v1/evaluation/report.xlsx?period={period}", XLSX_TYPE))
        book = openpyxl.load_workbook(xlsx_path)
        assert book.sheetnames[:3] == ["Tổng hợp", "Theo đơn vị", "Nộp báo cáo"]
        summary = book["Tổng hợp"]
        assert summary.freeze_panes in ("B2", "A2"), "the header row is frozen"
        header = [cell.value for cell in summary[1]]
        column = {name: header.index(name) for name in header}
        sheet_rows = {row[0]: row for row in summary.iter_rows(min_row=2, values_only=True) if row[0]}
        assert set(sheet_rows) == set(by_code)
        for code, row in by_code.items():
            cells = sheet_rows[code]
            assert cells[column["Đánh giá"]] == STATUS_WORDS[row["status"]], code
            assert cells[column["Đơn vị báo cáo"]] == row["reportingUnits"] and cells[column["Đơn vị phải báo cáo"]] == row["expectedUnits"], code
            if row["value"] is not None and not row.get("level"):
                assert cells[column["Kết quả (số)"]] == pytest.approx(row["value"]), code
            for part in ("numerator", "denominator"):
                name = "Tử số" if part == "numerator" else "Mẫu số"
                assert (cells[column[name]] is None and row[part] is None) or cells[column[name]] == pytest.approx(row[part]), f"{code} {part}"
        units = book["Theo đơn vị"]
        assert units.freeze_panes == "C3"
        reporting = book["Nộp báo cáo"]
        assert [c.value for c in reporting[1]][:3] == ["Mã", "Cơ quan, đơn vị", "Trạng thái"]

        # CSV, UTF-8 with a BOM, comma-separated with decimal points.
        raw = download(coordinator, server, f"/api/v1/evaluation/report.csv?period={period}", "text/csv")
        assert raw.startswith(b"\xef\xbb\xbf")
        lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        csv_header, csv_rows = lines[0], {line[0]: line for line in lines[1:]}
        assert csv_header == header
        for code, row in by_code.items():
            line = csv_rows[code]
            assert line[column["Đánh giá"]] == STATUS_WORDS[row["status"]]
            assert line[column["Kết quả"]] == sheet_rows[code][column["Kết quả"]], "the same words as the workbook"
            if row["value"] is not None and not row.get("level"):
                assert float(line[column["Kết quả (số)"]]) == pytest.approx(row["value"], abs=1e-4), code

        # DOCX, read by python-docx: the results table holds the same words as the dashboard.
        docx_path = tmp_path / f"{period}.docx"
        docx_path.write_bytes(download(coordinator, server, f"/api/v1/evaluation/report.docx?period={period}", DOCX_TYPE))
        document = docx.Document(str(docx_path))
        results = next(t for t in document.tables if t.rows[0].cells[0].text.strip() == "TT")
        numbered = {}
        for table_row in results.rows[1:]:
            texts = [cell.text.strip() for cell in table_row.cells]
            if texts[0].isdigit():
                numbered[int(texts[0])] = texts
        assert len(numbered) == 37
        for number, code in enumerate(by_code, start=1):
            row, texts = by_code[code], numbered[number]
            # A level indicator reads as the units reaching the period's level ("8/11 đơn vị đạt mức «…» trở lên").
            result = sheet_rows[code][column["Đạt mức"]] or sheet_rows[code][column["Kết quả"]]
            assert texts[4] == result, f"{code}: DOCX {texts[4]!r}"
            assert texts[5] == f'{row["coverage"]["reported"]}/{row["coverage"]["expected"]}', f"{code}: coverage {texts[5]!r}"
            assert texts[6].startswith(STATUS_WORDS[row["status"]]), f"{code}: {texts[6]!r}"
            assert ("Chưa đủ số liệu" in texts[6]) == row["provisional"], f"{code}: {texts[6]!r}"

        # LibreOffice opens both and converts them to PDF; the pages are kept to be looked at.
        for path in (docx_path, xlsx_path):
            pdf = to_pdf(path, tmp_path)
            if path.suffix == ".docx":
                text = pdf_text(pdf)
                assert "BÁO CÁO" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nơi nhận:" in text
                # The whole report: coverage, the tasks of Appendix II, the funding of section III.
                flat = " ".join(text.split())
                for part in ("Kết quả thực hiện các nhiệm vụ (Phụ lục II)", "Tổng số", "nhiệm vụ quá hạn",
                             "Kinh phí thực hiện (mục III của Kế hoạch)"):
                    assert part in flat, part
                if shutil.which("pdftoppm"):
                    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(screenshot_folder / f"report-{period}")], check=True)


def test_docx_follows_decree_30(demo_server, tmp_path):
    server = demo_server
    coordinator = server.session("coordinator")
    period = server.demo_periods[-1]
    path = tmp_path / "report.docx"
    path.write_bytes(download(coordinator, server, f"/api/v1/evaluation/report.docx?period={period}", DOCX_TYPE))
    document = docx.Document(str(path))
    section = document.sections[0]
    mm = lambda length: round(length.mm)  # noqa: E731
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297), "A4"
    assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35 and 15 <= mm(section.right_margin) <= 20
    assert section.different_first_page_header_footer, "no page number on the first page"
    assert "PAGE" in section.header._element.xml, "page numbers from page 2"
    fonts = {run.font.name for paragraph in document.paragraphs for run in paragraph.runs if run.font.name} \
        | {document.styles["Normal"].font.name}
    assert fonts == {"Times New Roman"}, fonts
    header = document.tables[0]
    left, right = header.rows[0].cells[0], header.rows[0].cells[1]
    assert "UBND TỈNH NINH BÌNH" in left.text and "SỞ Y TẾ" in left.text and "/BC-SYT" in left.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right.text and "Độc lập - Tự do - Hạnh phúc" in right.text
    date_paragraph = next(p for p in right.paragraphs if p.text.startswith("Ninh Bình, ngày"))
    assert re.fullmatch(r"Ninh Bình, ngày \d{2} tháng \d{2} năm \d{4}", date_paragraph.text)
    assert all(run.italic for run in date_paragraph.runs if run.text.strip())
    issuer = next(p for p in left.paragraphs if p.text.strip() == "SỞ Y TẾ")
    assert all(run.bold for run in issuer.runs if run.text.strip())
    title = next(p for p in document.paragraphs if p.text.strip() == "BÁO CÁO")
    assert all(run.bold for run in title.runs if run.text.strip())
    body = [p for p in document.paragraphs if p.text.startswith("Thực hiện ")]
    assert body and body[0].alignment is not None and body[0].alignment == 3, "justified (WD_ALIGN_PARAGRAPH.JUSTIFY)"
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for part in ("I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "III. NHIỆM VỤ TRỌNG TÂM VÀ ĐỀ XUẤT, KIẾN NGHỊ",
                 "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nơi nhận:", "- Lưu: VT, QLKCB.", "(MẪU) Thiếu nhân lực"):
        assert part in text, part


def test_the_workbook_prints_and_filters_as_people_use_it(demo_server, tmp_path):
    """Issue 12 part 10: counts with integer formats, dates as dates, filters on tables, print set-up (landscape, one
    page wide, the header row on every page) — read by openpyxl and printed to PDF by LibreOffice."""
    import datetime

    server = demo_server
    period = server.demo_periods[-1]
    coordinator = server.session("coordinator")
    path = tmp_path / "report.xlsx"
    path.write_bytes(download(coordinator, server, f"/api/v1/evaluation/report.xlsx?period={period}", XLSX_TYPE))
    book = openpyxl.load_workbook(path)
    summary, reporting = book["Tổng hợp"], book["Nộp báo cáo"]
    header = [cell.value for cell in summary[1]]
    assert summary.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{summary.max_row}"
    for sheet in (summary, reporting, book["Nhiệm vụ"], book["Kinh phí"]):
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize in (9, "9"), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (1, "1"), sheet.title
        assert sheet.print_title_rows.replace("$", "") == "1:1", f"{sheet.title}: {sheet.print_title_rows}"
    assert book["Theo đơn vị"].print_title_rows.replace("$", "") == "1:2"
    units = header.index("Đơn vị báo cáo")
    for row in summary.iter_rows(min_row=2):
        assert row[1].number_format in ("#,##0", "0") and row[units].number_format in ("#,##0", "0"), row[0].value
    measures = {i["code"]: i["measure"] for i in coordinator.get(server.url + "/api/v1/indicators", timeout=30).json()}
    result = header.index("Kết quả (số)")
    counts = [row for row in summary.iter_rows(min_row=2) if measures.get(row[0].value) == "count" and isinstance(row[result].value, (int, float))]
    assert counts, "some counts have a result"
    for row in counts:
        if float(row[result].value).is_integer():
            assert row[result].number_format in ("#,##0", "0"), f"{row[0].value}: a count prints as a whole number"
    ratios = [row for row in summary.iter_rows(min_row=2) if measures.get(row[0].value) == "ratio" and row[result].value is not None]
    assert ratios and all(row[result].number_format == "#,##0.0" for row in ratios)
    submitted = [row[3] for row in reporting.iter_rows(min_row=2) if row[0].value and row[3].value]
    assert submitted and all(isinstance(cell.value, datetime.datetime) for cell in submitted), [c.value for c in submitted[:3]]
    assert all(cell.number_format == "dd/mm/yyyy hh:mm" for cell in submitted)
    # LibreOffice prints the workbook as it is: landscape pages, each page of each table under its header row.
    pdf = to_pdf(path, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height, f"landscape: {width} x {height}"
    headers = ("Đơn vị tính", "Tên cơ quan, đơn vị →", "Gửi lần đầu", "Cơ quan chủ trì", "Nguồn kinh phí", "Kỳ báo cáo")
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert any(marker in text for marker in headers), f"page {page} of {pages} prints without its table's header:\n{text[:400]}"
    assert pages > 6, "the summary runs over more than one page, so the repeated header is tested"
    whole = pdf_text(pdf)
    assert "CT01" in whole and "CT37" in whole
    print(f"workbook: {pages} landscape pages; {len(counts)} count rows")
