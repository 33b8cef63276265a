"""The JSON API and the health check, through HTTP (requests). `server.get`/`server.json` are signed in
as the demo administrator; /health and the API document are public and are read anonymously."""


def test_health_reports_ok_with_the_database_kind(server):
    response = server.anonymous_get("/health")

    assert response.status_code == 200
    health = response.json()

    assert health["status"] == "ok"
    assert health["database"] == "sqlite"
    assert health["plans"] == 1


def test_indicator_list_holds_the_37_indicators_of_the_plan(server):
    indicators = server.json("/api/v1/indicators")

    assert len(indicators) == 37
    assert [indicator["code"] for indicator in indicators] == [f"CT{n:02d}" for n in range(1, 38)]
    assert [indicator["number"] for indicator in indicators] == list(range(1, 38))


def test_indicator_list_filters_by_group(server):
    groups = {code: server.json(f"/api/v1/indicators?group={code}") for code in ("I", "II", "III", "IV")}

    assert all(groups.values()), "every group holds indicators"
    assert sum(len(indicators) for indicators in groups.values()) == 37
    assert all(indicator["group"] == code for code, indicators in groups.items() for indicator in indicators)


def test_unknown_group_is_a_400_with_a_json_reason(server):
    response = server.get("/api/v1/indicators?group=V")

    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["error"] is True
    assert "group" in body["reason"] and "V" in body["reason"]


def test_one_indicator_and_its_21_year_trajectory(server):
    indicator = server.json("/api/v1/indicators/CT04")
    trajectory = server.json("/api/v1/indicators/CT04/trajectory")

    assert indicator["code"] == "CT04"
    assert [target["text"] for target in indicator["targets"]] == ["-", "-", "-", "80-90", "≥ 90"]
    assert [year["year"] for year in trajectory] == list(range(2025, 2046))
    assert [year["year"] for year in trajectory if year["milestone"]] == [2025, 2030, 2035, 2040, 2045]


def test_unknown_indicator_is_a_404_with_a_json_reason(server):
    response = server.get("/api/v1/indicators/CT99")

    assert response.status_code == 404
    assert response.json()["error"] is True
    assert "CT99" in response.json()["reason"]


def test_openapi_document_is_served_without_signing_in(server):
    response = server.anonymous_get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()

    assert document["openapi"].startswith("3.")
    assert "/api/v1/indicators" in document["paths"]
