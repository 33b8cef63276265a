"""Issue 13: DHIS2's own Python client (`dhis2.py` from PyPI, import `dhis2`) drives chitieu's DHIS2 Web API on the real
binary: it lists org units and data elements, pushes a data value set for a unit's open report, reads it back, sets and
deletes one value, completes the data set with DHIS2's documented example payload, and reads analytics, which must equal
`/api/v1/evaluation` for every indicator of the demo. `ApiToken` authentication and CSV are checked with plain requests.
Bounded: one server, about thirty requests, well under two minutes.
"""

from __future__ import annotations

import csv
import io

import pytest
import requests
from dhis2 import Api, RequestException

from conftest import demo_accounts, session_csrf, start_server

OPEN_PERIOD = "2027NovS1"
COMMENT = "Số liệu thử qua DHIS2"


@pytest.fixture(scope="module")
def dhis2_server(tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("dhis2"))
    try:
        result = server.chitieu("demo", "--reports")
        server.accounts = demo_accounts(result)  # a second `demo` gives the demo accounts new passwords
        for command in (("cycles", "create", OPEN_PERIOD), ("cycles", "open", OPEN_PERIOD)):
            done = server.chitieu(*command)
            assert done.returncode == 0, f"chitieu {' '.join(command)}: {done.stdout}\n{done.stderr}"
        yield server
    finally:
        server.stop()


def client(server, role: str, version: int | None = None) -> Api:
    email, password = server.accounts[role]
    return Api(server.url, email, password, api_version=version)


def plan_code(api: Api) -> str:
    return api.get("dataSets", params={"fields": "id,periodType"}).json()["dataSets"][0]["id"]


def evaluation(server, period: str, org: str | None = None) -> dict[str, float | None]:
    query = f"/api/v1/evaluation?period={period}&include=provisional" + (f"&org={org}" if org else "")
    return {row["code"]: row["value"] for row in server.json(query)}


def analytics(api: Api, codes: list[str], period: str, org: str) -> dict[str, float]:
    grid = api.get("analytics", params={"dimension": f"dx:{';'.join(codes)}", "filter": [f"pe:{period}", f"ou:{org}"],
                                        "include": "provisional"}).json()
    assert [h["name"] for h in grid["headers"]] == ["dx", "value"], grid["headers"]
    assert grid["metaData"]["dimensions"]["dx"] == codes
    return {row[0]: float(row[1]) for row in grid["rows"]}


def test_metadata_through_the_client(dhis2_server):
    api = client(dhis2_server, "unitReporter", version=40)
    assert api.version == "2.40.0" and api.version_int == 40 and api.revision == "chitieu"
    units = api.get_paged("organisationUnits", page_size=5, params={"fields": "id,code,level,path,parent"}, merge=True)["organisationUnits"]
    ours = dhis2_server.json("/api/v1/organisations")
    assert sorted(u["id"] for u in units) == sorted(o["code"] for o in ours)
    unit = next(u for u in units if u["id"] == "MAU-BVDK-A")
    assert unit["parent"] == {"id": "SYT"} and unit["path"] == "/SYT/MAU-BVDK-A" and unit["level"] == 2
    filtered = api.get("organisationUnits", params={"filter": ["id:in:[SYT,MAU-BVDK-A]"], "fields": "id,children[id,name]", "paging": "false"}).json()
    assert sorted(u["id"] for u in filtered["organisationUnits"]) == ["MAU-BVDK-A", "SYT"] and "pager" not in filtered
    elements = api.get("dataElements", params={"fields": "id,valueType,aggregationType,categoryCombo[id]", "paging": "false"}).json()["dataElements"]
    indicators = {i["code"]: i for i in dhis2_server.json("/api/v1/indicators")}
    assert {e["id"] for e in elements} == set(indicators)
    for element in elements:
        ratio = indicators[element["id"]]["measure"] == "ratio"
        assert element["categoryCombo"]["id"] == ("NUMDEN" if ratio else "default"), element
    combos = api.get("categoryOptionCombos", params={"paging": "false"}).json()["categoryOptionCombos"]
    assert [c["id"] for c in combos] == ["default", "NUM", "DEN"]
    assert api.get("dataSets").json()["dataSets"][0]["id"] == plan_code(api)
    with pytest.raises(RequestException) as missing:
        api.get("organisationUnits/KHONG-CO")
    assert missing.value.code == 404 and '"httpStatusCode":404' in missing.value.description.replace(" ", "")


