#!/usr/bin/env bash
# The coordinator pages' benchmark on a fresh PostgreSQL database, DEBUG=0, for comparing two
# versions back to back (run it in a checkout of each):
#   scripts/bench_dashboard_fresh.sh bench_a [FAMILIES] [REQUESTS]
# Prints one JSON line per page (queries, median and p95 server time).
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:?database name}"
FAMILIES="${2:-2000}"
REQUESTS="${3:-15}"
PY="${PYTHON:-.venv/bin/python}"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" DEBUG=0 \
  SECRET_KEY="bench-only-secret-key-0123456789abcdef" \
  MFA_ENCRYPTION_KEY="bench-only-mfa-encryption-key-0123456789" ALLOWED_HOSTS="testserver,localhost"
"$PY" manage.py migrate -v0 --noinput
"$PY" manage.py createcachetable
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py bench_dashboard --families "$FAMILIES" --requests "$REQUESTS"
