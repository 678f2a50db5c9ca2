"""Form fields every app uses for dates: a date a person can mean, nothing else.

Django accepts any date from the year 1 to 9999; at the edges converting a date
and time to UTC overflows (a server error), and no intake, match or agreement of
this platform lies centuries away. One range, checked where every form validates.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


def validate_sane_date(value: dt.date | dt.datetime) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={
                "earliest": formats.date_format(EARLIEST, "DATE_FORMAT"),
                "latest": formats.date_format(LATEST, "DATE_FORMAT"),
            },
        )


class DateInput(forms.DateInput):
    """The browser's date picker: it reads and writes ISO dates whatever the page's
    language, so the value is never written in the locale's own date format."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs=attrs, format=format)


class DateField(forms.DateField):
    default_validators = [validate_sane_date]


class DateTimeField(forms.DateTimeField):
    default_validators = [validate_sane_date]
