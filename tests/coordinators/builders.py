"""Data for the coordinator page tests: a realistic mix of every kind of row."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coalition.programmes.models import ScreeningKind
from families.models import ProgrammeReferral, RequestStatus
from matching.models import ContactNote, FollowUp, FollowUpKind, MatchStatus
from tests.factories import (
    MatchFactory,
    ParentFactory,
    ReferralFactory,
    SupportRequestFactory,
    VolunteerFactory,
)
from volunteers.models import ScreeningStep, VolunteerStatus


def build_caseload(programme, n: int, *, other_programme=None) -> None:
    """`n` rows of each kind the dashboard and lists show, in `programme`."""
    today = timezone.localdate()
    now = timezone.now()
    statuses = [
        RequestStatus.NEW,
        RequestStatus.INTAKE_PLANNED,
        RequestStatus.INTAKE_DONE,
        RequestStatus.WAITING_FOR_MATCH,
    ]
    for i in range(n):
        request = SupportRequestFactory(
            programme=programme,
            status=statuses[i % len(statuses)],
            created_at=now - dt.timedelta(days=i % 20),
            status_changed_at=now - dt.timedelta(days=i % 40),
        )
        ParentFactory(family=request.family)
        if request.status == RequestStatus.NEW:
            # A partner's referral past its answer deadline (the "not answered in time" panel).
            ReferralFactory(request=request, answer_due_on=today - dt.timedelta(days=1 + i % 5))
        ContactNote.objects.create(family=request.family, kind="phone", text=f"Gebeld {i}")
        SupportRequestFactory(programme=None, help_me_choose=True)
        volunteer = VolunteerFactory(
            programmes=[programme],
            status=[
                VolunteerStatus.APPLIED,
                VolunteerStatus.SCREENING,
                VolunteerStatus.APPROVED,
            ][i % 3],
            status_changed_at=now - dt.timedelta(days=45),
            screened=i % 3 == 2,
        )
        if i % 3 == 1:
            ScreeningStep.objects.create(
                volunteer=volunteer,
                kind=ScreeningKind.VOG,
                done_on=today - dt.timedelta(days=3 * 365 - 30),
                expires_on=today + dt.timedelta(days=30),
            )
        match_volunteer = VolunteerFactory(programmes=[programme], status=VolunteerStatus.ACTIVE)
        match = MatchFactory(
            request=SupportRequestFactory(programme=programme, status=RequestStatus.MATCHED),
            volunteer=match_volunteer,
            status=[MatchStatus.TRIAL, MatchStatus.ACTIVE, MatchStatus.PROPOSED][i % 3],
            trial_ends_on=today + dt.timedelta(days=5),
            started_on=today - dt.timedelta(days=60),
        )
        FollowUp.objects.create(
            match=match,
            kind=FollowUpKind.EVALUATION,
            due_on=today - dt.timedelta(days=i % 5),
        )
        ContactNote.objects.create(match=match, kind="visit", text="Bezoek", confidential=True)
        if other_programme is not None:
            ProgrammeReferral.objects.create(
                request=request,
                from_programme=programme,
                to_programme=other_programme,
                reason="Past beter",
            )
