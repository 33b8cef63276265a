#!/usr/bin/env bash
# Evaluation, dashboard, DOCX and XLSX against the SQL floor, same run:
#   benchmarks/evaluation.sh UNITS PERIODS [RUNS]        (BENCH_DB=sqlite|postgres, see lib.sh)
# Prints one RESULT line per figure; the floor is measured by `chitieu bench evaluation` on the same database.
source "$(dirname "$0")/lib.sh"
UNITS=${1:-100}; PERIODS=${2:-10}; RUNS=${3:-5}
use_database "bench-$UNITS-$PERIODS"
seed "$UNITS" "$PERIODS"
"$CHITIEU_BIN" bench evaluation --runs "$RUNS" 2>/dev/null | tee "$BENCH_DIR/evaluation.txt"
FLOOR_MS=$(sed -n 's/.*floor_rules_ms=\([0-9.]*\).*/\1/p' "$BENCH_DIR/evaluation.txt")
TOKEN=$(token)
start_server
PERIOD=$("$CHITIEU_BIN" cycles list 2>/dev/null | awk 'NR == 1 { print $1 }')
echo "RSS after start: $(rss_mb) MB"
for what in "evaluation /api/v1/evaluation?period=$PERIOD" "dashboard /dashboard?period=$PERIOD" \
            "indicator_page /dashboard/indicators/CT05?period=$PERIOD" \
            "docx /api/v1/evaluation/report.docx?period=$PERIOD" "xlsx /api/v1/evaluation/report.xlsx?period=$PERIOD"; do
    set -- $what
    first=$(seconds "$2")
    median=$(median_seconds "$RUNS" "$2")
    echo "RESULT $1 db=$BENCH_DB units=$UNITS periods=$PERIODS first_s=$first median_s=$median floor_ms=$FLOOR_MS ratio_first=$(ratio "$(awk -v s="$first" 'BEGIN{print s*1000}')" "$FLOOR_MS") ratio_median=$(ratio "$(awk -v s="$median" 'BEGIN{print s*1000}')" "$FLOOR_MS")"
done
echo "RSS after the requests: $(rss_mb) MB"
