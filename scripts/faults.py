"""Fault drills on PostgreSQL and Redis for the public help-request form.

Run through scripts/faults.sh (it sets the environment). Phases:

  concurrent  100 visitors send the form at the same moment: 100 requests
              saved, no errors. Non-destructive.
  postgres    PostgreSQL is restarted while visitors keep sending: every
              answer is a saved form or the friendly error page, and no
              half-saved family is left. DESTRUCTIVE: restarts the server.
  redis       Redis is stopped: forms are still saved (the database is the
              source of truth; tasks are picked up by the sweep later).
              DESTRUCTIVE: stops and starts the server (its data is lost).

`--target orm` drives the same concurrency straight through the database
(threads, one transaction per submission) for branches without the form.
Prints one JSON object per phase; exits 1 when a phase fails.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from families.models import Family, Parent, SupportRequest  # noqa: E402

ERROR_PAGE_MARKER = "error-page error-500"
PG_RESTART = os.environ.get(
    "PG_RESTART_CMD",
    "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart",
)
REDIS_STOP = os.environ.get("REDIS_STOP_CMD", "redis-cli -h 127.0.0.1 -p 6379 shutdown nosave")
REDIS_START = os.environ.get(
    "REDIS_START_CMD",
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" '
    "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log",
)


# --- Filling in the form ------------------------------------------------------
class FormReader(HTMLParser):
    """The fields of the first POST form on a page, with their default values."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.done = False
        self.action = ""
        self.fields: list[dict] = []
        self._select: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form" and (a.get("method") or "").lower() == "post" and not self.in_form:
            action = a.get("action") or ""
            if "set_language" in action or "setlang" in action or "logout" in action:
                return
            self.in_form, self.action = True, a.get("action") or ""
        elif not self.in_form:
            return
        elif tag == "input" and a.get("name"):
            self.fields.append({"tag": "input", **a})
        elif tag == "select" and a.get("name"):
            self._select = {"tag": "select", "name": a["name"], "options": []}
            self.fields.append(self._select)
        elif tag == "option" and self._select is not None and a.get("value"):
            self._select["options"].append(a["value"])
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"tag": "textarea", "name": a["name"]}
            self.fields.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def guess(name: str, kind: str, i: int) -> str:
    n = name.lower()
    if kind == "email" or "email" in n:
        return f"fault{i}@example.org"
    if kind == "tel" or "phone" in n:
        return f"06-{10000000 + i}"
    if "postcode" in n or "pc4" in n:
        return "5038 AB"
    if "year" in n:
        return str(timezone.localdate().year - 6)
    if "month" in n:
        return "3"
    if "age" in n:
        return "6"
    if kind == "number":
        return "1"
    if kind == "date":
        return timezone.localdate().isoformat()
    return f"Storingstest {i}"


# Fields a person leaves empty (hidden by CSS); filling them marks the visitor as a bot.
HONEYPOTS = {"website"}
# The parents' form has several steps: follow them until the confirmation page.
MAX_STEPS = 10


