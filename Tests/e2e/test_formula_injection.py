"""Issue 16: what we write never runs as a formula when a person opens it. A DHIS2 CSV export with comments that
begin like formulas is opened by LibreOffice Calc (CSV import) and by Python's csv module; an evaluation workbook and
the values workbook are opened with openpyxl. The CSV's quote comes off again on import: export, import, export gives
the same file.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl

COMMENTS = ['=HYPERLINK("http://example.invalid","bấm vào đây")', "+1+1", "-5 ngày so với kế hoạch", "@SUM(A1)"]


def opened_by_calc(source: Path, folder: Path):
    """`source` imported by LibreOffice Calc as UTF-8 CSV with formulas evaluated, saved as .xlsx, opened with openpyxl."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (.ci/run installs libreoffice-calc-nogui)"
    out = folder / "calc"
    # tokens: comma, double quote, UTF-8, from line 1, no column formats, default language, quoted fields not forced to
    # text, special numbers detected, -, -, spaces kept, -, formulas evaluated
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile",
                           "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,0,true", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=180)
    result = out / (source.stem + ".xlsx")
    assert done.returncode == 0 and result.exists(), done.stdout + done.stderr
    return openpyxl.load_workbook(result).active


def test_csv_and_xlsx_exports_never_hold_a_formula(fresh_server, tmp_path):
    server = fresh_server
    assert server.chitieu("cycles", "create", "2026NovS2").returncode == 0
    assert server.chitieu("cycles", "open", "2026NovS2").returncode == 0
    units = ["MAU-BVDK-A", "MAU-BVDK-B", "MAU-BVSN", "MAU-TTYT-A"]
    lines = ["dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup"]
    for unit, comment in zip(units, COMMENTS):
        quoted = '"' + comment.replace('"', '""') + '"'
        lines.append(f"CT05,2026NovS2,{unit},,,3,,,{quoted},false")
    source = tmp_path / "in.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = server.chitieu("import", str(source))
    assert imported.returncode == 0, imported.stdout + imported.stderr

    # The CSV: each comment with its protective quote, each value a bare number.
    exported = server.chitieu("export", "--period", "2026NovS2", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert sorted(row["comment"] for row in rows) == sorted("'" + c for c in COMMENTS)
    assert {row["value"] for row in rows} == {"3"}

    # LibreOffice Calc opens the CSV (formulas evaluated where it finds them) and finds none.
    written = tmp_path / "out.csv"
    written.write_text(exported.stdout, encoding="utf-8")
    control = tmp_path / "control.csv"
    control.write_text("a,=1+1\n", encoding="utf-8")
    assert opened_by_calc(control, tmp_path)["B1"].data_type == "f", "this Calc import evaluates formulas (else the check proves nothing)"
    sheet = opened_by_calc(written, tmp_path)
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "a cell became a formula"
    texts = [str(cell.value) for cell in cells]
    for comment in COMMENTS:
        assert any(comment in text for text in texts), f"{comment} is not shown as text: {texts}"

    # Export → import → export gives the same file: the quote comes off on the way in.
    again = server.chitieu("import", str(written))
    assert again.returncode == 0, again.stdout + again.stderr
    assert server.chitieu("export", "--period", "2026NovS2", "--format", "csv").stdout == exported.stdout

    # The values workbook: comments are text cells (never formulas) with Excel's quote prefix, values unchanged.
    book_path = tmp_path / "values.xlsx"
    assert server.chitieu("export", "--period", "2026NovS2", "--format", "xlsx", "--output", str(book_path)).returncode == 0
    sheet = openpyxl.load_workbook(book_path).active
    comments = [row[8] for row in sheet.iter_rows(min_row=2)]
    assert sorted(cell.value for cell in comments) == sorted(COMMENTS)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in comments)
