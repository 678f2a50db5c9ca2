#!/usr/bin/env bash
# The Debian packages the test suite needs besides Python: Chromium for the browser
# tests, docker-compose to validate the compose file offline, gettext to compile
# translations. Installed when missing and when this machine lets us (root or
# password-less sudo); otherwise one line says how, and `make test` stops there.
set -euo pipefail
export PATH="/usr/sbin:/usr/bin:$PATH"

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "The tests need Debian packages that are missing; install them with:" \
    "sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need ${missing[*]} (Debian: apt-get install -y ${missing[*]})." >&2
  exit 1
fi
echo "Installing from Debian: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
