"""Who may see which notification: the one place that decides it."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from coalition.notifications.registry import target_scopes
from coalition.people.models import Role


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> NotificationQuerySet:
        """Your own notifications; for staff also those about families, requests,
        volunteers, matches, evaluations and screening steps they may see, so a
        message flagged as possibly unsent reaches someone who can decide whether
        to send it again."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        scope = models.Q(recipient_user=user)
        if user.role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            for target in target_scopes():
                scope |= models.Q(
                    target_type=ContentType.objects.get_for_model(target.model),
                    target_id__in=target.visible_to(user).values("pk"),
                )
        return self.filter(scope)
