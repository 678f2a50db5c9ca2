"""Who hears a reminder: the recipient fields of a `Reminder`, and coordinators by programme."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings

from coalition.people.models import Coordinator, Role, User


def user_recipient(user: User) -> dict:
    return {"recipient_user": user, "language": user.preferred_language or settings.LANGUAGE_CODE}


def programme_coordinators(programme_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active coordinators of each programme, in one query."""
    through = Coordinator.programmes.through
    rows = (
        through.objects.filter(
            programme_id__in=set(programme_ids),
            coordinator__user__is_active=True,
            coordinator__user__role__in=(Role.COORDINATOR, Role.INTAKE_COORDINATOR),
        )
        .select_related("coordinator__user")
        .order_by("coordinator__user_id")
    )
    result: dict[int, list[User]] = defaultdict(list)
    for row in rows:
        result[row.programme_id].append(row.coordinator.user)
    return result


def intake_coordinators() -> list[User]:
    return list(User.objects.filter(role=Role.INTAKE_COORDINATOR, is_active=True))
