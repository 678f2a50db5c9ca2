"""Who may see which family or request: the one place that decides it."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q

from coalition.people.models import Role
from coalition.programmes.models import Programme


class SupportRequestQuerySet(models.QuerySet):
    def held_by(self, user) -> SupportRequestQuerySet:
        """The requests `user` works on as the owner: those of the programmes they
        coordinate (for intake coordinators also the central intake queue), or all
        for the coalition admin. Acting on a family as a whole (matching, erasure)
        takes this scope; a programme a request is only offered to does not."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        if user.role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            scope = Q(programme__in=Programme.objects.coordinated_by(user).values("pk"))
            if user.role == Role.INTAKE_COORDINATOR:
                scope |= Q(programme__isnull=True)
            return self.filter(scope)
        return self.none()

    def visible_to(self, user) -> SupportRequestQuerySet:
        """`held_by`, plus the requests offered to one of the user's programmes while
        that referral is pending or once accepted (which made the receiver the
        owner): a declined referral leaves nothing behind."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            from families.models import ProgrammeReferralStatus

            programmes = Programme.objects.coordinated_by(user).values("pk")
            ProgrammeReferral = self.model.programme_referrals.rel.related_model
            offered = ProgrammeReferral.objects.filter(
                request=OuterRef("pk"),
                to_programme__in=programmes,
                status__in=[ProgrammeReferralStatus.PENDING, ProgrammeReferralStatus.ACCEPTED],
            )
            return self.held_by(user) | self.filter(Exists(offered))
        if user.role == Role.PARTNER and user.organisation_id:
            return self.referred_by(user.organisation_id)
        return self.held_by(user)

    def referred_by(self, organisation_id: int) -> SupportRequestQuerySet:
        """The requests a partner organisation referred: all a partner (its people in
        the portal, its systems through the API) may follow."""
        return self.filter(referral__organisation_id=organisation_id)

    def open(self) -> SupportRequestQuerySet:
        from families.models import OPEN_REQUEST_STATUSES

        return self.filter(status__in=OPEN_REQUEST_STATUSES)


class FamilyQuerySet(models.QuerySet):
    def visible_to(self, user) -> FamilyQuerySet:
        """Families with a request `user` may see."""
        return self._with_request_in(user, SupportRequestQuerySet.visible_to)

    def held_by(self, user) -> FamilyQuerySet:
        """Families with a request `user` holds (`SupportRequestQuerySet.held_by`):
        only they may erase the family or read what others wrote about it."""
        return self._with_request_in(user, SupportRequestQuerySet.held_by)

    def _with_request_in(self, user, scope) -> FamilyQuerySet:
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.COALITION_ADMIN:
            return self.all()
        SupportRequest = self.model.requests.rel.related_model
        requests = scope(SupportRequest.objects.all(), user).filter(family=OuterRef("pk"))
        return self.filter(Exists(requests))


class DuplicateCandidateQuerySet(models.QuerySet):
    def visible_to(self, user) -> DuplicateCandidateQuerySet:
        """Pairs of which `user` holds both families (`FamilyQuerySet.held_by`): only
        they may compare, merge or part them."""
        Family = self.model._meta.get_field("family").related_model
        held = Family.objects.held_by(user).values("pk")
        return self.filter(family__in=held, other__in=held)

    def open(self) -> DuplicateCandidateQuerySet:
        from families.models import DuplicateDecision

        return self.filter(
            decision=DuplicateDecision.OPEN,
            family__merged_into__isnull=True,
            other__merged_into__isnull=True,
        )


class FamilyMergeQuerySet(models.QuerySet):
    def visible_to(self, user) -> FamilyMergeQuerySet:
        """Merges into a family `user` holds, that moved a request `user` holds: they
        could have merged the two, and may undo it."""
        Family = self.model._meta.get_field("survivor").related_model
        SupportRequest = Family.requests.rel.related_model
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        merges = self.filter(survivor__in=Family.objects.held_by(user).values("pk"))
        if user.role == Role.COALITION_ADMIN:
            return merges
        moved = {
            merge.pk: set(merge.moved.get("families.supportrequest.family", []))
            for merge in merges.only("pk", "moved")
        }
        requests = set().union(*moved.values())
        held = set(
            SupportRequest.objects.held_by(user)
            .filter(pk__in=requests)
            .values_list("pk", flat=True)
        )
        return self.filter(pk__in=[pk for pk, ids in moved.items() if ids & held])
