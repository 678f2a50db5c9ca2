#!/usr/bin/env bash
# Entry point of every container (web, worker, beat) and of one-off commands.
#
#   COALITION_ROLE=web|worker|beat|task   which process this container is
#   RUN_MIGRATIONS=1                      migrate (and create the cache table)
#                                         before starting (role web only)
#   WAIT_FOR_DB_TIMEOUT=60                seconds to wait for the database
#
# It waits until the database answers, applies migrations and creates the cache
# table when this is the web role and RUN_MIGRATIONS=1, and then replaces itself
# with the command, so the command is PID 1 and receives the stop signal directly.
set -euo pipefail

role="${COALITION_ROLE:-task}"
timeout="${WAIT_FOR_DB_TIMEOUT:-60}"
python="${PYTHON:-python}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-coalition.settings}"

log() { echo "entrypoint[$role]: $*" >&2; }

if [ "$#" -eq 0 ]; then
    log "no command given"
    exit 64
fi

log "waiting up to ${timeout}s for the database"
WAIT_FOR_DB_TIMEOUT="$timeout" PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}" "$python" - <<'PY'
import os
import sys
import time

import django

django.setup()
from django.db import connection
from django.db.utils import OperationalError

deadline = time.monotonic() + float(os.environ["WAIT_FOR_DB_TIMEOUT"])
while True:
    try:
        connection.ensure_connection()
        break
    except OperationalError as exc:
        if time.monotonic() >= deadline:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            sys.exit(f"entrypoint: the database did not answer in time: {reason}")
        time.sleep(1)
connection.close()
PY

if [ "$role" = "web" ] && [ "${RUN_MIGRATIONS:-0}" = "1" ]; then
    # As the owner when MIGRATION_DATABASE_URL is set (two roles, docs/deploy.md):
    # the tables are the owner's, the application's role gets rows only.
    owner_url="${MIGRATION_DATABASE_URL:-$DATABASE_URL}"
    app_role="$("$python" -c 'import os, urllib.parse as u; print(u.urlsplit(os.environ["DATABASE_URL"]).username or "")')"
    log "applying migrations"
    DATABASE_URL="$owner_url" "$python" "$root/manage.py" migrate --noinput
    # The database cache (login rate limits) lives in a table migrate does not make.
    DATABASE_URL="$owner_url" "$python" "$root/manage.py" createcachetable
    if [ -n "${MIGRATION_DATABASE_URL:-}" ]; then
        log "guarding the audit log and granting $app_role its rights"
        DATABASE_URL="$owner_url" "$python" "$root/manage.py" db_guard --app-role "$app_role"
    fi
fi

log "starting: $1"
exec "$@"
