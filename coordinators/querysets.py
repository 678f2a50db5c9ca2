"""Who may see which notification: the one place that decides it."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> NotificationQuerySet:
        """Your own notifications; for staff also the failed ones about families,
        volunteers and matches they may see (they decide whether to send again)."""
        from coordinators.models import Role

        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        scope = models.Q(recipient_user=user)
        if user.role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            for label in (
                "families.SupportRequest",
                "families.Family",
                "volunteers.Volunteer",
                "matching.Match",
            ):
                model = apps.get_model(label)
                scope |= models.Q(
                    target_type=ContentType.objects.get_for_model(model),
                    target_id__in=model.objects.visible_to(user).values("pk"),
                )
        return self.filter(scope)
