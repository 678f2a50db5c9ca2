"""Status machines: which status may follow which, and how a step is recorded.

Each domain app keeps its own statuses and transition table next to its models;
the subject model mixes in `StatusMachine`, and every status change goes through
`status_step_record`, so a step is always checked and always leaves a history row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _


class IllegalTransition(ValidationError):
    """Raised when a status change is not allowed from the current status."""


def check_transition(
    allowed: Mapping[str, frozenset[str]], current: str, target: str, labels: Mapping[str, str]
) -> None:
    if target not in allowed.get(current, frozenset()):
        raise IllegalTransition(
            _("Cannot go from “%(current)s” to “%(target)s”.")
            % {"current": labels.get(current, current), "target": labels.get(target, target)},
            code="illegal_transition",
        )


class StatusMachine:
    """Mixin for a model with a `status`, a `status_changed_at` and a history of
    concrete `StatusChange` rows under `status_changes`."""

    status_transitions: ClassVar[Mapping[str, frozenset[str]]]

    def check_can_move_to(self, target: str) -> None:
        labels = dict(self._meta.get_field("status").flatchoices)
        check_transition(self.status_transitions, self.status, target, labels)


def status_step_record(
    *, subject: StatusMachine, to_status: str, by=None, reason: str = "", at: datetime | None = None
) -> StatusChange:
    """Move `subject` to `to_status`: refuse an illegal step, write the history row
    and set the new status; the caller saves the subject with its other changes."""
    subject.check_can_move_to(to_status)
    at = at or timezone.now()
    step = subject.status_changes.create(
        from_status=subject.status, to_status=to_status, changed_at=at, changed_by=by, reason=reason
    )
    subject.status = to_status
    subject.status_changed_at = at
    return step


def status_history_start(
    *, subject: StatusMachine, by=None, at: datetime | None = None
) -> StatusChange:
    """The first row of a new subject's history: from nothing to its first status."""
    return subject.status_changes.create(
        from_status="", to_status=subject.status, changed_at=at or timezone.now(), changed_by=by
    )


def status_history_event(
    *, subject: StatusMachine, by=None, reason: str = "", at: datetime | None = None, **details
) -> StatusChange:
    """A history row for something that happens to `subject` without changing its
    status (a move to another programme): from and to are the current status;
    `details` fill the concrete history's own fields."""
    return subject.status_changes.create(
        from_status=subject.status,
        to_status=subject.status,
        changed_at=at or timezone.now(),
        changed_by=by,
        reason=reason,
        **details,
    )


class StatusChange(models.Model):
    """One step in a status history: who moved it, when, and why.

    Concrete histories add the foreign key to their subject and the status
    fields with their own choices."""

    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    reason = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status} ({self.changed_at:%Y-%m-%d})"
