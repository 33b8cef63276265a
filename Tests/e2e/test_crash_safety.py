"""Crash safety (issue 14, part 1): a large DHIS2 import (`chitieu import FILE.json`) and a burst of report saves through
the API are running when the server and the import are killed with kill -9 at seeded random moments. After each
restart the import is all there or not there at all, and every save answered 200 is there; after the last,
`chitieu audit verify` and the database's own checks pass. On SQLite (WAL) and on PostgreSQL.

Bounded for CI: CRASH_RUNS seeded runs (default 2) of CRASH_KILLS kills each (default 3), an import of
CRASH_IMPORT_UNITS units (default 150) × their count and ratio indicators. RELIABILITY.md has the long version.
"""

from __future__ import annotations

import json
import random
import subprocess
import threading
import time

import pytest
import requests

from conftest import REPO_ROOT, app_environment, chitieu_binary
from reliability_support import (KINDS, add_units, admin, audit_verify, bearer, environment_number, kill, launch, open_cycle,
                                 open_database, reporter_tokens, reports, start)

RUNS = environment_number("CRASH_RUNS", 2)
KILLS = environment_number("CRASH_KILLS", 5)
IMPORT_UNITS = environment_number("CRASH_IMPORT_UNITS", 150)
# The kill comes within this many seconds (tenths) after the import starts: on the release binary an import of 150
# units takes about half of it, so kills land while it starts, while it checks and writes, and after it ended.
KILL_WINDOW = environment_number("CRASH_KILL_WINDOW_TENTHS", 15) / 10
SAVERS = 4
PERIOD = "2026NovS1"


class Saver(threading.Thread):
    """A unit reporter saving its report again and again, each save one more on one count; remembers the last save
    answered 200 and the last one sent (which may have landed unanswered)."""

    def __init__(self, url: str, token: str, report: str, indicator: str, version: int, start: int):
        super().__init__(daemon=True)
        self.url, self.report, self.indicator, self.version = url, report, indicator, version
        self.session = requests.Session()
        self.session.headers.update(bearer(token))
        self.acknowledged = self.attempted = start
        self.answered = 0
        self.unexpected: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            amount = self.attempted + 1
            self.attempted = amount
            body = {"version": self.version, "values": {self.indicator: {"amount": amount}}}
            try:
                answer = self.session.put(f"{self.url}/api/v1/reports/{self.report}", json=body, timeout=60)
            except requests.RequestException:
                return  # the server is gone: this save may or may not have landed
            if answer.status_code != 200:
                self.unexpected.append(f"{answer.status_code} {answer.text[:200]}")
                return
            self.answered += 1
            self.acknowledged = amount
            self.version = answer.json()["report"]["version"]


def data_value_set(units: list[str], elements: list[tuple[str, str]], marker: int) -> dict:
    """Every element of every unit set to the marker of this import (a ratio: marker / 2 × marker)."""
    values = []
    for unit in units:
        for element, measure in elements:
            if measure == "ratio":
                values += [{"dataElement": f"{element}.NUM", "period": PERIOD, "orgUnit": unit, "value": str(marker)},
                           {"dataElement": f"{element}.DEN", "period": PERIOD, "orgUnit": unit, "value": str(2 * marker)}]
            else:
                values.append({"dataElement": element, "period": PERIOD, "orgUnit": unit, "value": str(marker)})
    return {"dataValues": values}


def expected_values(elements: list[tuple[str, str]], marker: int) -> list[float]:
    """The values of every cell of a whole import."""
    one_unit = [v for _, measure in elements for v in ((marker, 2 * marker) if measure == "ratio" else (marker,))]
    return sorted(float(v) for v in one_unit * IMPORT_UNITS)


def import_cells(session: requests.Session, url: str, units: set[str]) -> dict[tuple, float]:
    """(unit, data element) → value, for the import's units, as the server exports them."""
    answer = session.get(url + "/api/v1/dataValueSets", params={"period": PERIOD, "orgUnit": "SYT", "children": "true"}, timeout=120)
    assert answer.status_code == 200, answer.text[:300]
    return {(value["orgUnit"], value["dataElement"], value.get("categoryOptionCombo")): float(value["value"])
            for value in answer.json()["dataValues"] if value["orgUnit"] in units}


