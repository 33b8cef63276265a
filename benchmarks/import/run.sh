#!/usr/bin/env bash
# Import benchmark (issue 17): `chitieu import` of N DHIS2 values (JSON, then the same as CSV) into a fresh database,
# values per minute and peak RSS, against the floor measured in the same run (`chitieu import --parse-only`: the same
# reader, no checks, no writes; and Python's json.load of the same file); and `chitieu orgs import` of the national list.
#
#   benchmarks/import/run.sh [--values N] [--units U] [--db sqlite|postgres|both] [--data DIR]
#
# --data DIR keeps the generated files in DIR and reuses them when they are there (same N and U).
#
# Binary: $CHITIEU_BIN, else .build-release/release/chitieu (swift build -c release --product chitieu --scratch-path .build-release).
# PostgreSQL: $BENCH_DATABASE_URL (default: the chitieu_import database); its public schema is emptied first.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VALUES=1000000 UNITS=13000 DB=both DATA=
while [ $# -gt 0 ]; do
    case $1 in
        --values) VALUES=$2; shift 2 ;;
        --units) UNITS=$2; shift 2 ;;
        --db) DB=$2; shift 2 ;;
        --data) DATA=$2; shift 2 ;;
        *) echo "usage: $0 [--values N] [--units U] [--db sqlite|postgres|both] [--data DIR]" >&2; exit 2 ;;
    esac
done
BIN=${CHITIEU_BIN:-$ROOT/.build-release/release/chitieu}
[ -x "$BIN" ] || { echo "no binary at $BIN: swift build -c release --product chitieu --scratch-path .build-release" >&2; exit 2; }
PG_URL=${BENCH_DATABASE_URL:-postgres://chitieu:chitieu@127.0.0.1:5432/chitieu_import?sslmode=disable}
WORK=$(mktemp -d /tmp/chitieu-import-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export LOG_LEVEL=${LOG_LEVEL:-warning}

DATA=${DATA:-$WORK/data}
STAMP="$VALUES values $UNITS units"
if [ "$(cat "$DATA/stamp" 2>/dev/null)" != "$STAMP" ]; then
    python3 benchmarks/import/generate.py --values "$VALUES" --units "$UNITS" --out "$DATA"
    echo "$STAMP" >"$DATA/stamp"
fi
ls -l "$DATA" | awk 'NR>1 {printf "  %-12s %8.1f MB\n", $9, $5/1e6}'

# measure NAME COMMAND…: wall seconds and peak RSS (MB) of COMMAND, from /usr/bin/time -v; output kept in $WORK/NAME.log.
measure() {
    local name=$1; shift
    if ! /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.log" 2>&1; then
        echo "FAILED: $name ($*)" >&2; tail -20 "$WORK/$name.log" >&2; exit 1
    fi
    SECONDS_TAKEN=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$WORK/$name.time")
    PEAK_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/$name.time")
}

row() { printf '| %-44s | %10s | %9s | %14s | %8s |\n' "$@"; }

# The benchmark's own PostgreSQL database, created when missing (CI runs as root next to its cluster).
ensure_pg_database() {
    psql "$PG_URL" -qAtc 'SELECT 1' >/dev/null 2>&1 && return
    local name=${PG_URL##*/}; name=${name%%\?*}
    (cd /tmp && su postgres -c "psql -qc 'CREATE DATABASE $name OWNER chitieu'")
}

fresh_database() {
    if [ "$1" = postgres ]; then
        ensure_pg_database
        export DATABASE_URL=$PG_URL
        psql "$PG_URL" -q -c "SET client_min_messages = warning" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
    else
        unset DATABASE_URL
        export DATABASE_PATH=$WORK/bench.sqlite
        rm -f "$WORK"/bench.sqlite* "$WORK"/bench-audit.key
    fi
    "$BIN" load-plan Resources/Plans/ninh-binh-khcn-cds-2025.json >"$WORK/plan.log" 2>&1
}

open_cycles() {
    while read -r period; do
        "$BIN" cycles create "$period" >>"$WORK/cycles.log" 2>&1
        "$BIN" cycles open "$period" >>"$WORK/cycles.log" 2>&1
    done <"$DATA/periods.txt"
}

# Floor: the same files read without checks or writes (no database involved), once per run.
measure parse-json "$BIN" import "$DATA/values.json" --parse-only
FLOOR_JSON_S=$SECONDS_TAKEN FLOOR_JSON_MB=$PEAK_MB
measure parse-csv "$BIN" import "$DATA/values.csv" --parse-only
FLOOR_CSV_S=$SECONDS_TAKEN FLOOR_CSV_MB=$PEAK_MB
measure python-json python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['dataValues']))" "$DATA/values.json"
PY_S=$SECONDS_TAKEN PY_MB=$PEAK_MB

echo
echo "commit $(git rev-parse --short HEAD) · $(date -u '+%Y-%m-%d %H:%M UTC') · $VALUES values · $UNITS units · $(nproc) cores"
row "step" "seconds" "peak MB" "values/min" "× floor"
row "--------------------------------------------" "----------" "---------" "--------------" "--------"
per_min() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n * 60 / s; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "-" }'; }
row "floor: chitieu import --parse-only (JSON)" "$FLOOR_JSON_S" "$FLOOR_JSON_MB" "$(per_min "$VALUES" "$FLOOR_JSON_S")" "1.0×"
row "floor: chitieu import --parse-only (CSV)" "$FLOOR_CSV_S" "$FLOOR_CSV_MB" "$(per_min "$VALUES" "$FLOOR_CSV_S")" "1.0×"
row "floor: python3 json.load (JSON)" "$PY_S" "$PY_MB" "$(per_min "$VALUES" "$PY_S")" "-"

for db in sqlite postgres; do
    [ "$DB" = both ] || [ "$DB" = "$db" ] || continue
    fresh_database "$db"
    measure "orgs-$db" "$BIN" orgs import "$DATA/orgs.csv"
    row "$db: orgs import ($UNITS rows)" "$SECONDS_TAKEN" "$PEAK_MB" "-" "-"
    open_cycles
    measure "json-$db" "$BIN" import "$DATA/values.json"
    grep -q "SUCCESS" "$WORK/json-$db.log" || { echo "JSON import did not succeed:" >&2; tail -5 "$WORK/json-$db.log" >&2; exit 1; }
    row "$db: chitieu import (JSON)" "$SECONDS_TAKEN" "$PEAK_MB" "$(per_min "$VALUES" "$SECONDS_TAKEN")" "$(ratio "$SECONDS_TAKEN" "$FLOOR_JSON_S")"
    fresh_database "$db"
    "$BIN" orgs import "$DATA/orgs.csv" >/dev/null 2>&1
    open_cycles
    measure "csv-$db" "$BIN" import "$DATA/values.csv"
    grep -q "SUCCESS" "$WORK/csv-$db.log" || { echo "CSV import did not succeed:" >&2; tail -5 "$WORK/csv-$db.log" >&2; exit 1; }
    row "$db: chitieu import (CSV)" "$SECONDS_TAKEN" "$PEAK_MB" "$(per_min "$VALUES" "$SECONDS_TAKEN")" "$(ratio "$SECONDS_TAKEN" "$FLOOR_CSV_S")"
    tail -1 "$WORK/csv-$db.log" | sed 's/^/  /'
done
