#!/usr/bin/env bash
# Schemathesis against the served OpenAPI document, once per role, with every check (`--checks all`).
#
#   bash Tests/e2e/schemathesis.sh            (from the repository root, after the release build)
#
# For each role (admin, leadership, coordinator, leadOffice, unitReporter) it prepares a fresh SQLite
# database with the bundled plan, the demo units and two cycles of demo reports (`chitieu demo --reports`),
# creates a service account of that role and a write token for it (`chitieu user add --service`,
# `chitieu user token --write`), serves the binary on 127.0.0.1 only and runs `st run` against
# /api/v1/openapi.json with that token. Each run is bounded: SCHEMATHESIS_MAX_EXAMPLES test cases per
# operation and SCHEMATHESIS_MAX_TIME seconds. Any failure of any role fails the script. Settings that
# differ from schemathesis' defaults, with their reasons: Tests/e2e/schemathesis.toml. The upload of a filled
# Excel template (uploadReportTemplate) is left out: schemathesis cannot write an XLSX body; test_exchange.py
# uploads real ones. DHIS2's Web API (tag DHIS2, /api/… outside /api/v1) is left out too: it answers DHIS2's WebMessage
# shapes rather than chitieu's, and Tests/e2e/test_dhis2.py drives it with a real DHIS2 client. One worker: with several, CPython 3.11's ast module (used by hypothesis) can fail with
# "AST constructor recursion depth mismatch", an error of the tool, not of the API.
#
# Environment:
#   CHITIEU_BIN                the binary (default: the release build's)
#   SCHEMATHESIS               the `st` command (default .venv/bin/st)
#   SCHEMATHESIS_ROLES         roles to run (default: all six)
#   SCHEMATHESIS_MAX_EXAMPLES  default 25;  SCHEMATHESIS_MAX_TIME  seconds per role, default 90
#   SCHEMATHESIS_SEED          default 1 (the same cases on every run); SCHEMATHESIS_REPORTS  where the
#                              JUnit reports and server logs go (default /tmp/schemathesis)
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${CHITIEU_BIN:-$(swift build -c release --show-bin-path)/chitieu}
ST=${SCHEMATHESIS:-$ROOT/.venv/bin/st}
ROLES=${SCHEMATHESIS_ROLES:-"admin leadership coordinator leadOffice unitReporter unitHead"}
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-25}
MAX_TIME=${SCHEMATHESIS_MAX_TIME:-90}
SEED=${SCHEMATHESIS_SEED:-1}
REPORTS=${SCHEMATHESIS_REPORTS:-/tmp/schemathesis}

[ -x "$BIN" ] || { echo "schemathesis: no chitieu binary at $BIN" >&2; exit 1; }
[ -x "$ST" ] || { echo "schemathesis: no st at $ST (pip install -r Tests/e2e/requirements.txt)" >&2; exit 1; }
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
WORK=$(mktemp -d)
SERVER_PID=

stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill -INT "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# The binary's environment: this SQLite file only, whatever the caller's environment holds.
run_chitieu() {
    env -u DATABASE_URL -u SMTP_HOST -u PUBLIC_URL -u COOKIE_SECURE -u CHITIEU_LANG \
        DATABASE_PATH="$DATABASE" REMINDER_CHECK_MINUTES=0 LOG_LEVEL=warning "$BIN" "$@"
}

# The server, run in the background as `serve_chitieu … &`: the subshell becomes the server (exec), so $! is its PID
# and stop_server stops it (a backgrounded run_chitieu left the server running after its subshell was killed).
serve_chitieu() {
    exec env -u DATABASE_URL -u SMTP_HOST -u PUBLIC_URL -u COOKIE_SECURE -u CHITIEU_LANG \
        DATABASE_PATH="$DATABASE" REMINDER_CHECK_MINUTES=0 LOG_LEVEL=warning "$BIN" "$@"
}

# role -> the organisation a service account of that role belongs to (AccessPolicy's rules).
organisation_of() {
    case $1 in
        admin|leadership) echo SYT ;;
        coordinator) echo QLKCB ;;
        leadOffice) echo BHYT ;;
        unitReporter|unitHead) echo MAU-BVDK-A ;;
    esac
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

healthy() {
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" > /dev/null 2>&1
}

FAILED=()
for role in $ROLES; do
    echo "== schemathesis as $role"
    DATABASE=$WORK/$role.sqlite
    run_chitieu demo --reports > "$REPORTS/$role-demo.log"
    email="schemathesis-$role@chitieu.local"
    run_chitieu user add --service --email "$email" --name "Schemathesis ($role)" --role "$role" --org "$(organisation_of "$role")" > /dev/null
    token=$(run_chitieu user token --email "$email" --write --days 1 --name schemathesis | grep -Eo '^ct_[A-Za-z0-9_-]+$' | tail -1)
    [ -n "$token" ] || { echo "schemathesis: no token for $role" >&2; exit 1; }

    port=$(free_port)
    serve_chitieu serve --hostname 127.0.0.1 --port "$port" > "$REPORTS/$role-server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        healthy "http://127.0.0.1:$port/health" && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$REPORTS/$role-server.log" >&2; exit 1; }
        sleep 0.2
    done

    status=0
    "$ST" --config-file "$ROOT/Tests/e2e/schemathesis.toml" run "http://127.0.0.1:$port/api/v1/openapi.json" \
        --url "http://127.0.0.1:$port" \
        --header "Authorization: Bearer $token" \
        --checks all \
        --exclude-operation-id uploadReportTemplate \
        --exclude-tag DHIS2 \
        --max-examples "$MAX_EXAMPLES" --max-time "$MAX_TIME" --seed "$SEED" \
        --workers 1 --request-timeout 30 --max-redirects 0 \
        --generation-database none --no-color \
        --report junit --report-junit-path "$REPORTS/$role.xml" || status=$?
    stop_server
    if [ "$status" -ne 0 ]; then FAILED+=("$role"); fi
done

if [ "${#FAILED[@]}" -ne 0 ]; then
    echo "schemathesis found failures as: ${FAILED[*]} (reports and server logs in $REPORTS)"
    exit 1
fi
echo "schemathesis: no failures for $ROLES (reports in $REPORTS)"