def crash_run(kind: str, folder, seed: int, figures: dict) -> None:
    # setup: units for the import, units whose reporters save, the open cycle
    rng = random.Random(seed)
    database = open_database(kind, folder)
    server = start(database, {"REMINDER_CHECK_MINUTES": "0"})
    session = admin(server)
    import_units = add_units(server, "TAI", IMPORT_UNITS)
    saver_units = add_units(server, "LUU", SAVERS)
    tokens = reporter_tokens(server, session, saver_units)
    cycle = open_cycle(session, server, PERIOD)
    listed = reports(session, server, cycle["id"])
    sample = session.get(f"{server.url}/api/v1/reports/{listed[import_units[0]]['id']}", timeout=60).json()
    elements = [(value["indicator"], value["measure"]) for value in sample["values"] if value["measure"] in ("count", "ratio")]
    saved_indicator = next(code for code, measure in elements if measure == "count")
    expected_cells = len(expected_values(elements, 1))
    amounts = {unit: 0 for unit in saver_units}
    state: dict = {}
    for round_number in range(KILLS):
        # act: the import and the savers run; at a seeded moment, kill -9 both processes
        marker = 1000 * (seed % 100) + round_number + 1
        file = folder / f"import-{round_number}.json"
        file.write_text(json.dumps(data_value_set(import_units, elements, marker)))
        savers = [Saver(server.url, tokens[unit], listed[unit]["id"], saved_indicator,
                        reports(session, server, cycle["id"])[unit]["version"], amounts[unit]) for unit in saver_units]
        for saver in savers:
            saver.start()
        time.sleep(1)  # some saves answered before the import takes the write lock
        importer = subprocess.Popen([str(chitieu_binary()), "import", str(file)], cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                    env=app_environment(server.chitieu.database_path, server.chitieu.extra_environment))
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(importer.stdout), daemon=True)
        reader.start()
        # The kill comes at a seeded moment after the import started: while it starts, reads and checks, writes, or after
        # it ended. (It prints only at its end: it reads its file as it imports.)
        time.sleep(rng.uniform(0.0, KILL_WINDOW))
        finished = importer.poll()
        kill(server.process)
        kill(importer)
        for saver in savers:
            saver.stop.set()
            saver.join(timeout=90)
        reader.join(timeout=30)
        output = "".join(lines)
        assert finished in (None, 0), f"the import failed by itself (exit {finished}):\n{output[-2000:]}"
        figures["kills"] += 1
        figures["imports landed before the kill" if finished == 0 else "imports killed"] += 1
        # validate: restarted, the import is all or nothing; every save answered 200 is there
        server = launch(server)
        session = admin(server)
        cells = import_cells(session, server.url, set(import_units))
        whole = sorted(cells.values()) == sorted(expected_values(elements, marker))
        if finished == 0:
            assert whole, f"round {round_number}: an import that ended is not all there ({len(cells)} of {expected_cells} cells)"
        assert whole or cells == state, \
            f"round {round_number}: a torn import: {len(cells)} of {expected_cells} cells, values {sorted(set(cells.values()))[:6]}"
        figures["imports present after restart" if whole else "imports absent after restart"] += 1
        state = cells
        stored = reports(session, server, cycle["id"])
        for unit, saver in zip(saver_units, savers):
            assert not saver.unexpected, f"{unit}: unexpected answers {saver.unexpected[:3]}"
            report = session.get(f"{server.url}/api/v1/reports/{stored[unit]['id']}", timeout=60).json()
            amount = next((value["amount"] for value in report["values"] if value["indicator"] == saved_indicator), None) or 0
            assert saver.acknowledged <= amount <= saver.attempted, \
                f"{unit}: stored {amount}, but {saver.acknowledged} was answered 200 (last sent {saver.attempted})"
            amounts[unit] = int(amount)
            figures["saves answered 200"] += saver.answered
    # validate: the change log and the database are whole
    verified = audit_verify(server)
    assert verified.returncode == 0, f"chitieu audit verify:\n{verified.stdout}\n{verified.stderr}"
    figures["audit entries"] += int(next(word for word in verified.stdout.split() if word.isdigit()))
    problems = database.integrity_problems()
    assert not problems, f"{kind} integrity: {problems[:5]}"
    figures["import cells"] = expected_cells
    server.stop()


@pytest.mark.parametrize("kind", KINDS)
def test_kill_9_during_an_import_and_saves_keeps_every_answered_save_and_no_torn_import(kind, tmp_path):
    figures: dict = {key: 0 for key in ("kills", "imports killed", "imports landed before the kill", "imports present after restart",
                                        "imports absent after restart", "saves answered 200", "audit entries", "import cells")}
    started = time.monotonic()
    for run in range(RUNS):
        crash_run(kind, tmp_path / f"run-{run}", 14_000 + run, figures)
    print(f"\ncrash safety on {kind}: {RUNS} runs, {json.dumps(figures, ensure_ascii=False)}, {time.monotonic() - started:.0f} s")
