#!/usr/bin/env bash
# Development server plus a Celery worker with beat, on the broker from the
# settings (a folder on disk unless REDIS_URL/CELERY_BROKER_URL is set).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

mkdir -p var/log
$BIN/celery -A coalition worker --beat --pool solo --loglevel INFO \
  --schedule var/celerybeat-schedule >var/log/celery.log 2>&1 &
WORKER_PID=$!
trap 'kill $WORKER_PID 2>/dev/null || true; wait $WORKER_PID 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  Coalitie Informele Steun Tilburg is running at  http://$HOST:$PORT/
  Celery worker + beat log:                       var/log/celery.log
  Emails are written to:                          var/mail/
  Administration (coalition admin only):          http://$HOST:$PORT/beheer/
  The demo logins are printed above.

MSG
$BIN/python manage.py runserver "$HOST:$PORT"
