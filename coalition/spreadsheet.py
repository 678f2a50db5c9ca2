"""CSV for spreadsheets: every CSV export of the platform is written here.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before
one) is run as a formula by Excel and LibreOffice: a wijk or label typed by
someone could open a link or a command on the computer of whoever opens the
export. Such a text cell gets a leading apostrophe, which spreadsheets show as
text (OWASP "CSV injection"). Numbers are written as they are.
"""

from __future__ import annotations

import csv
import io
import numbers
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, numbers.Number):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()
