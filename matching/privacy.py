"""What the privacy room must know about matches: a family's open matches end
before its erasure, a family with a live match is not yet due, ended matches lose
their notes after the period, and a match is shared between family and volunteer.
Registered in `coalition.privacy.registry` when the privacy room starts."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from coalition.privacy import registry
from coalition.privacy.erasure import ErasureReport, anonymise_row
from coalition.privacy.retention import retention_cutoff
from families.models import Family
from matching.case import request_ending_ends_matches
from matching.models import (
    OPEN_MATCH_STATUSES,
    ContactNote,
    EndReason,
    FollowUp,
    Match,
    MatchProposal,
    MatchStatus,
)
from volunteers.models import Volunteer


def _end_open_matches(family: Family, *, by=None) -> None:
    """Without a name or a phone number nobody can help the family any more."""
    for request in family.requests.filter(matches__status__in=OPEN_MATCH_STATUSES).distinct():
        request_ending_ends_matches(
            request=request,
            to_status=request.status,
            by=by,
            end_reason=EndReason.FAMILY_WITHDREW,
        )


def _live_match():
    """A family with an open match, or one that ended within the period, is kept."""
    cutoff = timezone.localdate(retention_cutoff(settings.RETENTION_ENDED_MATCH_DAYS))
    return Exists(
        Match.objects.filter(request__family=OuterRef("pk")).filter(
            Q(status__in=OPEN_MATCH_STATUSES) | Q(ended_on__gte=cutoff)
        )
    )


def matches_due():
    """Ended matches past the period whose notes still hold text (their family may
    still be helped in a new match, so the family itself is not due)."""
    cutoff = timezone.localdate(retention_cutoff(settings.RETENTION_ENDED_MATCH_DAYS))
    has_text = (
        ~Q(end_note="")
        | Exists(ContactNote.objects.filter(match=OuterRef("pk")))
        | Exists(FollowUp.objects.filter(match=OuterRef("pk")).exclude(notes=""))
    )
    return Match.objects.filter(status=MatchStatus.ENDED, ended_on__lt=cutoff).filter(has_text)


@transaction.atomic
def match_anonymise(*, match: Match) -> ErasureReport:
    report = ErasureReport()
    report.deleted["matching.contactnote"] = match.notes.all().delete()[0]
    for row in [match, *match.followups.all(), *match.status_changes.all()]:
        anonymise_row(row, report)
    return report


registry.register_erasure_step(Family, _end_open_matches)
registry.register_erasure_rules(ContactNote, delete=True)
registry.register_statistics_anchor(
    Volunteer, lambda volunteer: Match.objects.filter(volunteer=volunteer).exists()
)
registry.register_shared(
    Volunteer, Match, reason="A match's notes and follow-ups describe the family's support."
)
registry.register_shared(
    Volunteer,
    MatchProposal,
    reason="A proposal's reasons and explanation are about the family.",
)
registry.register_retention_hold(Family, _live_match)
registry.register_retention_rule(
    kind="matches",
    model=Match,
    due=matches_due,
    erase=lambda match: match_anonymise(match=match).files_deleted,
    order=20,
)
