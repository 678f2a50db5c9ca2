#!/usr/bin/env bash
# Load test of the web process on this machine (loopback only, bounded runs).
# See scripts/loadtest.py for what it measures and the knobs.
#
#   scripts/load_test.sh          # database coalition_loadtest (made if missing), Redis db 0
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/coalition_production \
#   REDIS_URL=redis://127.0.0.1:6379/8 DURATION=12 scripts/load_test.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${PYTHON:-}" ]; then
    if [ -x "$root/.venv/bin/python" ]; then PYTHON="$root/.venv/bin/python"; else PYTHON=python3; fi
fi
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
cd "$root"
exec "$PYTHON" scripts/loadtest.py "$@"
