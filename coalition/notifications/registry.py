"""What the domain apps tell the notifications room about themselves.

The notifications room sits below the apps whose records its messages are about,
so it never imports them: each app registers here from its own `reminders.py`,
which `NotificationsConfig.ready()` imports for every installed app (the way the
admin discovers `admin.py`). An app registers:

- the records its notifications can be about, and who may see them (`register_target`);
- where a record's page is, for the link in a reminder to staff (`register_record_page`,
  from the workspace that owns the pages);
- its planners: what time alone makes due, run by the periodic plan (`register_planner`);
- per kind of reminder, whether one still matters when it is about to go out, and
  what only the moment of sending knows (a link, labels) (`register_reminder`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from coalition.notifications.models import Notification


@dataclass(frozen=True)
class TargetScope:
    """A kind of record notifications can be about, and which of them a user may see."""

    model: type[models.Model]
    visible_to: Callable[[object], models.QuerySet]


# Schedules what should exist by `now` (idempotently); returns how many it offered.
Planner = Callable[[datetime], int]
# Asked with the reminder's record (which still exists) just before sending.
Relevance = Callable[[models.Model, "Notification"], bool]
# Values for the email that only the moment of sending knows.
SendContext = Callable[["Notification"], dict]


@dataclass(frozen=True)
class ReminderKind:
    """How the room treats one kind of reminder a domain app schedules."""

    kind: str
    still_relevant: Relevance | None = None
    send_context: SendContext | None = None
    # False for a reminder about no record (the digest): its rule is asked with None.
    about_a_record: bool = True


# The path of a record's page in the staff workspace, for the link in a reminder.
RecordPage = Callable[[models.Model], str]

_target_scopes: dict[str, TargetScope] = {}
_record_pages: dict[str, RecordPage] = {}
_planners: dict[str, Planner] = {}
_reminder_kinds: dict[str, ReminderKind] = {}


def register_target(
    model: type[models.Model], visible_to: Callable[[object], models.QuerySet]
) -> None:
    """Staff see a notification about `model` when they may see its record."""
    _target_scopes[model._meta.label_lower] = TargetScope(model=model, visible_to=visible_to)


def target_scopes() -> list[TargetScope]:
    return list(_target_scopes.values())


def register_record_page(model: type[models.Model], path: RecordPage) -> None:
    """Reminders to staff about a `model` record link to `path(record)`; the page
    itself decides, after login, whether the reader may see it."""
    _record_pages[model._meta.label_lower] = path


def record_page(record: models.Model) -> str | None:
    path = _record_pages.get(record._meta.label_lower)
    return path(record) if path is not None else None


def register_planner(name: str, plan: Planner) -> None:
    """`plan(now)` runs with every periodic plan; its count is reported under `name`."""
    _planners[name] = plan


def planners() -> dict[str, Planner]:
    return dict(_planners)


def register_reminder(
    kind: str,
    *,
    still_relevant: Relevance | None = None,
    send_context: SendContext | None = None,
    about_a_record: bool = True,
) -> None:
    """A reminder of `kind` that is no longer `still_relevant` is cancelled instead of
    sent; `send_context` adds to its email's context. Both are optional."""
    _reminder_kinds[kind] = ReminderKind(
        kind=kind,
        still_relevant=still_relevant,
        send_context=send_context,
        about_a_record=about_a_record,
    )


def reminder_kind(kind: str) -> ReminderKind | None:
    return _reminder_kinds.get(kind)
