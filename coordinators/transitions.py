"""Status machines: which status may follow which, enforced in one place."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
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
