"""What the domain apps tell the notifications room about themselves.

The notifications room sits below the apps whose records its messages are about,
so it never imports them: each app registers here from its own `reminders.py`,
which `NotificationsConfig.ready()` imports for every installed app (the way the
admin discovers `admin.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class TargetScope:
    """A kind of record notifications can be about, and which of them a user may see."""

    model: type[models.Model]
    visible_to: Callable[[object], models.QuerySet]


_target_scopes: dict[str, TargetScope] = {}


def register_target(
    model: type[models.Model], visible_to: Callable[[object], models.QuerySet]
) -> None:
    """Staff see a notification about `model` when they may see its record."""
    _target_scopes[model._meta.label_lower] = TargetScope(model=model, visible_to=visible_to)


def target_scopes() -> list[TargetScope]:
    return list(_target_scopes.values())
