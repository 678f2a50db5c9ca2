#!/usr/bin/env python
"""Load test of the web process: gunicorn with DEBUG=0, PostgreSQL with
persistent connections, Redis as the broker, all on this machine (loopback only).

It migrates the database, collects static files, creates a coordinator (with a
verified email address and a TOTP authenticator, so the login goes through MFA
like a staff login will), starts gunicorn, logs in through the real login form,
and runs wrk against:

  bare       a view that only returns "ok": the ceiling of Django on this machine
  bare, logged in  the same behind the session and authentication middleware:
             the floor of any logged-in page
  template   a page of the site's layout with one query: a realistic ceiling
  form GET   the public request form /hulp-vragen/ at 50 connections
  form POST  that form posted back as rendered (only when the page has a form)
  dashboard  the coordinator dashboard /dashboard/ at 20 connections, logged in

It prints requests/s, p50/p95/p99 latency and errors per run, the CPU time one
request costs in gunicorn and in PostgreSQL (ms, from /proc: the figure that
does not depend on what else the machine is doing), a JSON document
with every figure, and whether the targets are met: the dashboard at least 70 %
of the logged-in bare view's requests/s, the public form at least 33 % of the
anonymous bare view's, both at the same concurrency as their ceiling, p95 under
200 ms, no errors.

    scripts/load_test.sh                      # the defaults below
    DURATION=15 WORKERS=4 scripts/load_test.sh

Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/coalition_loadtest,
created when missing),
REDIS_URL (default redis://127.0.0.1:6379/0), PORT, DURATION (seconds per run, 12),
WORKERS (gunicorn workers, 4), WRK_THREADS (2), PYTHON.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html.parser
import http.cookiejar
import json
import os
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "scripts" / "wrk_report.lua"
HOST = "127.0.0.1"  # loopback only, always

# A database of its own by default: the load test adds a coordinator and rows.
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/coalition_loadtest"
COORDINATOR_EMAIL = "loadtest-coordinator@example.org"
PASSWORD = "loadtest " + secrets.token_urlsafe(12)
TOTP_SECRET = base64.b32encode(secrets.token_bytes(20)).decode()


@dataclass
class Run:
    name: str
    path: str
    connections: int
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "GET"
    body: str = ""
    expect: str = "200"
    result: dict = field(default_factory=dict)


# --- Environment --------------------------------------------------------------


def server_environment(state: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "scripts.loadtest_settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CELERY_BROKER_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CONN_MAX_AGE": "60",
        "CONN_HEALTH_CHECKS": "1",
        "DEBUG": "0",
        "SECRET_KEY": "loadtest-" + secrets.token_urlsafe(40),
        "MFA_ENCRYPTION_KEY": "loadtest-mfa-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": HOST,
        # Plain HTTP on loopback: no TLS proxy in front of this gunicorn.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "VAR_DIR": str(state / "var"),
        "STATIC_ROOT": str(state / "static"),
        "MEDIA_ROOT": str(state / "var" / "media"),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"{HOST}:{port}",
        "WEB_CONCURRENCY": os.environ.get("WORKERS", "4"),
    }


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of the load test when it does not exist yet."""
    parts = urllib.parse.urlparse(url)
    if not parts.scheme.startswith("postgres"):
        return
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args[:1])} failed:\n{result.stderr[-3000:]}")
    return result.stdout


# The coordinator and some work on their dashboard, through a management shell.
SEED = """
from django.db import transaction
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from coalition.people.models import Coordinator, Role, User
from coalition.programmes.models import Programme

programme = Programme.objects.get(slug="buurtgezinnen")
with transaction.atomic():
    user, _ = User.objects.get_or_create(
        email=EMAIL, defaults={"role": Role.COORDINATOR, "first_name": "Lotte", "last_name": "Test"}
    )
    user.role = Role.COORDINATOR
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=EMAIL, defaults={"verified": True, "primary": True}
    )
    coordinator, _ = Coordinator.objects.get_or_create(
        user=user, defaults={"organisation": programme.provider}
    )
    coordinator.programmes.add(programme)
    # MFA hook: staff logins go through TOTP. The load test holds the secret and
    # answers the code step itself (see login() in scripts/loadtest.py).
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, TOTP_SECRET)

# Enough rows that every list on the dashboard is full (it shows 20 of each).
try:
    import datetime as dt
    from django.utils import timezone
    from families.models import SupportRequest
    from matching.models import FollowUp
    from tests.factories import MatchFactory, SupportRequestFactory

    missing = 60 - SupportRequest.objects.filter(programme=programme).count()
    for _ in range(max(missing, 0)):
        SupportRequestFactory(programme=programme)
    for i in range(max(30 - FollowUp.objects.count(), 0)):
        match = MatchFactory(request__programme=programme)
        FollowUp.objects.create(
            match=match, kind="check_in", due_on=timezone.localdate() + dt.timedelta(days=i)
        )
except Exception as exc:  # the load test still runs on whatever rows exist
    print("seeding skipped:", type(exc).__name__, exc)
print("seeded")
"""


