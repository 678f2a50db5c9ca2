#!/usr/bin/env bash
# Fault drills for the public form on PostgreSQL and Redis (see scripts/faults.py).
#
#   scripts/faults.sh                      100 simultaneous form posts (safe)
#   scripts/faults.sh --target orm         the same through the database only (safe)
#   FAULTS_DESTRUCTIVE=1 scripts/faults.sh concurrent postgres redis
#                                          also restarts PostgreSQL and stops Redis:
#                                          only on a machine (or CI job) of your own.
#
# Environment: DATABASE_URL (PostgreSQL), REDIS_URL, FAULTS_PORT (8765),
# FAULTS_FORM_PATH (/hulp-vragen/), FAULTS_PAYLOAD (JSON file with fixed form
# values, "{i}" is the visitor number), PG_RESTART_CMD, REDIS_STOP_CMD, REDIS_START_CMD.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-$PWD/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON="$(command -v python)"
GUNICORN="$(dirname "$PYTHON")/gunicorn"
PORT="${FAULTS_PORT:-8765}"

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/coalition_faults}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/7}"
export DEBUG=0
export SECRET_KEY="${SECRET_KEY:-faults-drill-only-secret-key-not-for-production-0123456789}"
export MFA_ENCRYPTION_KEY="${MFA_ENCRYPTION_KEY:-faults-drill-only-mfa-key-not-for-production-0123456789}"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0
export FAULTS_BASE_URL="http://127.0.0.1:${PORT}"
# Every drill visitor comes from 127.0.0.1: lift the per-address limit for the drill only.
export PUBLIC_FORM_SUBMISSIONS_PER_HOUR=100000
unset DJANGO_ALLOW_ASYNC_UNSAFE || true

for phase in "$@"; do
  case "$phase" in
    postgres|redis)
      if [ "${FAULTS_DESTRUCTIVE:-0}" != "1" ]; then
        echo "Phase '$phase' restarts or stops a shared server: set FAULTS_DESTRUCTIVE=1." >&2
        exit 2
      fi ;;
  esac
done

case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "DATABASE_URL must point at PostgreSQL." >&2; exit 2 ;;
esac
db_name="${DATABASE_URL##*/}"
psql "${DATABASE_URL%/*}/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname='${db_name}'" | grep -q 1 \
  || psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"${db_name}\""
"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py createcachetable
"$PYTHON" manage.py collectstatic --noinput -v 0

# The site itself, as in production (pages are probed in every phase).
"$GUNICORN" coalition.wsgi --bind "127.0.0.1:${PORT}" --workers 3 --threads 8 \
  --timeout 60 --log-level warning &
gunicorn_pid=$!
trap 'kill "$gunicorn_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/" 2>/dev/null && break
  sleep 0.2
done

"$PYTHON" scripts/faults.py "$@"
