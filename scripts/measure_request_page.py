"""Measure what the parents' request page (/hulp-vragen/) transfers, as in production.

Runs the project with DEBUG off (whitenoise serves pre-compressed static files) in a
throw-away folder: a fresh SQLite database and a fresh collectstatic. Fetches the page
and every local stylesheet, script, image and font it links to, and prints JSON with the
raw size and the size on the wire (gzip as served; the HTML as Django sends it).
Any link to another host is listed under "other_hosts" and makes the script exit 1.

    /work/main/.venv/bin/python scripts/measure_request_page.py
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_BYTES = 100 * 1024


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="measure-request-page-"))
    os.environ.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "measure-request-page-only-" + "x" * 40,
            "MFA_ENCRYPTION_KEY": "measure-request-page-only-mfa-" + "x" * 40,
            "VAR_DIR": str(tmp),
            "STATIC_ROOT": str(tmp / "static"),
            "DATABASE_URL": f"sqlite:///{tmp / 'measure.sqlite3'}",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    client = Client(headers={"accept-encoding": "gzip", "accept-language": "nl"})
    page = client.get("/hulp-vragen/")
    html = page.content
    links = re.findall(rb'(?:href|src)="([^"]+)"', html)
    assets = [
        link.decode()
        for link in links
        if re.search(rb"\.(css|js|woff2?|ttf|svg|png|jpe?g|webp|ico)(\?|$)", link)
    ]
    other_hosts = sorted({a for a in assets if a.startswith(("http:", "https:", "//"))})
    files = [{"url": "/hulp-vragen/", "raw_bytes": len(html), "wire_bytes": len(html)}]
    for url in sorted(set(assets) - set(other_hosts)):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        raw = client.get(url, headers={"accept-encoding": "identity"})
        raw_body = b"".join(raw.streaming_content) if raw.streaming else raw.content
        files.append(
            {
                "url": url,
                "status": response.status_code,
                "content_encoding": response.get("Content-Encoding", ""),
                "raw_bytes": len(raw_body),
                "wire_bytes": len(body),
            }
        )
    result = {
        "page": "/hulp-vragen/",
        "requests": len(files),
        "raw_bytes": sum(f["raw_bytes"] for f in files),
        "wire_bytes": sum(f["wire_bytes"] for f in files),
        "limit_bytes": LIMIT_BYTES,
        "other_hosts": other_hosts,
        "files": files,
    }
    print(json.dumps(result, indent=2))
    return 0 if result["wire_bytes"] < LIMIT_BYTES and not other_hosts else 1


if __name__ == "__main__":
    raise SystemExit(main())
