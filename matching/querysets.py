"""Who may see which match, follow-up or note: the one place that decides it."""

from __future__ import annotations

from django.db import models

from coalition.people.models import Role
from coalition.programmes.models import Programme


class MatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> MatchQuerySet:
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        if user.role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            return self.filter(programme__in=Programme.objects.coordinated_by(user).values("pk"))
        if user.role == Role.VOLUNTEER:
            return self.filter(volunteer__user=user)
        return self.none()

    def open(self) -> MatchQuerySet:
        from matching.models import OPEN_MATCH_STATUSES

        return self.filter(status__in=OPEN_MATCH_STATUSES)


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user) -> FollowUpQuerySet:
        if user and user.is_authenticated and user.role == Role.VOLUNTEER:
            return self.none()
        Match = self.model.match.field.related_model
        return self.filter(match__in=Match.objects.visible_to(user).values("pk"))

    def pending(self) -> FollowUpQuerySet:
        """Still to do: neither done nor cancelled because the match ended."""
        return self.filter(done_on__isnull=True, cancelled_on__isnull=True)


class ContactNoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> ContactNoteQuerySet:
        """Notes are for coordinators: never for partners, volunteers or parents."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        if user.role not in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            return self.none()
        Family = self.model.family.field.related_model
        Volunteer = self.model.volunteer.field.related_model
        Match = self.model.match.field.related_model
        # A note about a match follows the match (not seen by a programme the
        # request is only offered to); a note about the family follows the family.
        about_match = models.Q(match__in=Match.objects.visible_to(user).values("pk"))
        about_family = models.Q(family__in=Family.objects.visible_to(user).values("pk"))
        about_volunteer = models.Q(volunteer__in=Volunteer.objects.visible_to(user).values("pk"))
        return self.filter(
            about_match | models.Q(match__isnull=True) & (about_family | about_volunteer)
        )


class MatchProposalQuerySet(models.QuerySet):
    def visible_to(self, user) -> MatchProposalQuerySet:
        """Coordinators see the proposals of their programmes; nobody else does."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        if user.role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            return self.filter(programme__in=Programme.objects.coordinated_by(user).values("pk"))
        return self.none()

    def pending(self) -> MatchProposalQuerySet:
        return self.filter(status="pending")
