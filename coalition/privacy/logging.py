"""Keep personal data out of logs and error reports.

`PersonalDataReporterFilter` hides POST fields whose names look personal
(names, contact details, notes, health, situation) in Django's error reports;
`ScrubPersonalDataFilter` masks email addresses and phone numbers in any log line.
"""

from __future__ import annotations

import logging
import re

from django.views.debug import SafeExceptionReporterFilter

SENSITIVE_FIELD_NAMES = re.compile(
    r"PASS|SECRET|TOKEN|KEY|SIGNATURE|COOKIE|SESSION|CSRF|OTP|CODE"
    r"|NAME|EMAIL|MAIL|PHONE|TEL|MOBILE|ADDRESS|POSTCODE|STREET|BIRTH"
    r"|NOTE|TEXT|HEALTH|SITUATION|REASON|MOTIVATION|MESSAGE|COMMENT|DESCRIPTION",
    flags=re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Dutch and international phone numbers: 06-12345678, +31 6 1234 5678, 013 123 4567.
# Strict enough to leave dates and ids alone.
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\d{1,3}|0)(?:[ \-]?\d){8,12}(?![\w])")


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = SENSITIVE_FIELD_NAMES

    def get_post_parameters(self, request):
        if request is None:
            return {}
        cleansed = super().get_post_parameters(request).copy()
        for name in list(cleansed):
            if SENSITIVE_FIELD_NAMES.search(name):
                cleansed[name] = self.cleansed_substitute
        return cleansed


def scrub(text: str) -> str:
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


class ScrubPersonalDataFilter(logging.Filter):
    """Masks email addresses and phone numbers in the rendered message of a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is logged as it is
            return True
        scrubbed = scrub(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


class ScrubbingFormatter(logging.Formatter):
    """Also masks what the filter cannot reach: the traceback of an exception
    (a database error quoting the email address that was already taken)."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))