def test_push_read_set_delete_complete_and_analytics(dhis2_server):
    server = dhis2_server
    unit_api, coordinator_api = client(server, "unitReporter", version=38), client(server, "coordinator")
    org = unit_api.get("me").json()["organisationUnits"][0]["id"]
    dataset = plan_code(unit_api)
    scales = {i["code"]: i["scale"] for i in server.json("/api/v1/indicators")}
    unit_session = server.session("unitReporter")
    report = next(r for r in unit_session.get(f"{server.url}/api/v1/reports", timeout=30).json() if r["period"] == OPEN_PERIOD)
    detail = unit_session.get(f"{server.url}/api/v1/reports/{report['id']}", timeout=30).json()

    # a whole report as a DHIS2 client sends it: ratios as NUM/DEN option combos, the rest with the default combo
    values, expected = [], {}
    for position, row in enumerate(detail["values"], start=1):
        code, measure = row["indicator"], row["measure"]
        if measure == "ratio":
            for combo, value in (("NUM", str(40 + position)), ("DEN", str(100 + position))):
                values.append({"dataElement": code, "categoryOptionCombo": combo, "value": value, "comment": COMMENT})
                expected[(code, combo)] = value
        else:
            value = {"count": str(position), "shareOfUnits": "true", "level": (scales[code] or ["?"])[-1]}[measure]
            values.append({"dataElement": code, "categoryOptionCombo": "HllvX50cXC0", "value": value, "comment": COMMENT})
            expected[(code, "default")] = value
    answer = unit_api.post("dataValueSets", json={"dataSet": dataset, "period": OPEN_PERIOD, "orgUnit": org, "dataValues": values}).json()
    assert answer["httpStatusCode"] == 200 and answer["status"] == "OK", answer
    assert answer["response"]["importCount"]["imported"] == len(values) and answer["response"]["conflicts"] == []

    read = unit_api.get("dataValueSets", params={"dataSet": dataset, "period": OPEN_PERIOD, "orgUnit": org}).json()
    assert {(v["dataElement"], v["categoryOptionCombo"]): v["value"] for v in read["dataValues"]} == expected
    page = unit_session.get(f"{server.url}/reports/{report['id']}", timeout=30)
    assert page.status_code == 200 and COMMENT in page.text, "the pushed values are on the unit's report page"

    # one value: a ratio's numerator set and read; a count set, read, deleted and set back (a ratio's part alone cannot be
    # deleted: the report's rules want both parts or neither)
    measures = {row["indicator"]: row["measure"] for row in detail["values"]}
    counts = [code for code in measures if measures[code] == "count"][:3]
    ratio = next(code for (code, combo) in expected if combo == "NUM")
    numerator = {"de": ratio, "pe": OPEN_PERIOD, "ou": org, "co": "NUM"}
    assert unit_api.post("dataValues", params={**numerator, "value": "7"}).status_code == 201
    assert unit_api.get("dataValues", params=numerator).json() == ["7"]
    assert unit_api.post("dataValues", params={**numerator, "value": expected[(ratio, "NUM")]}).status_code == 201
    one = {"de": counts[0], "pe": OPEN_PERIOD, "ou": org}
    assert unit_api.post("dataValues", params={**one, "value": "9"}).status_code == 201
    assert unit_api.get("dataValues", params={**one, "co": "HllvX50cXC0"}).json() == ["9"]
    assert unit_api.delete("dataValues", params=one).status_code == 204
    with pytest.raises(RequestException) as gone:
        unit_api.get("dataValues", params=one)
    assert gone.value.code == 404
    assert unit_api.post("dataValues", params={**one, "value": expected[(counts[0], "default")], "comment": COMMENT}).status_code == 201
    with pytest.raises(RequestException) as foreign:
        unit_api.post("dataValues", params={"de": ratio, "pe": OPEN_PERIOD, "ou": "MAU-BVDK-B", "co": "NUM", "value": "1"})
    assert foreign.value.code == 409

    # DHIS2's documented example payload ("Sending data values"), with this server's identifiers in place of play.dhis2.org's
    example = {"dataSet": dataset, "completeDate": "2014-02-03", "period": OPEN_PERIOD, "orgUnit": org,
               "dataValues": [{"dataElement": counts[0], "value": "1"}, {"dataElement": counts[1], "value": "2"}, {"dataElement": counts[2], "value": "3"}]}
    documented = unit_api.post("dataValueSets", json=example).json()
    assert documented["status"] == "OK" and documented["response"]["dataSetComplete"] == "true", documented
    head = server.session("unitHead")
    state = unit_session.get(f"{server.url}/api/v1/reports/{report['id']}", timeout=30).json()["report"]["state"]
    if state == "awaitingHead":  # the demo unit has a head: he signs and sends it to the Department
        signed = head.post(f"{server.url}/api/v1/reports/{report['id']}/sign", headers={"X-CSRF-Token": session_csrf(server, head)}, json={}, timeout=30)
        assert signed.status_code == 200, signed.text[:300]
    registrations = coordinator_api.get("completeDataSetRegistrations", params={"dataSet": dataset, "period": OPEN_PERIOD, "orgUnit": "SYT", "children": "true"}).json()
    assert [r["organisationUnit"] for r in registrations["completeDataSetRegistrations"]] == [org]

    # the coordinator undoes the registration; the unit registers again; the coordinator approves
    assert coordinator_api.delete("completeDataSetRegistrations", params={"ds": dataset, "pe": OPEN_PERIOD, "ou": org}).status_code == 204
    registered = unit_api.post("completeDataSetRegistrations", json={"completeDataSetRegistrations": [
        {"dataSet": dataset, "period": OPEN_PERIOD, "organisationUnit": org}]}).json()
    assert registered["status"] == "OK", registered
    state = unit_session.get(f"{server.url}/api/v1/reports/{report['id']}", timeout=30).json()["report"]["state"]
    if state == "awaitingHead":
        assert head.post(f"{server.url}/api/v1/reports/{report['id']}/sign", headers={"X-CSRF-Token": session_csrf(server, head)}, json={}, timeout=30).status_code == 200

    # analytics = the evaluation: this period (the unit and the sector) and both demo periods, every indicator
    codes = list(scales)
    for period in [OPEN_PERIOD] + sorted({p for p in dhis2_server_periods(server)}):
        for where in (org, "SYT"):
            figures = evaluation(server, period, None if where == "SYT" else where)
            grid = analytics(coordinator_api, codes, period, where)
            assert grid == {code: value for code, value in figures.items() if value is not None}, (period, where)
    own = evaluation(server, OPEN_PERIOD, org)
    assert own[counts[0]] == 1.0 and own[ratio] == pytest.approx(100 * int(expected[(ratio, "NUM")]) / int(expected[(ratio, "DEN")]))


