"""The panels of today's work, one selector each: what the panel holds for this user,
in one query, with the columns its template shows. The Monday digest reuses the
rules (which requests are new, which follow-ups are due, which VOGs expire, which
proposals wait) through the querysets below."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from coalition.people.models import Role
from coalition.programmes.models import VOG_NOTICE_DAYS, ScreeningKind
from coalition.workdays import working_days_between
from coordinators.selectors.scope import mine_or_nobodys, referrals_received, referrals_sent
from families.models import (
    OPEN_REQUEST_STATUSES,
    ProgrammeReferral,
    ProgrammeReferralStatus,
    RequestStatus,
    SupportRequest,
)
from matching.models import OPEN_MATCH_STATUSES, FollowUp, Match, MatchStatus
from volunteers.models import ScreeningStep, Volunteer, VolunteerStatus
from volunteers.selectors import screening_incomplete, screening_missing

# How many rows each panel of the dashboard shows; the lists have the rest.
PANEL_LIMIT = 20
IDLE_VOLUNTEER_DAYS = 30
TRIAL_ENDING_DAYS = 14
REFERRAL_ANSWERS_DAYS = 30

# Volunteers whose VOG still matters: those in screening or available for a match.
VOG_RELEVANT_STATUSES = (
    VolunteerStatus.SCREENING,
    VolunteerStatus.APPROVED,
    VolunteerStatus.ACTIVE,
    VolunteerStatus.PAUSED,
)

# The columns the dashboard panels show: wide text fields (and special-category
# data) are never loaded for a list.
REQUEST_ROW = (
    "reference_code",
    "status",
    "created_at",
    "status_changed_at",
    "programme__name",
    "family__pc4",
    "family__wijk__name",
)
VOLUNTEER_ROW = (
    "first_name",
    "last_name",
    "pc4",
    "status",
    "status_changed_at",
    "applied_at",
    "wijk__name",
)
MATCH_ROW = (
    "status",
    "trial_ends_on",
    "request__reference_code",
    "volunteer__first_name",
    "volunteer__last_name",
    "programme__name",
)


# --- Time ------------------------------------------------------------------


def promise_level(working_days: int) -> str:
    """'ok', 'soon' (the last two days of the promise) or 'late' (promise broken)."""
    promise = settings.INTAKE_PROMISE_WORKING_DAYS
    if working_days >= promise:
        return "late"
    if working_days >= promise - 2:
        return "soon"
    return "ok"


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def start_of_local_day(day: dt.date) -> dt.datetime:
    """Midnight in Amsterdam: "changed on or before day X" is "changed before the
    start of day X + 1", whatever the clocks did in between (summer time)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass
class Waiting:
    """A row with how long it has waited, for the template."""

    obj: Any
    days: int
    level: str = "ok"
    extra: Any = None


# --- Requests ----------------------------------------------------------------


def _request_rows(user) -> QuerySet[SupportRequest]:
    return (
        SupportRequest.objects.visible_to(user)
        .select_related("programme", "family__wijk")
        .only(*REQUEST_ROW)
    )


def _against_promise(requests: QuerySet[SupportRequest], today: dt.date) -> list[Waiting]:
    rows = []
    for request in requests[:PANEL_LIMIT]:
        days = working_days_between(local_day(request.created_at), today)
        rows.append(Waiting(request, days, promise_level(days)))
    return rows


def new_requests(*, user) -> QuerySet[SupportRequest]:
    """Requests waiting for a first call, oldest first (the intake queue's included)."""
    return _request_rows(user).filter(status=RequestStatus.NEW).order_by("created_at")


def new_requests_panel(*, user, today: dt.date, mine: bool = False) -> list[Waiting]:
    """New requests of a programme, with the working days waited against the promise."""
    rows = new_requests(user=user).filter(programme__isnull=False)
    return _against_promise(mine_or_nobodys(rows, user, field="owner") if mine else rows, today)


def shows_intake_queue(user) -> bool:
    return user.role in (Role.INTAKE_COORDINATOR, Role.COALITION_ADMIN)


def intake_queue_panel(*, user, today: dt.date, mine: bool = False) -> list[Waiting]:
    """Requests of no programme yet, until the intake has placed them."""
    if not shows_intake_queue(user):
        return []
    queue = _request_rows(user).filter(
        programme__isnull=True,
        status__in=[RequestStatus.NEW, RequestStatus.INTAKE_PLANNED, RequestStatus.INTAKE_DONE],
    )
    queue = mine_or_nobodys(queue, user, field="owner") if mine else queue
    return _against_promise(queue.order_by("created_at"), today)