def fill(fields: list[dict], i: int, overrides: dict) -> list[tuple[str, str]]:
    data: list[tuple[str, str]] = []
    chosen_radio: set[str] = set()
    for field in fields:
        name = field["name"]
        if name in overrides or name in HONEYPOTS:
            continue
        if field["tag"] == "select":
            if field["options"]:
                data.append((name, field["options"][0]))
        elif field["tag"] == "textarea":
            data.append((name, f"Storingstest {i}"))
        else:
            kind = (field.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                continue
            if kind == "hidden":
                data.append((name, field.get("value") or ""))
            elif kind == "radio":
                if name not in chosen_radio:
                    chosen_radio.add(name)
                    data.append((name, field.get("value") or "on"))
            elif kind == "checkbox":
                data.append((name, field.get("value") or "on"))
            else:
                data.append((name, field.get("value") or guess(name, kind, i)))
    for name, value in overrides.items():
        for item in value if isinstance(value, list) else [value]:
            data.append((name, str(item).format(i=i)))
    return data


def submit_form(base_url: str, path: str, i: int, overrides: dict, barrier=None) -> dict:
    """One visitor: open the form, fill in every step, and send it. With a barrier,
    all visitors wait before the last step so the final posts arrive together."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Accept-Language", "en")]
    try:
        url = base_url + path
        page = opener.open(url, timeout=30).read().decode()
        for _step in range(MAX_STEPS):
            reader = FormReader()
            reader.feed(page)
            if not reader.fields:
                return {"status": 200, "body": page}
            body = urllib.parse.urlencode(fill(reader.fields, i, overrides)).encode()
            final = any(f.get("name") == "consent" for f in reader.fields)
            if final and barrier is not None:
                barrier.wait(timeout=120)
            action = urllib.parse.urljoin(url, reader.action or url)
            if not action.startswith(base_url):
                raise ValueError(f"The form posts elsewhere: {action}")
            request = urllib.request.Request(  # noqa: S310 (checked: our own server)
                action, data=body, headers={"Referer": url}
            )
            with opener.open(request, timeout=60) as response:
                url, page = response.geturl(), response.read().decode(errors="replace")
                if final:
                    return {"status": response.status, "body": page}
        return {"status": 0, "body": "the form did not end within MAX_STEPS steps"}
    except urllib.error.HTTPError as exc:
        return {"status": exc.code, "body": exc.read().decode(errors="replace")}
    except Exception as exc:  # connection refused, reset, timeout
        return {"status": 0, "body": repr(exc)}


# --- Straight through the database (branches without the form) ---------------
@transaction.atomic
def submit_orm(i: int) -> None:
    family = Family.objects.create(pc4="5038", postcode="5038 AB")
    Parent.objects.create(family=family, first_name=f"Storingstest {i}", phone="06-10000000")
    SupportRequest.objects.create(family=family, situation=["overloaded"])


def submit_orm_visitor(i: int, barrier) -> dict:
    try:
        barrier.wait(timeout=120)
        submit_orm(i)
        return {"status": 200, "body": ""}
    except Exception as exc:
        return {"status": 500, "body": repr(exc)}
    finally:
        connection.close()


# --- Checks -------------------------------------------------------------------
def counts(since) -> dict:
    new_families = Family.objects.filter(created_at__gte=since)
    return {
        "requests": SupportRequest.objects.filter(created_at__gte=since).count(),
        "families_without_request": new_families.filter(requests__isnull=True).count(),
        "families_without_parent": new_families.filter(parents__isnull=True).count(),
    }


def judge(results: list[dict]) -> dict:
    ok = sum(1 for r in results if 200 <= r["status"] < 400)
    clean_errors = sum(
        1
        for r in results
        if r["status"] >= 500 and ERROR_PAGE_MARKER in r["body"] and "Traceback" not in r["body"]
    )
    return {
        "sent": len(results),
        "saved_answers": ok,
        "friendly_error_pages": clean_errors,
        "other": len(results) - ok - clean_errors,
        "statuses": sorted({r["status"] for r in results}),
        "sample_other": next(
            (r["body"][:300] for r in results if not (200 <= r["status"] < 400)), ""
        ),
    }


def phase_concurrent(args) -> bool:
    since = timezone.now()
    n = args.visitors
    if args.target == "orm":
        barrier = threading.Barrier(min(n, args.orm_threads))
        with ThreadPoolExecutor(max_workers=min(n, args.orm_threads)) as pool:
            results = list(pool.map(lambda i: submit_orm_visitor(i, barrier), range(n)))
    else:
        barrier = threading.Barrier(n)
        with ThreadPoolExecutor(max_workers=n) as pool:
            results = list(
                pool.map(
                    lambda i: submit_form(args.base_url, args.form_path, i, args.payload, barrier),
                    range(n),
                )
            )
    verdict = {"phase": "concurrent", "target": args.target, **judge(results), **counts(since)}
    passed = verdict["saved_answers"] == n and verdict["requests"] == n
    passed &= verdict["families_without_request"] == 0
    print(json.dumps({**verdict, "passed": passed}))
    return passed


def submit_orm_once(i: int) -> dict:
    """One submission through the database; a refused connection is an error answer."""
    try:
        submit_orm(i)
        return {"status": 200, "body": ""}
    except Exception as exc:
        return {"status": 503, "body": ERROR_PAGE_MARKER + " " + type(exc).__name__}
    finally:
        connection.close()


def probe(base_url: str, path: str) -> dict:
    try:
        with urllib.request.urlopen(base_url + path, timeout=30) as response:  # noqa: S310
            return {"status": response.status, "body": ""}
    except urllib.error.HTTPError as exc:
        return {"status": exc.code, "body": exc.read().decode(errors="replace")}
    except Exception as exc:
        return {"status": 0, "body": repr(exc)}


def under_traffic(args, disruption, settle: float) -> tuple[list[dict], list[dict]]:
    """Visitors send forms and read a page while `disruption` runs; returns both."""
    forms: list[dict] = []
    pages: list[dict] = []
    stop = threading.Event()

    def visitor(worker: int):
        i = 0
        while not stop.is_set():
            n = worker * 10000 + i
            if args.target == "orm":
                forms.append(submit_orm_once(n))
            else:
                forms.append(submit_form(args.base_url, args.form_path, n, args.payload))
            i += 1

    def reader():
        while not stop.is_set():
            pages.append(probe(args.base_url, args.probe_path))
            time.sleep(0.05)

    threads = [threading.Thread(target=visitor, args=(w,)) for w in range(8)]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(2)
    try:
        disruption()
        time.sleep(settle)
    finally:
        stop.set()
        for t in threads:
            t.join()
        connection.close()
    return forms, pages


def phase_postgres(args) -> bool:
    since = timezone.now()
    forms, pages = under_traffic(
        args,
        lambda: subprocess.run(PG_RESTART, shell=True, check=True),  # noqa: S602
        settle=4,
    )
    verdict = {
        "phase": "postgres",
        "target": args.target,
        "forms": judge(forms),
        "pages": judge(pages),
        **counts(since),
    }
    # A request committed just before the restart can still get the error page (the
    # session write after the commit fails): it is saved, and sending the same form
    # again shows its confirmation (submission key). Never may an acknowledged one be lost.
    verdict["saved_then_error_page"] = verdict["requests"] - verdict["forms"]["saved_answers"]
    passed = verdict["forms"]["other"] == 0 and verdict["pages"]["other"] == 0
    passed &= verdict["saved_then_error_page"] >= 0
    passed &= verdict["families_without_request"] == verdict["families_without_parent"] == 0
    print(json.dumps({**verdict, "passed": passed}))
    return passed


def phase_redis(args) -> bool:
    since = timezone.now()
    subprocess.run(REDIS_STOP, shell=True, check=False)  # noqa: S602
    try:
        if args.target == "orm":
            forms = []  # the database path does not touch Redis: only pages are checked
        else:
            forms = [
                submit_form(args.base_url, args.form_path, 50000 + i, args.payload)
                for i in range(20)
            ]
        pages = [probe(args.base_url, args.probe_path) for _ in range(20)]
    finally:
        subprocess.run(REDIS_START, shell=True, check=True)  # noqa: S602
    verdict = {
        "phase": "redis",
        "target": args.target,
        "forms": judge(forms),
        "pages": judge(pages),
        **counts(since),
    }
    passed = verdict["forms"]["saved_answers"] == verdict["requests"] == len(forms)
    passed &= verdict["pages"]["saved_answers"] == len(pages)
    print(json.dumps({**verdict, "passed": passed}))
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("phases", nargs="*", default=["concurrent"])
    parser.add_argument("--target", choices=["http", "orm"], default="http")
    parser.add_argument(
        "--base-url", default=os.environ.get("FAULTS_BASE_URL", "http://127.0.0.1:8765")
    )
    parser.add_argument("--form-path", default=os.environ.get("FAULTS_FORM_PATH", "/hulp-vragen/"))
    parser.add_argument("--probe-path", default=os.environ.get("FAULTS_PROBE_PATH", "/"))
    parser.add_argument("--visitors", type=int, default=100)
    parser.add_argument("--orm-threads", type=int, default=25)
    args = parser.parse_args()
    payload_file = os.environ.get("FAULTS_PAYLOAD")
    args.payload = json.loads(Path(payload_file).read_text()) if payload_file else {}
    phases = {"concurrent": phase_concurrent, "postgres": phase_postgres, "redis": phase_redis}
    passed = True
    for name in args.phases:
        passed &= phases[name](args)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
