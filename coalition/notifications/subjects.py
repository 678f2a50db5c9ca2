"""A notification's subject line: for its email, the notifications page and the digest.

Kept apart from the emails themselves so that what lists notifications (the
digest among them) needs nothing of what renders one.
"""

from __future__ import annotations

import contextlib
from datetime import date

from django.utils import formats

from coalition.notifications.kinds import kind_of
from coalition.notifications.models import Notification


class _Blank(dict):
    """A missing placeholder in a subject renders empty instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


def typed_context(context: dict) -> dict:
    """Context values as the templates want them: `*_on` and `day` values become dates."""
    typed = {}
    for key, value in context.items():
        if (key.endswith("_on") or key == "day") and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = date.fromisoformat(value)
        typed[key] = value
    return typed


def notification_subject(notification: Notification, context: dict | None = None) -> str:
    """The subject line, in the active language."""
    values = _Blank()
    for key, value in (context or typed_context(notification.context)).items():
        values[key] = (
            formats.date_format(value, "DATE_FORMAT") if isinstance(value, date) else value
        )
    return str(kind_of(notification.kind).subject_for(values)) % values
