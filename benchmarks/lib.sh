# Shared by the benchmark scripts (sourced). Environment:
#   CHITIEU_BIN   the binary (default: the release build, .build-release/release/chitieu, else .build/release/chitieu)
#   BENCH_DB      sqlite (default) or postgres
#   BENCH_PG_URL  PostgreSQL URL for BENCH_DB=postgres; its public schema is emptied first
#   BENCH_DIR     where the SQLite file and logs go (default /tmp/chitieu-bench)
#   BENCH_REUSE=1 keep a SQLite database of the same size seeded by an earlier run (13,000 units take minutes to seed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${CHITIEU_BIN:-}" ]; then
    for candidate in "$ROOT/.build-release/release/chitieu" "$ROOT/.build/release/chitieu"; do
        if [ -x "$candidate" ]; then CHITIEU_BIN=$candidate; break; fi
    done
fi
[ -x "${CHITIEU_BIN:-}" ] || { echo "no release binary: swift build -c release --product chitieu --scratch-path .build-release, or set CHITIEU_BIN" >&2; exit 2; }
BENCH_DB=${BENCH_DB:-sqlite}
BENCH_DIR=${BENCH_DIR:-/tmp/chitieu-bench}
BENCH_PORT=${BENCH_PORT:-18917}
mkdir -p "$BENCH_DIR"
export CHITIEU_DIRECTORY="$ROOT/"
export BCRYPT_COST=4
export REMINDER_CHECK_MINUTES=0
unset DATABASE_URL DATABASE_PATH

# use_database NAME: points the app at a fresh database named NAME (a SQLite file, or the emptied PostgreSQL schema).
use_database() {
    if [ "$BENCH_DB" = postgres ]; then
        [ -n "${BENCH_PG_URL:-}" ] || { echo "BENCH_DB=postgres needs BENCH_PG_URL" >&2; exit 2; }
        psql "${BENCH_PG_URL%%\?*}" -q -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
        export DATABASE_URL="$BENCH_PG_URL"
    else
        export DATABASE_PATH="$BENCH_DIR/$1.sqlite"
        REUSED=
        if [ "${BENCH_REUSE:-}" = 1 ] && [ -s "$DATABASE_PATH" ] && [ -f "$DATABASE_PATH.seeded" ]; then REUSED=1; return; fi
        rm -f "$DATABASE_PATH" "$DATABASE_PATH-wal" "$DATABASE_PATH-shm" "$DATABASE_PATH.seeded" "$BENCH_DIR/$1-audit.key" "$BENCH_DIR/$1-audit.anchor"
    fi
}

# seed UNITS PERIODS: the deterministic benchmark data (chitieu bench seed), timed; nothing when a seeded SQLite
# database is reused.
seed() {
    if [ -n "${REUSED:-}" ]; then echo "reusing $DATABASE_PATH (seeded before)"; return; fi
    local start_ns; start_ns=$(date +%s%N)
    "$CHITIEU_BIN" bench seed --units "$1" --periods "$2" 2>/dev/null
    echo "RESULT seed db=$BENCH_DB units=$1 periods=$2 seconds=$(( ($(date +%s%N) - start_ns) / 1000000000 ))"
    if [ "$BENCH_DB" != postgres ]; then touch "$DATABASE_PATH.seeded"; fi
}

SERVER_PID=
# start_server: serves on BENCH_PORT; waits for /health.
start_server() {
    "$CHITIEU_BIN" serve --hostname 127.0.0.1 --port "$BENCH_PORT" >"$BENCH_DIR/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        curl -fs -o /dev/null "http://127.0.0.1:$BENCH_PORT/health" && return 0
        sleep 0.05
    done
    echo "server did not answer /health; see $BENCH_DIR/server.log" >&2
    return 1
}

stop_server() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; fi
}
trap stop_server EXIT

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }

# token: a read API token of the first administrator.
token() { "$CHITIEU_BIN" user token --email admin@chitieu.local --days 1 2>/dev/null | awk '/^ct_/ { t = $1 } END { print t }'; }

URL() { echo "http://127.0.0.1:$BENCH_PORT$1"; }

# seconds GET PATH: wall time of one authenticated GET (fails on a non-2xx answer).
seconds() { curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$(URL "$1")"; }

# median_seconds RUNS PATH
median_seconds() {
    local runs=$1 path=$2
    for _ in $(seq 1 "$runs"); do seconds "$path"; echo; done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }'; }
