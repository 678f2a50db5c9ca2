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
            through = self.model.programmes.through
            volunteer_ids = through.objects.filter(
                programme__in=Programme.objects.coordinated_by(user).values("pk")
            ).values("volunteer_id")
            return self.filter(pk__in=volunteer_ids)
        if user.role == Role.VOLUNTEER:
            return self.filter(user=user)
        return self.none()
