#!/usr/bin/env bash
# Starts the processes of the production stack natively, with the same
# commands as docker-compose.yml (through docker/entrypoint.sh): gunicorn, a
# Celery worker and Celery beat, against PostgreSQL and Redis. It checks that
# each comes up (the health endpoint answers, the worker answers a ping and runs
# a task, beat starts ticking), then stops them all. Exit 0 when all came up.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/coalition_production \
#   REDIS_URL=redis://127.0.0.1:6379/8 scripts/run_stack_native.sh
#
# Optional: PORT (default: a free port), STACK_TIMEOUT (seconds to come up, 60),
# PYTHON (default: .venv/bin/python of the project, or python3), KEEP_STATE=1
# to keep the logs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

: "${DATABASE_URL:?set DATABASE_URL (PostgreSQL), e.g. postgres://postgres@127.0.0.1:5432/coalition}"
: "${REDIS_URL:?set REDIS_URL, e.g. redis://127.0.0.1:6379/0}"
if [ -z "${PYTHON:-}" ]; then
    if [ -x "$root/.venv/bin/python" ]; then PYTHON="$root/.venv/bin/python"; else PYTHON=python3; fi
fi
timeout="${STACK_TIMEOUT:-60}"
port="${PORT:-$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
state="$(mktemp -d -t coalition-stack.XXXXXX)"

# Production settings, as in .env.example, but on loopback with throw-away state.
export PYTHON DATABASE_URL REDIS_URL
export CELERY_BROKER_URL="$REDIS_URL"
export DEBUG=0
export SECRET_KEY="native-stack-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(40))')"
export MFA_ENCRYPTION_KEY="native-stack-mfa-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(40))')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=1 BEHIND_TLS_PROXY=1 SECURE_COOKIES=1
export VAR_DIR="$state/var" STATIC_ROOT="$state/static" MEDIA_ROOT="$state/var/media"
export LOG_FORMAT=json LOG_LEVEL=INFO
export GUNICORN_BIND="127.0.0.1:$port" WEB_CONCURRENCY=2 HEALTHCHECK_PORT="$port"
export RUN_MIGRATIONS=1 WAIT_FOR_DB_TIMEOUT=20
export DJANGO_SETTINGS_MODULE=coalition.settings
worker_name="native-stack-$$@localhost"

pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [ "${KEEP_STATE:-0}" = "1" ]; then echo "logs kept in $state"; else rm -rf "$state"; fi
}
trap stop_all EXIT

fail() {
    echo "FAILED: $*" >&2
    for log in web worker beat; do
        echo "--- last lines of $log.log" >&2
        tail -n 25 "$state/$log.log" >&2 || true
    done
    exit 1
}

# Within `timeout` seconds from the start, retry a check every second.
deadline=$((SECONDS + timeout))
wait_for() {
    local what="$1"
    shift
    until "$@" >"$state/check.out" 2>&1; do
        for pid in "${pids[@]}"; do
            kill -0 "$pid" 2>/dev/null || fail "a process exited while waiting for $what"
        done
        [ "$SECONDS" -lt "$deadline" ] || fail "$what did not come up within ${timeout}s ($(tail -n 1 "$state/check.out"))"
        sleep 1
    done
}

echo "state in $state; web on 127.0.0.1:$port"
"$PYTHON" manage.py collectstatic --noinput >"$state/collectstatic.log" 2>&1 || fail "collectstatic"

COALITION_ROLE=web docker/entrypoint.sh \
    "$PYTHON" -m gunicorn coalition.wsgi:application --config docker/gunicorn.conf.py \
    >"$state/web.log" 2>&1 &
pids+=("$!")
# The worker and beat start once web has migrated, as compose would order them.
wait_for "web (/health/)" "$PYTHON" docker/healthcheck.py
echo "web ok: $(cat "$state/check.out")"

COALITION_ROLE=worker docker/entrypoint.sh \
    "$PYTHON" -m celery --app=coalition worker --loglevel=INFO --concurrency=1 \
    --without-mingle --without-gossip --hostname="$worker_name" \
    >"$state/worker.log" 2>&1 &
pids+=("$!")
COALITION_ROLE=beat docker/entrypoint.sh \
    "$PYTHON" -m celery --app=coalition beat --loglevel=INFO \
    --schedule="$state/var/celerybeat-schedule" \
    >"$state/beat.log" 2>&1 &
pids+=("$!")

wait_for "worker (ping)" "$PYTHON" -m celery --app=coalition inspect ping \
    --destination "$worker_name" --timeout 3
echo "worker ok: answers ping"
"$PYTHON" - <<'PY' || fail "sending a task"
from coalition.celery import app

app.send_task("celery.accumulate", args=(1, 2))
PY
wait_for "worker (task)" grep -q "celery.accumulate.* succeeded" "$state/worker.log"
echo "worker ok: ran a task"

wait_for "beat" grep -q "beat: Starting" "$state/beat.log"
wait_for "beat (schedule file)" compgen -G "$state/var/celerybeat-schedule*"
echo "beat ok: started, schedule file written"

# A real page with the production static storage, as through the TLS proxy.
wait_for "web (home page)" "$PYTHON" - "$port" <<'PY'
import sys
import urllib.request

request = urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/", headers={"X-Forwarded-Proto": "https"}
)
with urllib.request.urlopen(request, timeout=5) as response:
    assert response.status == 200, response.status
PY
echo "web ok: home page 200 with DEBUG=0"

for log in web worker beat; do
    first="$(grep -m 1 '^{' "$state/$log.log" || true)"
    "$PYTHON" -c 'import json, sys; json.loads(sys.argv[1])' "$first" 2>/dev/null \
        || fail "$log does not log JSON lines"
done
echo "logs ok: JSON lines"

for i in "${!pids[@]}"; do
    kill -0 "${pids[$i]}" 2>/dev/null || fail "process $i exited early"
done
echo "ALL UP: web, worker, beat; stopping"