def seed(env: dict[str, str]) -> None:
    code = (
        f"EMAIL = {COORDINATOR_EMAIL!r}\nPASSWORD = {PASSWORD!r}\nTOTP_SECRET = {TOTP_SECRET!r}\n"
        + SEED
    )
    output = manage(env, "shell", "-c", code)
    for line in output.splitlines():
        if line.startswith("seeding skipped"):
            print(line)


# --- Server -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "coalition.wsgi:application",
            "--config",
            str(ROOT / "docker" / "gunicorn.conf.py"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_healthy(base: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=3) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    sys.exit(f"gunicorn did not answer /health/ in {timeout}s:\n{log.read_text()[-3000:]}")


# --- Logging in ---------------------------------------------------------------


class FormParser(html.parser.HTMLParser):
    """The fields of every <form method="post"> of a page, as rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._fields = []
            self.forms.append((a.get("action") or "", self._fields))
        elif self._fields is None:
            return
        elif tag == "input" and "name" in a:
            kind = (a.get("type") or "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind not in {"submit", "button", "file", "image", "reset"}:
                self._fields.append((a["name"], a.get("value") or ""))
        elif tag == "select" and "name" in a:
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea" and "name" in a:
            self._fields.append((a["name"], ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._select = None


LAYOUT_FORM_PATHS = ("/i18n/", "/accounts/logout/")


def page_form(url: str, page: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The form of the page itself: the one that posts back to the page's own URL,
    else the first that is not part of the layout (the language switch, logging out).
    The request form's first step posts to its step URL, not to /hulp-vragen/."""
    parser = FormParser()
    parser.feed(page)
    path = urllib.parse.urlparse(url).path
    targets = [
        (urllib.parse.urljoin(url, action or url), fields) for action, fields in parser.forms
    ]
    for target, fields in targets:
        if urllib.parse.urlparse(target).path == path:
            return target, fields
    for target, fields in targets:
        if not urllib.parse.urlparse(target).path.startswith(LAYOUT_FORM_PATHS):
            return target, fields
    return None


def totp_now(secret: str) -> str:
    counter = int(time.time()) // 30
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def post_form(opener, url: str, extra: dict[str, str]):
    with opener.open(url, timeout=10) as response:
        form = page_form(response.geturl(), response.read().decode())
    if form is None:
        sys.exit(f"no form to post on {url}")
    target, fields = form
    data = dict(fields)
    data.update(extra)
    request = urllib.request.Request(  # noqa: S310
        target, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url}
    )
    return opener.open(request, timeout=10)


def login(base: str) -> str:
    """Log in as the coordinator through allauth's forms; returns the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with post_form(
        opener, f"{base}/accounts/login/", {"login": COORDINATOR_EMAIL, "password": PASSWORD}
    ) as response:
        landed = response.geturl()
    if "/2fa/" in landed:
        # MFA hook: answer the TOTP step with the code of the authenticator created in seed().
        with post_form(opener, landed, {"code": totp_now(TOTP_SECRET)}) as response:
            landed = response.geturl()
    with opener.open(f"{base}/dashboard/", timeout=10) as response:
        if response.status != 200 or urllib.parse.urlparse(response.geturl()).path != "/dashboard/":
            sys.exit(f"login failed: /dashboard/ led to {response.geturl()}")
    return "; ".join(f"{c.name}={c.value}" for c in jar if c.name in {"sessionid", "csrftoken"})


def form_post_run(base: str) -> Run | None:
    """The public form posted back as rendered, with its CSRF token and cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/hulp-vragen/", timeout=10) as response:
        form = page_form(response.geturl(), response.read().decode())
    if form is None:
        return None
    target, fields = form
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return Run(
        "form POST",
        urllib.parse.urlparse(target).path,
        50,
        headers={"Cookie": cookie},
        method="POST",
        body=urllib.parse.urlencode(fields),
        expect="2xx3xx",
    )


# --- wrk ----------------------------------------------------------------------


def cpu_ticks(*, pgid: int | None = None, database: str | None = None) -> dict[int, int]:
    """CPU time (user + system, in clock ticks) used so far by each process of the
    gunicorn process group, or by each PostgreSQL backend of one database on this
    machine. Read from /proc, so the cost of a request can be told apart from the
    waiting that the other load on a shared machine causes."""
    ticks = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if pgid is not None and int(fields[2]) != pgid:
                continue
            if database is not None:
                cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                if not (cmdline.startswith("postgres: ") and f" {database} " in cmdline):
                    continue
            ticks[int(stat.parent.name)] = int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return ticks