def families_waiting_panel(*, user, today: dt.date, mine: bool = False) -> list[Waiting]:
    waiting = _request_rows(user).filter(status=RequestStatus.WAITING_FOR_MATCH)
    waiting = mine_or_nobodys(waiting, user, field="owner") if mine else waiting
    return [
        Waiting(r, (today - local_day(r.status_changed_at)).days)
        for r in waiting.order_by("status_changed_at")[:PANEL_LIMIT]
    ]


# --- Matches -------------------------------------------------------------------


def followups_due(*, user, until: dt.date) -> QuerySet[FollowUp]:
    """Pending follow-ups of open matches due on or before `until` (overdue ones
    included), soonest first."""
    return (
        FollowUp.objects.visible_to(user)
        .pending()
        .filter(due_on__lte=until, match__status__in=list(OPEN_MATCH_STATUSES))
        .select_related("match__request", "match__volunteer", "match__programme")
        .only("kind", "due_on", "match_id", *(f"match__{f}" for f in MATCH_ROW))
        .order_by("due_on", "pk")
    )


def followups_panels(
    *, user, today: dt.date, mine: bool = False
) -> tuple[list[FollowUp], list[FollowUp]]:
    """The overdue follow-ups and those due later this week.

    Two panels from one query: each gets its own PANEL_LIMIT rows, numbered per panel,
    so many overdue ones never hide this week's."""
    end_of_week = today + dt.timedelta(days=6 - today.weekday())
    overdue = Case(
        When(due_on__lt=today, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    due = followups_due(user=user, until=end_of_week)
    due = mine_or_nobodys(due, user, field="match__coordinator") if mine else due
    followups = list(
        due.annotate(
            place=Window(RowNumber(), partition_by=[overdue], order_by=[F("due_on"), F("pk")])
        ).filter(place__lte=PANEL_LIMIT)
    )
    return (
        [f for f in followups if f.due_on < today],
        [f for f in followups if f.due_on >= today],
    )


def trials_ending_panel(*, user, today: dt.date, mine: bool = False) -> list[Match]:
    matches = Match.objects.visible_to(user)
    matches = mine_or_nobodys(matches, user, field="coordinator") if mine else matches
    return list(
        matches.filter(
            status=MatchStatus.TRIAL,
            trial_ends_on__lte=today + dt.timedelta(days=TRIAL_ENDING_DAYS),
        )
        .select_related("request", "volunteer", "programme")
        .only(*MATCH_ROW)
        .order_by("trial_ends_on")[:PANEL_LIMIT]
    )


def open_match_count(*, user, mine: bool = False) -> int:
    matches = Match.objects.visible_to(user).open()
    return (mine_or_nobodys(matches, user, field="coordinator") if mine else matches).count()


def proposals_waiting(*, user) -> QuerySet[Match]:
    """Proposed matches waiting for review, oldest proposal first."""
    return (
        Match.objects.visible_to(user)
        .filter(status=MatchStatus.PROPOSED)
        .select_related("request")
        .order_by("proposed_at")
    )


# --- Volunteers ----------------------------------------------------------------


def applicants_panel(*, user, today: dt.date) -> list[Waiting]:
    applicants = (
        Volunteer.objects.visible_to(user)
        .filter(status=VolunteerStatus.APPLIED)
        .select_related("wijk")
        .only(*VOLUNTEER_ROW)
        .order_by("applied_at")[:PANEL_LIMIT]
    )
    return [Waiting(v, (today - local_day(v.applied_at)).days) for v in applicants]


def screening_incomplete_panel(*, user, today: dt.date) -> list[Waiting]:
    """Volunteers in screening with a step missing, and which steps."""
    in_screening = (
        Volunteer.objects.visible_to(user)
        .filter(screening_incomplete(on=today), status=VolunteerStatus.SCREENING)
        .prefetch_related("screening", "household_members", "programmes")
        .order_by("status_changed_at", "pk")[:PANEL_LIMIT]
    )
    labels = dict(ScreeningKind.choices)
    rows = []
    # The query already keeps only volunteers with a step missing; this names the steps.
    for volunteer in in_screening:
        missing = {
            kind
            for programme in volunteer.programmes.all()
            for kind in screening_missing(volunteer=volunteer, programme=programme, on=today)
        }
        rows.append(
            Waiting(
                volunteer,
                (today - local_day(volunteer.status_changed_at)).days,
                extra=sorted(str(labels[k]) for k in missing),
            )
        )
    return rows


def vogs_expiring(*, user, until: dt.date, since: dt.date | None = None) -> QuerySet[ScreeningStep]:
    """VOGs (the volunteer's or a household member's) that expire by `until`, of
    volunteers for whom they still matter; from `since` on, or expired ones too."""
    steps = ScreeningStep.objects.filter(
        volunteer__in=Volunteer.objects.visible_to(user)
        .filter(status__in=VOG_RELEVANT_STATUSES)
        .values("pk"),
        kind__in=[ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG],
        exempt=False,
        expires_on__lte=until,
    )
    if since is not None:
        steps = steps.filter(expires_on__gte=since)
    return (
        steps.select_related("volunteer", "household_member")
        .only(
            "expires_on",
            "volunteer__first_name",
            "volunteer__last_name",
            "household_member__first_name",
        )
        .order_by("expires_on")
    )


def vogs_expiring_panel(*, user, today: dt.date) -> list[ScreeningStep]:
    until = today + dt.timedelta(days=VOG_NOTICE_DAYS)
    return list(vogs_expiring(user=user, until=until)[:PANEL_LIMIT])


def idle_volunteers_panel(*, user, today: dt.date) -> list[Waiting]:
    """Volunteers free for IDLE_VOLUNTEER_DAYS days or more, counted in Amsterdam days
    like the days the panel shows (not in 24-hour periods since now)."""
    free_before = start_of_local_day(today - dt.timedelta(days=IDLE_VOLUNTEER_DAYS - 1))
    volunteer_matches = Match.objects.filter(volunteer=OuterRef("pk"))
    idle = (
        Volunteer.objects.visible_to(user)
        .filter(
            status__in=[VolunteerStatus.APPROVED, VolunteerStatus.ACTIVE],
            status_changed_at__lt=free_before,
        )
        .exclude(Exists(volunteer_matches.filter(status__in=list(OPEN_MATCH_STATUSES))))
        .exclude(
            Exists(volunteer_matches.filter(ended_on__gt=today - dt.timedelta(IDLE_VOLUNTEER_DAYS)))
        )
        .annotate(
            last_ended=Subquery(
                volunteer_matches.filter(ended_on__isnull=False)
                .order_by("-ended_on")
                .values("ended_on")[:1]
            )
        )
        .select_related("wijk")
        .only(*VOLUNTEER_ROW)
        .order_by("status_changed_at")[:PANEL_LIMIT]
    )
    rows = []
    for volunteer in idle:
        free_since = max(
            local_day(volunteer.status_changed_at), volunteer.last_ended or dt.date.min
        )
        rows.append(Waiting(volunteer, (today - free_since).days))
    return rows


# --- Referrals between programmes ------------------------------------------------


def _referral_rows() -> QuerySet[ProgrammeReferral]:
    return ProgrammeReferral.objects.select_related(
        "request", "from_programme", "to_programme"
    ).only(
        "status",
        "created_at",
        "decided_at",
        "decision_note",
        "request__reference_code",
        "from_programme__name",
        "to_programme__name",
    )


def referrals_to_answer_panel(*, user) -> list[ProgrammeReferral]:
    # A request its sender closed while on offer has nothing left to answer.
    pending = referrals_received(user, _referral_rows()).filter(
        status=ProgrammeReferralStatus.PENDING, request__status__in=OPEN_REQUEST_STATUSES
    )
    return list(pending.order_by("created_at")[:PANEL_LIMIT])


def referrals_answered_panel(*, user, now: dt.datetime) -> list[ProgrammeReferral]:
    """Answers to the user's referrals of the last REFERRAL_ANSWERS_DAYS days."""
    answered = (
        referrals_sent(user, _referral_rows())
        .exclude(status=ProgrammeReferralStatus.PENDING)
        # A declined one still to handle has its own panel (`referrals_declined_panel`).
        .exclude(status=ProgrammeReferralStatus.DECLINED, sender_handled_at__isnull=True)
        .filter(decided_at__gte=now - dt.timedelta(days=REFERRAL_ANSWERS_DAYS))
    )
    return list(answered.order_by("-decided_at")[:PANEL_LIMIT])
