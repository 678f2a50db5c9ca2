"""A cheap phone on a slow network: how long until a parent can type in the first form?

Not a test (timings depend on the machine). Runs the project as in production (DEBUG
off, gunicorn, whitenoise's compressed static files) from a throw-away folder, opens
each public form page in Chromium at 390x844 with the network slowed to 400 kbit/s
down and up and 400 ms latency (CDP `Network.emulateNetworkConditions`) and the CPU
slowed four times (`Emulation.setCPUThrottlingRate`), with an empty cache, and prints
JSON: per page the milliseconds from the start of navigation until its first field is
visible, styled and enabled, and the bytes that came over the network. Target: under
2,000 ms. Exits 1 when a page misses it.

    /work/main/.venv/bin/python scripts/measure_slow_phone.py
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
TARGET_MS = 2000
KBIT = 1000 / 8  # bytes per second in one kbit/s
NETWORK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * KBIT,
    "uploadThroughput": 400 * KBIT,
}
CPU_SLOWDOWN = 4
# (page, the first field a parent types in)
PAGES = [
    ("/hulp-vragen/bel-mij-terug/", "#id_first_name"),
    ("/hulp-vragen/", "#id_first_name"),
    ("/", "a[href='/hulp-vragen/bel-mij-terug/']"),
]
USABLE = """(selector) => {
  const field = document.querySelector(selector);
  if (!field || field.disabled) return false;
  const box = field.getBoundingClientRect();
  // Styled: the project's stylesheet has applied (the body font is not the default).
  const styled = [...document.styleSheets].some((s) => (s.href || "").includes("coalition"));
  return styled && box.width > 0 && box.height > 0;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_server(tmp: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "measure-slow-phone-only-" + "x" * 40,
        "MFA_ENCRYPTION_KEY": "measure-slow-phone-only-mfa-" + "x" * 40,
        "VAR_DIR": str(tmp),
        "STATIC_ROOT": str(tmp / "static"),
        "DATABASE_URL": f"sqlite:///{tmp / 'measure.sqlite3'}",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
    }
    python = sys.executable
    for command in (["migrate"], ["createcachetable"], ["collectstatic", "--noinput"]):
        subprocess.run([python, "manage.py", *command, "-v", "0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "coalition.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The server did not start.")


def measure(browser, base: str, path: str, selector: str) -> dict:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    transferred = {"bytes": 0, "requests": 0}

    def finished(event):
        transferred["bytes"] += int(event.get("encodedDataLength", 0))
        transferred["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    page.goto(base + path, wait_until="commit")
    page.wait_for_function(USABLE, arg=selector, polling=50, timeout=60_000)
    usable_ms = page.evaluate("performance.now()")
    page.wait_for_load_state("load")
    loaded_ms = page.evaluate(
        "performance.getEntriesByType('navigation')[0].loadEventEnd || performance.now()"
    )
    context.close()
    return {
        "page": path,
        "first_usable_ms": round(usable_ms),
        "load_ms": round(loaded_ms),
        "bytes_transferred": transferred["bytes"],
        "requests": transferred["requests"],
        "under_target": usable_ms < TARGET_MS,
    }


def main() -> int:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="measure-slow-phone-"))
    port = free_port()
    server = production_server(tmp, port)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            results = [measure(browser, f"http://127.0.0.1:{port}", *page) for page in PAGES]
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        json.dumps(
            {
                "network": "400 kbit/s down and up, 400 ms latency",
                "cpu_slowdown": CPU_SLOWDOWN,
                "target_ms": TARGET_MS,
                "pages": results,
            },
            indent=2,
        )
    )
    return 0 if all(r["under_target"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
