#!/usr/bin/env bash
# Creates (if needed) and starts the local PostgreSQL cluster, then the role `chitieu` (password
# `chitieu`) and the database `chitieu_test` the app tests use. Safe to run again: it checks before
# each step, and works whether the cluster is stopped or already running.
#
#   sudo bash .ci/start-postgres.sh
#   DATABASE_URL='postgres://chitieu:chitieu@127.0.0.1:5432/chitieu_test?sslmode=disable' swift test
#
# Run as root (it uses pg_createcluster, pg_ctlcluster and `su postgres`). Tested steps: see
# TOOLCHAIN.md, "PostgreSQL".
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    echo "start-postgres.sh: run as root (sudo bash .ci/start-postgres.sh)" >&2
    exit 1
fi

# `su postgres` warns in a folder the postgres user cannot read.
cd /tmp

if ! command -v pg_ctlcluster >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
fi

# shellcheck disable=SC2012  # version folders are plain numbers
PGVER=$(ls /usr/lib/postgresql | sort -n | tail -1)
# Read the cluster list once into a variable: `pg_lsclusters | grep -q` can fail under pipefail
# when grep exits before pg_lsclusters has finished writing.
clusters=$(pg_lsclusters -h)
if ! grep -q "^$PGVER main" <<<"$clusters"; then
    echo "Creating PostgreSQL $PGVER cluster 'main'"
    pg_createcluster "$PGVER" main
    clusters=$(pg_lsclusters -h)
fi
# `pg_ctlcluster … start` exits 2 when the cluster is already running, so check first.
if ! grep -q "^$PGVER main .* online" <<<"$clusters"; then
    echo "Starting PostgreSQL $PGVER cluster 'main'"
    pg_ctlcluster "$PGVER" main start
fi

for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 1
done
if ! pg_isready -q -h 127.0.0.1; then
    echo "start-postgres.sh: PostgreSQL does not answer on 127.0.0.1:5432 after 30 s" >&2
    pg_lsclusters >&2 || true
    exit 1
fi

su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
SELECT 'CREATE ROLE chitieu LOGIN PASSWORD ''chitieu''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='chitieu')\gexec
SELECT 'CREATE DATABASE chitieu_test OWNER chitieu' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname='chitieu_test')\gexec
SQL

echo "PostgreSQL $PGVER is running; database chitieu_test is ready:"
echo "  DATABASE_URL='postgres://chitieu:chitieu@127.0.0.1:5432/chitieu_test?sslmode=disable'"
