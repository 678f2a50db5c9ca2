"""Who may see which volunteer: the one place that decides it."""

from __future__ import annotations

from django.db import models

from coalition.people.models import Role
from coalition.programmes.models import Programme


class VolunteerQuerySet(models.QuerySet):
    def visible_to(self, user) -> VolunteerQuerySet:
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        if user.role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            mine = Programme.objects.coordinated_by(user).values("pk")
            through = self.model.programmes.through
            volunteer_ids = through.objects.filter(programme__in=mine).values("volunteer_id")
            # A volunteer applying to one of the user's programmes, to screen and decide.
            Application = self.model.applications.rel.related_model
            applicants = Application.objects.filter(programme__in=mine, status="pending").values(
                "volunteer_id"
            )
            return self.filter(models.Q(pk__in=volunteer_ids) | models.Q(pk__in=applicants))
        if user.role == Role.VOLUNTEER:
            return self.filter(user=user)
        return self.none()
