"""Who may see which family or request: the one place that decides it."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q

from coalition.people.models import Role
from coalition.programmes.models import Programme


class SupportRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> SupportRequestQuerySet:
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        if user.role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            programmes = Programme.objects.coordinated_by(user).values("pk")
            ProgrammeReferral = self.model.programme_referrals.rel.related_model
            shared = ProgrammeReferral.objects.filter(
                request=OuterRef("pk"), to_programme__in=programmes
            )
            scope = Q(programme__in=programmes) | Exists(shared)
            if user.role == Role.INTAKE_COORDINATOR:
                scope |= Q(programme__isnull=True)
            return self.filter(scope)
        if user.role == Role.PARTNER and user.organisation_id:
            return self.filter(referral__organisation_id=user.organisation_id)
        return self.none()

    def open(self) -> SupportRequestQuerySet:
        from families.models import OPEN_REQUEST_STATUSES

        return self.filter(status__in=OPEN_REQUEST_STATUSES)


class FamilyQuerySet(models.QuerySet):
    def visible_to(self, user) -> FamilyQuerySet:
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        SupportRequest = self.model.requests.rel.related_model
        requests = SupportRequest.objects.visible_to(user).filter(family=OuterRef("pk"))
        return self.filter(Exists(requests))
