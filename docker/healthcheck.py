"""Container health check for the web role: GET /health/ on this container.

Standard library only, so it starts fast every interval. The Host header is
the first of ALLOWED_HOSTS, or Django would answer 400 to "localhost".
Exit status 0 when the endpoint answers 200, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def host_header() -> str:
    first = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    if first in {"", "*"}:
        return "localhost"
    return first.lstrip(".")


def main() -> int:
    port = os.environ.get("HEALTHCHECK_PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/health/", headers={"Host": host_header()}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (fixed http URL on loopback)
            print(response.read().decode())
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as exc:
        print(exc.code, exc.read().decode())
    except OSError as exc:
        print(f"unreachable: {exc}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
