"""Today's work: the dashboard's panels put together, one query per panel, with days
waiting against the intake promise; and the caseload the Monday digest sends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from coalition.programmes.models import VOG_NOTICE_DAYS
from coordinators.selectors import answers, health, panels, volunteer_panels
from coordinators.selectors.panels import (
    PANEL_LIMIT,
    TRIAL_ENDING_DAYS,
    Waiting,
    promise_level,
)
from coordinators.selectors.scope import referrals_sent
from coordinators.selectors.volunteer_panels import IDLE_VOLUNTEER_DAYS
from families.models import ProgrammeReferral, ProgrammeReferralStatus
from matching.models import FollowUp, Match
from volunteers.models import ScreeningStep

__all__ = [
    "IDLE_VOLUNTEER_DAYS",
    "PANEL_LIMIT",
    "TRIAL_ENDING_DAYS",
    "Overview",
    "Waiting",
    "dashboard_overview",
    "promise_level",
    "weekly_caseload",
]

# The Monday digest is an email: it lists fewer rows than the dashboard.
DIGEST_NEW_REQUESTS = 15
DIGEST_ROWS = 25
DIGEST_FOLLOWUP_DAYS = 7


@dataclass
class Overview:
    new_requests: list[Waiting] = field(default_factory=panels.Panel)
    intake_queue: list[Waiting] = field(default_factory=panels.Panel)
    call_backs: list[Waiting] = field(default_factory=panels.Panel)
    shows_intake_queue: bool = False
    followups_overdue: list[FollowUp] = field(default_factory=list)
    followups_this_week: list[FollowUp] = field(default_factory=list)
    trials_ending: list[Match] = field(default_factory=list)
    volunteer_stopped: list[Match] = field(default_factory=list)
    needing_attention: list = field(default_factory=panels.Panel)
    calls_requested: list = field(default_factory=list)
    applicants: list[Waiting] = field(default_factory=list)
    screening_incomplete: list[Waiting] = field(default_factory=list)
    vogs_expiring: list[ScreeningStep] = field(default_factory=list)
    idle_volunteers: list[Waiting] = field(default_factory=list)
    families_waiting: list[Waiting] = field(default_factory=list)
    referrals_to_answer: list[ProgrammeReferral] = field(default_factory=list)
    # Partners' referrals nobody accepted or declined by their due day.
    referrals_overdue: list = field(default_factory=panels.Panel)
    referrals_answered: list[ProgrammeReferral] = field(default_factory=list)
    referrals_declined: list[ProgrammeReferral] = field(default_factory=list)
    # Only the cases the user is responsible for (and those nobody is yet).
    mine: bool = False
    open_matches: int = 0
    today: dt.date | None = None
    promise: int = 5
    limit: int = PANEL_LIMIT


def dashboard_overview(*, user, today: dt.date | None = None, mine: bool = False) -> Overview:
    """What needs the coordinator today, within their scope: one query per panel.
    `mine` narrows the panels of requests and matches to the user's own cases
    (and the ones nobody holds yet); volunteers and referrals are the programme's."""
    today = today or timezone.localdate()
    overdue, this_week = panels.followups_panels(user=user, today=today, mine=mine)
    call_backs, intake_queue = panels.intake_queue_panels(user=user, today=today, mine=mine)
    return Overview(
        today=today,
        mine=mine,
        promise=settings.INTAKE_PROMISE_WORKING_DAYS,
        new_requests=panels.new_requests_panel(user=user, today=today, mine=mine),
        shows_intake_queue=panels.shows_intake_queue(user),
        intake_queue=intake_queue,
        call_backs=call_backs,
        followups_overdue=overdue,
        followups_this_week=this_week,
        trials_ending=panels.trials_ending_panel(user=user, today=today, mine=mine),
        volunteer_stopped=panels.volunteer_stopped_panel(user=user),
        needing_attention=health.attention_panel(user=user, today=today, mine=mine),
        calls_requested=health.calls_panel(user=user, mine=mine),
        open_matches=panels.open_match_count(user=user, mine=mine),
        applicants=volunteer_panels.applicants_panel(user=user, today=today),
        screening_incomplete=volunteer_panels.screening_incomplete_panel(user=user, today=today),
        vogs_expiring=volunteer_panels.vogs_expiring_panel(user=user, today=today),
        idle_volunteers=volunteer_panels.idle_volunteers_panel(user=user, today=today),
        families_waiting=panels.families_waiting_panel(user=user, today=today, mine=mine),
        referrals_to_answer=panels.referrals_to_answer_panel(user=user),
        referrals_overdue=answers.referrals_overdue_panel(user=user, today=today, mine=mine),
        referrals_answered=panels.referrals_answered_panel(user=user, now=timezone.now()),
        referrals_declined=referrals_declined_panel(user=user),
    )


def referrals_declined_panel(*, user) -> list[ProgrammeReferral]:
    """Referrals of the user's programmes that were declined and not yet handled:
    the sender's task, with the receiver's reason, oldest answer first."""
    declined = referrals_sent(
        user,
        ProgrammeReferral.objects.select_related("request", "to_programme", "decided_by"),
    ).filter(status=ProgrammeReferralStatus.DECLINED, sender_handled_at__isnull=True)
    return list(declined.order_by("decided_at", "pk")[:PANEL_LIMIT])


def weekly_caseload(user, *, today: dt.date) -> dict:
    """A coordinator's caseload for the Monday digest, from the dashboard's rules.

    Only reference codes, first names, dates and counts: this goes into an email.
    """
    new_requests = panels.new_requests(user=user)
    followups = panels.followups_due(
        user=user, until=today + dt.timedelta(days=DIGEST_FOLLOWUP_DAYS)
    )
    vogs = volunteer_panels.vogs_expiring(
        user=user, since=today, until=today + dt.timedelta(days=VOG_NOTICE_DAYS)
    )
    return {
        "new_requests": [
            {"reference_code": r.reference_code, "received_on": timezone.localdate(r.created_at)}
            for r in new_requests[:DIGEST_NEW_REQUESTS]
        ],
        "new_request_count": new_requests.count(),
        "followups": [
            {
                "kind": f.get_kind_display(),
                "reference_code": f.match.request.reference_code,
                "due_on": f.due_on,
                "overdue": f.due_on < today,
            }
            for f in followups[:DIGEST_ROWS]
        ],
        "vogs": [
            {"first_name": s.volunteer.first_name, "expires_on": s.expires_on}
            for s in vogs[:DIGEST_ROWS]
        ],
        "proposals": [
            {"reference_code": m.request.reference_code, "proposed_on": m.proposed_at.date()}
            for m in panels.proposals_waiting(user=user)[:DIGEST_ROWS]
        ],
    }
