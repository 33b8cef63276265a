#!/usr/bin/env bash
# Every benchmark at a small size (50 units, 2 periods, wrk 3 s at 20 connections), to prove they still run:
# no timing is asserted. SQLite, and PostgreSQL too when BENCH_PG_URL is set. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")"
export BENCH_DIR=${BENCH_DIR:-/tmp/chitieu-bench-ci}
run() { echo "== $*"; "$@"; }
for db in sqlite ${BENCH_PG_URL:+postgres}; do
    export BENCH_DB=$db
    run ./evaluation.sh 50 2 1 | tee "$BENCH_DIR.$db.eval"
    grep -q '^RESULT xlsx' "$BENCH_DIR.$db.eval"
done
export BENCH_DB=sqlite
run ./load.sh 50 2 3 20 | tee "$BENCH_DIR.load"
[ "$(grep -c '^RESULT wrk' "$BENCH_DIR.load")" -eq 4 ]
run ./startup.sh 50 2 | tee "$BENCH_DIR.startup"
grep -q '^RESULT idle' "$BENCH_DIR.startup"
echo "benchmarks: all ran"
