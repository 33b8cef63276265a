"""`chitieu load-plan FILE`: loads a valid plan, refuses an invalid one and then changes nothing."""

import json

import pytest

from conftest import BUNDLED_PLAN


@pytest.fixture
def plan():
    """The bundled plan as a dict, to edit into broken variants."""
    return json.loads(BUNDLED_PLAN.read_text(encoding="utf-8"))


def indicator(plan: dict, code: str) -> dict:
    return next(entry for entry in plan["indicators"] if entry["code"] == code)


def write_json(path, data) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return str(path)


def test_help_lists_the_commands(server):
    result = server.chitieu("--help")

    assert result.returncode == 0, result.stderr
    for command in ("serve", "load-plan", "orgs"):
        assert command in result.stdout


def test_loading_the_bundled_plan_again_changes_nothing(server):
    result = server.chitieu("load-plan", str(BUNDLED_PLAN))

    assert result.returncode == 0, result.stderr
    assert "không có gì thay đổi" in result.stdout
    assert "37 chỉ tiêu giữ nguyên" in result.stdout


def unknown_measure(plan):
    indicator(plan, "CT05")["measure"] = "amount"
    return ["CT05", "measure", "amount"]


def stated_value_differs_from_text(plan):
    target = next(t for t in indicator(plan, "CT05")["targets"] if t["year"] == 2030)
    target.update(text="≥ 40", kind="atLeast", value=50)
    return ["CT05", "targets[2030]", "40", "50"]


@pytest.mark.parametrize("break_plan", [unknown_measure, stated_value_differs_from_text], ids=lambda f: f.__name__)
def test_invalid_plan_is_refused_naming_indicator_and_field(server, plan, tmp_path, break_plan):
    # setup: a valid change (a new name for CT01) next to the error; it must not be written either
    indicator(plan, "CT01")["name"] = "Tên đã sửa trong tệp lỗi"
    expected = break_plan(plan)
    before = server.json("/api/v1/indicators")

    # act
    result = server.chitieu("load-plan", write_json(tmp_path / "broken.json", plan))

    # validate
    assert result.returncode != 0
    problem_lines = [line for line in result.stderr.splitlines() if all(part in line for part in expected)]
    assert problem_lines, f"no stderr line names {expected}:\n{result.stderr}"
    assert server.json("/api/v1/indicators/CT05")["measure"] == "count"
    assert server.json("/api/v1/indicators") == before


def test_malformed_json_is_refused_and_changes_nothing(server, tmp_path):
    broken = tmp_path / "malformed.json"
    broken.write_text(BUNDLED_PLAN.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    before = server.json("/api/v1/indicators")

    result = server.chitieu("load-plan", str(broken))

    assert result.returncode != 0
    assert str(broken) in result.stderr
    assert server.json("/api/v1/indicators/CT05")["measure"] == "count"
    assert server.json("/api/v1/indicators") == before


def test_missing_file_is_refused_with_a_message(server, tmp_path):
    missing = tmp_path / "khong-co.json"

    result = server.chitieu("load-plan", str(missing))

    assert result.returncode != 0
    assert str(missing) in result.stderr
    assert result.stderr.strip().startswith("Lỗi")
