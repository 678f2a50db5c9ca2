"""Who may see which notification: the one place that decides it."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> NotificationQuerySet:
        """Your own notifications; for staff also those about families, requests,
        volunteers, matches, evaluations and screening steps they may see, so a
        message flagged as possibly unsent reaches someone who can decide whether
        to send it again."""
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
                "matching.FollowUp",
            ):
                model = apps.get_model(label)
                scope |= models.Q(
                    target_type=ContentType.objects.get_for_model(model),
                    target_id__in=model.objects.visible_to(user).values("pk"),
                )
            # Screening steps have no scope of their own: their volunteer's.
            ScreeningStep = apps.get_model("volunteers.ScreeningStep")
            Volunteer = apps.get_model("volunteers.Volunteer")
            scope |= models.Q(
                target_type=ContentType.objects.get_for_model(ScreeningStep),
                target_id__in=ScreeningStep.objects.filter(
                    volunteer__in=Volunteer.objects.visible_to(user)
                ).values("pk"),
            )
        return self.filter(scope)
