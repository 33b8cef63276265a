"""`chitieu orgs import FILE.csv [--remove-demo]`: every row or none, problems named by line and column.

Each test has a server and database of its own (`fresh_server`): importing changes the data.
"""

import re

import pytest

GOOD_CSV = """code,name,kind,medical,parent
BVDK-NB,Bệnh viện Đa khoa tỉnh Ninh Bình,provincialHospital,yes,SYT
TTYT-HL,Trung tâm Y tế huyện Hoa Lư,districtHealthCentre,có,SYT
"""

BAD_CSV = """code,name,kind,medical,parent
BV-TOT,Bệnh viện dòng đúng,provincialHospital,yes,SYT
BV-SAI-LOAI,Bệnh viện loại sai,hospital,yes,SYT
BV-SAI-KCB,Bệnh viện cột khám chữa bệnh sai,specialisedHospital,maybe,SYT
"""


def organisations(server) -> dict[str, dict]:
    return {organisation["code"]: organisation for organisation in server.json("/api/v1/organisations")}


def write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_good_csv_adds_its_units(fresh_server, tmp_path):
    result = fresh_server.chitieu("orgs", "import", write(tmp_path / "units.csv", GOOD_CSV))

    assert result.returncode == 0, result.stderr
    assert "2 thêm mới" in result.stdout
    units = organisations(fresh_server)
    assert units["BVDK-NB"] == {
        "code": "BVDK-NB", "name": "Bệnh viện Đa khoa tỉnh Ninh Bình", "kind": "provincialHospital",
        "medical": True, "parent": "SYT", "demo": False, "active": True,
    }
    assert units["TTYT-HL"]["kind"] == "districtHealthCentre"
    assert units["TTYT-HL"]["medical"] is True


def test_importing_the_same_csv_twice_changes_nothing_the_second_time(fresh_server, tmp_path):
    csv = write(tmp_path / "units.csv", GOOD_CSV)
    fresh_server.chitieu("orgs", "import", csv)

    result = fresh_server.chitieu("orgs", "import", csv)

    assert result.returncode == 0, result.stderr
    assert "0 thêm mới" in result.stdout and "2 giữ nguyên" in result.stdout


def test_bad_csv_names_lines_and_columns_and_adds_no_row(fresh_server, tmp_path):
    before = organisations(fresh_server)

    result = fresh_server.chitieu("orgs", "import", write(tmp_path / "bad.csv", BAD_CSV))

    assert result.returncode != 0
    # Line 3 has the unknown kind "hospital", line 4 the medical value "maybe" (line 1 is the header).
    assert re.search(r"\b3\b.*\bkind\b.*hospital", result.stderr), result.stderr
    assert re.search(r"\b4\b.*\bmedical\b.*maybe", result.stderr), result.stderr
    assert organisations(fresh_server) == before, "not even the valid line 2 may be added"


def test_unknown_parent_found_while_writing_adds_no_row(fresh_server, tmp_path):
    # Parents are checked against the database inside the import's transaction, after the rows parsed.
    csv = GOOD_CSV + "TYT-X,Trạm Y tế xã X,otherUnit,yes,KHONG-CO\n"
    before = organisations(fresh_server)

    result = fresh_server.chitieu("orgs", "import", write(tmp_path / "orphan.csv", csv))

    assert result.returncode != 0
    assert re.search(r"\b4\b.*\bparent\b.*KHONG-CO", result.stderr), result.stderr
    assert organisations(fresh_server) == before


def test_remove_demo_replaces_the_demo_units(fresh_server, tmp_path):
    before = organisations(fresh_server)
    demo_codes = {code for code, organisation in before.items() if organisation["demo"]}
    assert demo_codes and all(code.startswith("MAU-") for code in demo_codes), "a first serve creates demo units"

    result = fresh_server.chitieu("orgs", "import", write(tmp_path / "units.csv", GOOD_CSV), "--remove-demo")

    assert result.returncode == 0, result.stderr
    assert f"{len(demo_codes)} đơn vị mẫu đã xoá" in result.stdout
    after = organisations(fresh_server)
    assert not [code for code in after if code.startswith("MAU-")]
    assert {"SYT", "BVDK-NB", "TTYT-HL"} <= after.keys()
    page = fresh_server.get("/organisations", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<table" in page.text
    assert "demo-warning" not in page.text


def test_remove_demo_leaves_no_account_in_a_unit_that_is_gone(fresh_server, tmp_path):
    fresh_server.chitieu("orgs", "import", write(tmp_path / "units.csv", GOOD_CSV), "--remove-demo")

    units = {line.split("\t")[0] for line in fresh_server.chitieu("orgs", "list").stdout.splitlines()}
    accounts = [line.split("\t") for line in fresh_server.chitieu("user", "list").stdout.splitlines()]

    assert {fields[0]: fields[2] for fields in accounts if fields[2] not in units} == {}


def test_orgs_list_prints_the_units(fresh_server, tmp_path):
    fresh_server.chitieu("orgs", "import", write(tmp_path / "units.csv", GOOD_CSV))

    result = fresh_server.chitieu("orgs", "list")

    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert ["BVDK-NB", "provincialHospital", "yes", "Bệnh viện Đa khoa tỉnh Ninh Bình"] in rows