def dhis2_server_periods(server) -> list[str]:
    return [c["period"] for c in server.json("/api/v1/cycles") if c["period"] != OPEN_PERIOD]


def test_api_token_csv_and_refusals(dhis2_server):
    server = dhis2_server
    session = server.session("unitReporter")
    made = session.post(f"{server.url}/api/v1/tokens", json={"name": "DHIS2 e2e", "scope": "read", "days": 1},
                        headers={"X-CSRF-Token": session_csrf(server, session)}, timeout=30)
    assert made.status_code in (200, 201), made.text[:300]
    token = made.json()["token"]
    me = requests.get(f"{server.url}/api/41/me", headers={"Authorization": f"ApiToken {token}"}, timeout=30)
    assert me.status_code == 200 and me.json()["username"] == server.accounts["unitReporter"][0]
    org = me.json()["organisationUnits"][0]["id"]
    exported = requests.get(f"{server.url}/api/dataValueSets.csv", params={"dataSet": "KH-BCD-SYT-NB-2025", "period": OPEN_PERIOD, "orgUnit": org},
                            headers={"Authorization": f"ApiToken {token}"}, timeout=30)
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows and {"dataelement", "period", "orgunit", "categoryoptioncombo", "value"} <= set(rows[0])
    # a read token never writes; a cookie is not read on these routes; a wrong password is a DHIS2 401
    write = requests.post(f"{server.url}/api/dataValues", params={"de": "CT05", "pe": OPEN_PERIOD, "ou": org, "value": "1"},
                          headers={"Authorization": f"ApiToken {token}"}, timeout=30)
    assert write.status_code == 403 and write.json()["status"] == "ERROR"
    assert session.get(f"{server.url}/api/me", timeout=30).status_code == 401
    wrong = requests.get(f"{server.url}/api/me", auth=(server.accounts["unitReporter"][0], "sai-mat-khau"), timeout=30)
    assert wrong.status_code == 401 and wrong.json()["httpStatus"] == "Unauthorized"
