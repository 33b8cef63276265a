#!/usr/bin/env python3
"""Deterministic data for the import benchmark (issue 17): an organisation list for `chitieu orgs import`, and the
same N data values as a DHIS2 JSON dataValueSet and as a DHIS2 CSV, for `chitieu import`.

Values go unit by unit, period by period, in the plan's indicator order (as DHIS2 exports them), for every data
element each unit reports (a ratio is NUM and DEN); they stop at exactly N. A unit reports the same values in every
period, so no stock moves enough to need a comment. Organisations are marked as test data by their names.

    python3 benchmarks/import/generate.py --values 1000000 --units 13000 --out /tmp/import-bench
"""
import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PERIODS = ["2026NovS1", "2026NovS2", "2027NovS1", "2027NovS2", "2028NovS1", "2028NovS2"]


def data_elements(plan):
    """(indicator, data element, kind) a medical affiliated unit reports, in plan order."""
    found = []
    for position, ind in enumerate(plan["indicators"]):
        if ind["reporters"] == "department":
            continue
        if ind["measure"] == "ratio":
            found += [(position, ind, ind["code"] + ".NUM", "num"), (position, ind, ind["code"] + ".DEN", "den")]
        else:
            found.append((position, ind, ind["code"], ind["measure"]))
    return found


def value(unit, index, ind, kind):
    den = 20 + (unit * 7 + index * 3) % 80
    if kind == "den":
        return str(den)
    if kind == "num":
        return str((unit * 13 + index * 5) % (den + 1))
    if kind == "count":
        return str((unit * 11 + index) % 50)
    if kind == "shareOfUnits":
        return "true" if (unit + index) % 3 else "false"
    if kind == "level":
        scale = ind["scale"]
        return scale[(unit + index) % len(scale)]
    raise ValueError(kind)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=13_000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--plan", default=os.path.join(ROOT, "Resources/Plans/ninh-binh-khcn-cds-2025.json"))
    args = parser.parse_args()
    plan = json.load(open(args.plan, encoding="utf-8"))
    elements = data_elements(plan)
    per_period = args.units * len(elements)
    periods = -(-args.values // per_period)
    if periods > len(PERIODS):
        sys.exit(f"{args.values} values need {periods} periods of {args.units} units; at most {len(PERIODS)}: add units")
    os.makedirs(args.out, exist_ok=True)
    codes = [f"BENCH-{u:05d}" for u in range(1, args.units + 1)]
    with open(os.path.join(args.out, "orgs.csv"), "w", encoding="utf-8") as f:
        f.write("code,name,kind,medical,parent\n")
        for u, code in enumerate(codes, 1):
            f.write(f"{code},Đơn vị thử nghiệm hiệu năng {u:05d} (dữ liệu sinh tự động),districtHealthCentre,yes,SYT\n")
    with open(os.path.join(args.out, "periods.txt"), "w") as f:
        f.write("\n".join(PERIODS[:periods]) + "\n")
    written = 0
    with open(os.path.join(args.out, "values.json"), "w", encoding="utf-8") as j, \
         open(os.path.join(args.out, "values.csv"), "w", encoding="utf-8") as c:
        j.write('{"dataSet":"%s","dataValues":[\n' % plan["code"])
        c.write("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup\n")
        first = True
        for period in PERIODS[:periods]:
            for u, code in enumerate(codes, 1):
                for index, ind, element, kind in elements:
                    if written == args.values:
                        break
                    v = value(u, index, ind, kind)
                    j.write(("" if first else ",\n") + json.dumps(
                        {"dataElement": element, "period": period, "orgUnit": code, "value": v}, ensure_ascii=False))
                    c.write(f'{element},{period},{code},,,"{v}",,,,false\n')
                    first = False
                    written += 1
        j.write("\n]}\n")
    print(f"{written} values, {args.units} units, {periods} periods ({' '.join(PERIODS[:periods])}), "
          f"{len(elements)} data elements a report → {args.out}")


if __name__ == "__main__":
    main()
