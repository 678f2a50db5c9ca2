"""Builders for the case lifecycle tests: a family on the waiting list, walked
through the real services to an active match."""

from __future__ import annotations

from families.models import Parent, RequestStatus, SupportRequest
from families.services import request_change_status
from matching.models import Match, MatchStatus
from matching.services import match_activate, match_advance, match_propose
from tests.factories import ParentFactory, ReferralFactory, SupportRequestFactory, VolunteerFactory

STAGES = (
    MatchStatus.VOLUNTEER_AGREED,
    MatchStatus.FAMILY_AGREED,
    MatchStatus.INTRODUCTION,
    MatchStatus.TRIAL,
)


def waiting_family(*, organisation=None, language: str = "nl") -> SupportRequest:
    """A request that went through intake and waits (a partner's referral when
    `organisation` is given), with a parent who gave an email address."""
    if organisation is not None:
        request = ReferralFactory(organisation=organisation).request
    else:
        request = SupportRequestFactory()
    request.language = language
    request.save(update_fields=["language"])
    ParentFactory(family=request.family, first_name="Fatma", is_primary_contact=True)
    request_change_status(request=request, to_status=RequestStatus.INTAKE_DONE)
    request_change_status(request=request, to_status=RequestStatus.WAITING_FOR_MATCH)
    request.refresh_from_db()
    return request


def match_to(request: SupportRequest, by, *, volunteer=None, until: str = MatchStatus.ACTIVE):
    """Propose a volunteer and walk the match to `until` (default active)."""
    match = match_propose(request=request, volunteer=volunteer or VolunteerFactory(), by=by)
    for stage in STAGES:
        if match.status == until:
            return match
        match = match_advance(match=match, to_status=stage, by=by)
    if until == MatchStatus.ACTIVE:
        match = match_activate(match=match, by=by)
    return Match.objects.get(pk=match.pk)


def parent_email(request: SupportRequest) -> str:
    return Parent.objects.get(family=request.family, is_primary_contact=True).email