def cpu_ms_used(before: dict[int, int], after: dict[int, int]) -> float:
    """Processes may come and go (recycled workers, reconnecting backends): count
    what each process still running used since `before`, or since it started."""
    ticks = sum(used - before.get(pid, 0) for pid, used in after.items())
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def run_wrk(base: str, run: Run, duration: int) -> dict:
    command = [
        "wrk",
        f"-t{min(int(os.environ.get('WRK_THREADS', '2')), run.connections)}",
        f"-c{run.connections}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "-s",
        str(LUA),
    ]
    for name, value in run.headers.items():
        command += ["-H", f"{name}: {value}"]
    env = {
        **os.environ,
        "WRK_METHOD": run.method,
        "WRK_BODY": run.body,
        "WRK_EXPECT": run.expect,
    }
    result = subprocess.run(
        [*command, base + run.path],
        env=env,
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    for line in result.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            figures = json.loads(line.removeprefix("WRK_JSON "))
            figures["errors"] = (
                figures["socket_errors"] + figures["timeouts"] + figures["unexpected_status"]
            )
            return figures
    sys.exit(f"wrk gave no figures:\n{result.stdout}\n{result.stderr}")


def verdict(page: dict, ceiling: dict, *, share_needed: float) -> dict:
    share = page["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0
    checks = {
        f"rps_at_least_{round(share_needed * 100)}_percent_of_ceiling": share >= share_needed,
        "p95_under_200_ms": page["p95_ms"] < 200,
        "no_errors": page["errors"] == 0,
    }
    # What the share would be on a machine of our own: the ratio of CPU costs.
    cost = page["web_cpu_ms_per_request"] + page["db_cpu_ms_per_request"]
    ceiling_cost = ceiling["web_cpu_ms_per_request"] + ceiling["db_cpu_ms_per_request"]
    return {
        "share_of_ceiling": round(share, 3),
        "cpu_share_of_ceiling": round(ceiling_cost / cost, 3) if cost else None,
        **checks,
        "pass": all(checks.values()),
    }


def main() -> int:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")
    duration = int(os.environ.get("DURATION", "12"))
    if not 1 <= duration <= 60:
        sys.exit("DURATION must be between 1 and 60 seconds.")
    port = int(os.environ.get("PORT") or free_port())
    base = f"http://{HOST}:{port}"

    with tempfile.TemporaryDirectory(prefix="coalition-loadtest-") as tmp:
        state = Path(tmp)
        env = server_environment(state, port)
        print(
            f"database {env['DATABASE_URL']}, broker {env['REDIS_URL']}, {env['WEB_CONCURRENCY']} workers"
        )
        ensure_database(env["DATABASE_URL"])
        manage(env, "migrate", "--noinput")
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--noinput")
        seed(env)

        log = state / "gunicorn.log"
        server = start_gunicorn(env, log)
        try:
            wait_healthy(base, server, log)
            cookie = login(base)
            runs = [
                Run("bare (ceiling)", "/loadtest/bare/", 50),
                Run("form GET", "/hulp-vragen/", 50),
            ]
            post = form_post_run(base)
            if post is None:
                print("form POST: skipped, /hulp-vragen/ has no form yet")
            else:
                runs.append(post)
            runs += [
                Run("bare (ceiling)", "/loadtest/bare/", 20),
                Run("bare, logged in", "/loadtest/bare-logged-in/", 20, headers={"Cookie": cookie}),
                Run("template+1 query", "/loadtest/template/", 20),
                Run("dashboard", "/dashboard/", 20, headers={"Cookie": cookie}),
            ]
            print(
                f"\n{'run':<18}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
                f"{'cpu web':>9}{'cpu db':>8}"
            )
            database = urllib.parse.urlparse(env["DATABASE_URL"]).path.lstrip("/")
            for run in runs:
                web_before = cpu_ticks(pgid=server.pid)
                db_before = cpu_ticks(database=database)
                run.result = r = run_wrk(base, run, duration)
                requests = max(r["requests"], 1)
                web_ms = cpu_ms_used(web_before, cpu_ticks(pgid=server.pid))
                db_ms = cpu_ms_used(db_before, cpu_ticks(database=database))
                r["web_cpu_ms_per_request"] = round(web_ms / requests, 2)
                r["db_cpu_ms_per_request"] = round(db_ms / requests, 2)
                print(
                    f"{run.name:<18}{run.connections:>6}{r['rps']:>10.0f}{r['p50_ms']:>9.1f}"
                    f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['errors']:>8}"
                    f"{r['web_cpu_ms_per_request']:>9.2f}{r['db_cpu_ms_per_request']:>8.2f}"
                )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)

    dashboard = next(r.result for r in runs if r.name == "dashboard")
    logged_in = next(r.result for r in runs if r.name == "bare, logged in")
    anonymous = next(r.result for r in runs if r.name.startswith("bare (") and r.connections == 50)
    form = next(r.result for r in runs if r.name == "form GET")
    template = next(r.result for r in runs if r.name.startswith("template"))
    report = {
        "duration_s": duration,
        "workers": int(env["WEB_CONCURRENCY"]),
        "database": env["DATABASE_URL"].split("://", 1)[0],
        "runs": [
            {
                "name": r.name,
                "path": r.path,
                "method": r.method,
                "connections": r.connections,
                **r.result,
            }
            for r in runs
        ],
        "dashboard_targets": verdict(dashboard, logged_in, share_needed=0.7),
        "form_targets": verdict(form, anonymous, share_needed=0.33),
        "dashboard_share_of_template_page": round(dashboard["rps"] / template["rps"], 3)
        if template["rps"]
        else None,
    }
    print("\n" + json.dumps(report, indent=2))
    met = report["dashboard_targets"]["pass"] and report["form_targets"]["pass"]
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
