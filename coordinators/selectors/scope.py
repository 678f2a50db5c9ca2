"""Who sees what: the programmes a coordinator works for, and notes they may read."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from coalition.people.models import Role
from coalition.programmes.models import Programme
from families.models import ProgrammeReferral, SupportRequest
from matching.models import ContactNote
from volunteers.models import Volunteer

# --- Scope helpers ---------------------------------------------------------


def visible_programmes(user) -> QuerySet[Programme]:
    """Programmes a user may choose in filters and reports."""
    if user.role == Role.COALITION_ADMIN:
        return Programme.objects.filter(is_active=True)
    return Programme.objects.coordinated_by(user).filter(is_active=True)


def _referrals_of(user, referrals, *, side: str) -> QuerySet[ProgrammeReferral]:
    if referrals is None:
        referrals = ProgrammeReferral.objects.all()
    if user.role == Role.COALITION_ADMIN:
        return referrals
    mine = Programme.objects.coordinated_by(user).values("pk")
    return referrals.filter(**{f"{side}_programme__in": mine})


def referrals_received(
    user, referrals: QuerySet[ProgrammeReferral] | None = None
) -> QuerySet[ProgrammeReferral]:
    """Referrals sent to the user's programmes (to every programme for an administrator)."""
    return _referrals_of(user, referrals, side="to")


def referrals_sent(
    user, referrals: QuerySet[ProgrammeReferral] | None = None
) -> QuerySet[ProgrammeReferral]:
    """Referrals the user's programmes sent (from every programme for an administrator)."""
    return _referrals_of(user, referrals, side="from")


def notes_for(user) -> QuerySet[ContactNote]:
    """Contact notes the user may read. Confidential notes only for the coordinators
    of the programme concerned (and the author)."""
    notes = ContactNote.objects.visible_to(user)
    mine = Programme.objects.coordinated_by(user).values("pk")
    family_programme = SupportRequest.objects.filter(family=OuterRef("family"))
    if user.role == Role.INTAKE_COORDINATOR:
        family_programme = family_programme.filter(
            Q(programme__in=mine) | Q(programme__isnull=True)
        )
    else:
        family_programme = family_programme.filter(programme__in=mine)
    volunteer_programme = Volunteer.programmes.through.objects.filter(
        volunteer=OuterRef("volunteer"), programme__in=mine
    )
    return notes.filter(
        Q(confidential=False)
        | Q(author=user)
        | Exists(family_programme)
        | Exists(volunteer_programme)
        | Q(match__programme__in=mine)
    ).select_related("author")


def mine_or_nobodys(rows: QuerySet, user, *, field: str) -> QuerySet:
    """ "Mine" on today's work: the cases `user` is responsible for, and those nobody
    is responsible for yet (someone must pick them up). `field` names the owner."""
    return rows.filter(Q(**{field: user}) | Q(**{f"{field}__isnull": True}))
