#!/usr/bin/env bash
# Pages under load, against a static file of the same server:
#   benchmarks/load.sh UNITS PERIODS [SECONDS] [CONNECTIONS…]   (default 15 s at 50 and 200 connections)
# For each page and connection count: req/s, p50/p95/p99, errors (non-2xx, timeouts), RSS before and after.
source "$(dirname "$0")/lib.sh"
UNITS=${1:-1000}; PERIODS=${2:-10}; SECONDS_EACH=${3:-15}; shift 3 2>/dev/null || shift $#
CONNECTIONS=("$@"); [ ${#CONNECTIONS[@]} -gt 0 ] || CONNECTIONS=(50 200)
use_database "bench-$UNITS-$PERIODS"
seed "$UNITS" "$PERIODS" >/dev/null
TOKEN=$(token)
start_server
PERIOD=$("$CHITIEU_BIN" cycles list 2>/dev/null | awk 'NR == 1 { print $1 }')
REPORT=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$(URL "/api/v1/reports?organisation=BENCH-000001")" | jq -r '.[0].id')
LUA="$BENCH_DIR/report.lua"
cat >"$LUA" <<'LUA'
-- wrk: latency percentiles and errors in one line
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("req_s=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, errors))
end
LUA
curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$(URL "/dashboard?period=$PERIOD")"   # the first computation, not measured
echo "idle RSS before load: $(rss_mb) MB"
for connections in "${CONNECTIONS[@]}"; do
    for page in "static /css/app.css" "dashboard /dashboard?period=$PERIOD" "register /" "report /reports/$REPORT"; do
        set -- $page
        before=$(rss_mb)
        line=$(wrk -t2 -c"$connections" -d"${SECONDS_EACH}s" --timeout 10s -H "Authorization: Bearer $TOKEN" -s "$LUA" "$(URL "$2")" | tail -1)
        echo "RESULT wrk db=$BENCH_DB units=$UNITS page=$1 connections=$connections $line rss_before_mb=$before rss_after_mb=$(rss_mb)"
    done
done
sleep 5
echo "RESULT rss_after_load db=$BENCH_DB units=$UNITS rss_mb=$(rss_mb)"
