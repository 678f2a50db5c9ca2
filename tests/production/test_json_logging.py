from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coalition.logging import JsonFormatter, redact

ROOT = Path(__file__).resolve().parents[2]


def make_record(message: str, *args, **extra) -> logging.LogRecord:
    record = logging.LogRecord("families.views", logging.WARNING, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_it_writes_one_json_object_with_time_level_logger_and_message():
    line = JsonFormatter().format(make_record("Request %s withdrawn", "TB-2026-0042"))

    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "families.views"
    assert entry["message"] == "Request TB-2026-0042 withdrawn"
    assert entry["time"].endswith("+00:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail to jan.de.vries@example.org failed", "mail to [email] failed"),
        ("Not Found: /status/Xk3pQ9zL2mN8vB4cR7tY1wE5/", "Not Found: /status/[token]/"),
        ("/reset/key/2-c5n2x1-0f3a9be4d7c21e58a6b9/", "/reset/key/[token]/"),
        ("call 06-12345678 tomorrow", "call [phone] tomorrow"),
        ("call +31 6 12345678 tomorrow", "call [phone] tomorrow"),
        ("lives at 5038 AB", "lives at [postcode]"),
        ("paid from NL91ABNA0417164300", "paid from [iban]"),
        ("bsn 123456782 given", "bsn [number] given"),
        ("from 84.241.7.19 via proxy", "from [ip] via proxy"),
    ],
)
def test_it_masks_personal_data_in_the_message(text, expected):
    assert redact(text) == expected


def test_it_keeps_reference_codes_counts_and_postcode_areas_readable():
    text = (
        "Request TB-2026-0042 from 5038 in wijk 12: 3 children, listening at 127.0.0.1:8000; "
        "Task celery.accumulate[3f1c2b7e-9a4d-4c1e-8b2a-5d6e7f809a1b] succeeded in "
        "0.0013467899999998s"
    )

    assert redact(text) == text


def test_it_leaves_out_the_request_and_other_extra_values():
    class FakeRequest:
        def __repr__(self) -> str:
            return "<WSGIRequest: GET '/status/secret/?email=ouder@example.org'>"

    record = make_record("Not Found: /x/", status_code=404, request=FakeRequest(), email="a@b.nl")

    entry = json.loads(JsonFormatter().format(record))
    assert entry["status_code"] == 404
    assert set(entry) == {"time", "level", "logger", "message", "status_code"}


def test_it_masks_personal_data_in_a_traceback():
    try:
        raise ValueError("duplicate key (email)=(ouder@example.org)")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), exc_info=sys.exc_info()
        )

    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: duplicate key (email)=([email])" in entry["exception"]
    assert "ouder@example.org" not in json.dumps(entry)


def run_python_with_log_format(log_format: str, tmp_path: Path) -> subprocess.CompletedProcess:
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('families').warning('sent to %s', 'ouder@example.org')"
    )
    env = {
        **os.environ,
        "LOG_FORMAT": log_format,
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "coalition.settings",
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_log_format_json_makes_the_settings_log_json_lines(tmp_path):
    result = run_python_with_log_format("json", tmp_path)

    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "sent to [email]"
    assert entry["logger"] == "families"


def test_a_log_format_other_than_plain_or_json_stops_the_start(tmp_path):
    result = run_python_with_log_format("xml", tmp_path)

    assert result.returncode != 0
    assert "LOG_FORMAT='xml' must be 'plain' or 'json'" in result.stderr
