#!/usr/bin/env bash
# Idle RSS and cold start (launch to the first answer of /health and of the dashboard) on a database of UNITS units:
#   benchmarks/startup.sh UNITS PERIODS
source "$(dirname "$0")/lib.sh"
UNITS=${1:-13000}; PERIODS=${2:-10}
use_database "bench-$UNITS-$PERIODS"
seed "$UNITS" "$PERIODS" >/dev/null
TOKEN=$(token)
start_ns=$(date +%s%N)
start_server
health_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
dashboard_s=$(seconds "/dashboard")
sleep 3
idle_before=$(rss_mb)
echo "RESULT startup db=$BENCH_DB units=$UNITS cold_start_health_ms=$health_ms first_dashboard_s=$dashboard_s idle_rss_mb=$idle_before"
stop_server
use_database "startup-empty"
start_server
sleep 3
echo "RESULT idle db=$BENCH_DB empty_database_idle_rss_mb=$(rss_mb)"
