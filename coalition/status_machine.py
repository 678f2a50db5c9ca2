"""Status machines: which status may follow which, enforced in one place."""

from __future__ import annotations

from collections.abc import Mapping

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
