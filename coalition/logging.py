"""Structured logs without personal data.

`LOG_FORMAT=json` makes every process (gunicorn, Celery worker, beat) write one
JSON object per line, which log shippers read without parsing rules. The
formatter keeps only a fixed set of fields, never the request object or other
`extra` values, and masks what looks like personal data in the message and the
traceback: email addresses, phone numbers, full postcodes, IBANs, BSNs, client
IP addresses and the long random tokens of a family's private status link.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# Order matters: tokens and IBANs first, so the number patterns do not eat into them.
_REDACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"\b[A-Z]{2}\d{2}[A-Z]{4}\d{7,10}\b"), "[iban]"),
    # Status-link tokens, reset keys, hashes: long runs of URL-safe characters
    # with digits and letters. UUIDs (task ids) stay: they point to no person.
    (
        re.compile(
            r"(?<![\w-])(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-]))"
            r"(?=[\w-]*\d)(?=(?:[\w-]*[A-Za-z]){2})[\w-]{20,}"
        ),
        "[token]",
    ),
    (re.compile(r"(?<![\w+])(?:\+31|0031|0)(?:[\s-]?\d){9}(?!\d)"), "[phone]"),
    (re.compile(r"\b\d{9}\b"), "[number]"),
    (re.compile(r"\b\d{4}\s?[A-Z]{2}\b"), "[postcode]"),
    # Client IP addresses; loopback and the wildcard bind address say nothing about a person.
    (re.compile(r"\b(?!127\.|0\.0\.0\.0\b)\d{1,3}(?:\.\d{1,3}){3}\b"), "[ip]"),
)

# Record attributes that are safe to copy into the log line when present.
SAFE_FIELDS = ("status_code", "task_id", "task_name")


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for field in SAFE_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value if isinstance(value, int | float) else redact(str(value))
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def logging_config(*, log_format: str, level: str) -> dict:
    """Django's LOGGING: one console handler in `log_format` ("plain" or "json"),
    personal data scrubbed from every record either way."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"scrub": {"()": "coalition.privacy.logging.ScrubPersonalDataFilter"}},
        "formatters": {
            "plain": {
                "()": "coalition.privacy.logging.ScrubbingFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            },
            "json": {"()": "coalition.logging.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["scrub"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "WARNING"}},
    }
