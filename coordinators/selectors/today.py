"""Today's work: the dashboard panels, one query per panel, with days waiting
against the intake promise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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
from coalition.programmes.models import VOG_NOTICE_DAYS, Programme, ScreeningKind
from coalition.workdays import working_days_between
from families.models import (
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


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _start_of_local_day(day: dt.date) -> dt.datetime:
    """Midnight in Amsterdam: "changed on or before day X" is "changed before the
    start of day X + 1", whatever the clocks did in between (summer time)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# --- Today's work ------------------------------------------------------------


@dataclass
class Waiting:
    """A row with how long it has waited, for the template."""

    obj: Any
    days: int
    level: str = "ok"
    extra: Any = None


@dataclass
class Overview:
    new_requests: list[Waiting] = field(default_factory=list)
    intake_queue: list[Waiting] = field(default_factory=list)
    shows_intake_queue: bool = False
    followups_overdue: list[FollowUp] = field(default_factory=list)
    followups_this_week: list[FollowUp] = field(default_factory=list)
    trials_ending: list[Match] = field(default_factory=list)
    applicants: list[Waiting] = field(default_factory=list)
    screening_incomplete: list[Waiting] = field(default_factory=list)
    vogs_expiring: list[ScreeningStep] = field(default_factory=list)
    idle_volunteers: list[Waiting] = field(default_factory=list)
    families_waiting: list[Waiting] = field(default_factory=list)
    referrals_to_answer: list[ProgrammeReferral] = field(default_factory=list)
    referrals_answered: list[ProgrammeReferral] = field(default_factory=list)
    open_matches: int = 0
    today: dt.date | None = None
    promise: int = 5
    limit: int = PANEL_LIMIT


def _new_request_rows(requests: QuerySet[SupportRequest], today: dt.date) -> list[Waiting]:
    rows = []
    for request in requests[:PANEL_LIMIT]:
        days = working_days_between(_local_day(request.created_at), today)
        rows.append(Waiting(request, days, promise_level(days)))
    return rows


def dashboard_overview(*, user, today: dt.date | None = None) -> Overview:
    """What needs the coordinator today, within their scope: one query per panel."""
    today = today or timezone.localdate()
    now = timezone.now()
    overview = Overview(today=today, promise=settings.INTAKE_PROMISE_WORKING_DAYS)
    requests = (
        SupportRequest.objects.visible_to(user)
        .select_related("programme", "family__wijk")
        .only(*REQUEST_ROW)
    )

    overview.new_requests = _new_request_rows(
        requests.filter(status=RequestStatus.NEW, programme__isnull=False).order_by("created_at"),
        today,
    )
    overview.shows_intake_queue = user.role in (Role.INTAKE_COORDINATOR, Role.COALITION_ADMIN)
    if overview.shows_intake_queue:
        overview.intake_queue = _new_request_rows(
            requests.filter(
                programme__isnull=True,
                status__in=[
                    RequestStatus.NEW,
                    RequestStatus.INTAKE_PLANNED,
                    RequestStatus.INTAKE_DONE,
                ],
            ).order_by("created_at"),
            today,
        )

    # Overdue and due this week are two panels: each gets its own PANEL_LIMIT rows,
    # numbered per panel in the same query, so many overdue ones never hide this week's.
    end_of_week = today + dt.timedelta(days=6 - today.weekday())
    overdue = Case(
        When(due_on__lt=today, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    followups = list(
        FollowUp.objects.visible_to(user)
        .pending()
        .filter(due_on__lte=end_of_week, match__status__in=list(OPEN_MATCH_STATUSES))
        .annotate(
            place=Window(RowNumber(), partition_by=[overdue], order_by=[F("due_on"), F("pk")])
        )
        .filter(place__lte=PANEL_LIMIT)
        .select_related("match__request", "match__volunteer", "match__programme")
        .only("kind", "due_on", "match_id", *(f"match__{f}" for f in MATCH_ROW))
        .order_by("due_on", "pk")
    )
    overview.followups_overdue = [f for f in followups if f.due_on < today]
    overview.followups_this_week = [f for f in followups if f.due_on >= today]

    matches = Match.objects.visible_to(user)
    overview.trials_ending = list(
        matches.filter(
            status=MatchStatus.TRIAL,
            trial_ends_on__lte=today + dt.timedelta(days=TRIAL_ENDING_DAYS),
        )
        .select_related("request", "volunteer", "programme")
        .only(*MATCH_ROW)
        .order_by("trial_ends_on")[:PANEL_LIMIT]
    )
    overview.open_matches = matches.open().count()

    volunteers = Volunteer.objects.visible_to(user)
    overview.applicants = [
        Waiting(v, (today - _local_day(v.applied_at)).days)
        for v in volunteers.filter(status=VolunteerStatus.APPLIED)
        .select_related("wijk")
        .only(*VOLUNTEER_ROW)
        .order_by("applied_at")[:PANEL_LIMIT]
    ]
    in_screening = (
        volunteers.filter(screening_incomplete(on=today), status=VolunteerStatus.SCREENING)
        .prefetch_related("screening", "household_members", "programmes")
        .order_by("status_changed_at", "pk")[:PANEL_LIMIT]
    )
    labels = dict(ScreeningKind.choices)
    # The query already keeps only volunteers with a step missing; this names the steps.
    for volunteer in in_screening:
        missing = {
            kind
            for programme in volunteer.programmes.all()
            for kind in screening_missing(volunteer=volunteer, programme=programme, on=today)
        }
        overview.screening_incomplete.append(
            Waiting(
                volunteer,
                (today - _local_day(volunteer.status_changed_at)).days,
                extra=sorted(str(labels[k]) for k in missing),
            )
        )
    overview.vogs_expiring = list(
        ScreeningStep.objects.filter(
            volunteer__in=volunteers.filter(
                status__in=[
                    VolunteerStatus.SCREENING,
                    VolunteerStatus.APPROVED,
                    VolunteerStatus.ACTIVE,
                    VolunteerStatus.PAUSED,
                ]
            ).values("pk"),
            kind__in=[ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG],
            exempt=False,
            expires_on__lte=today + dt.timedelta(days=VOG_NOTICE_DAYS),
        )
        .select_related("volunteer", "household_member")
        .only(
            "expires_on",
            "volunteer__first_name",
            "volunteer__last_name",
            "household_member__first_name",
        )
        .order_by("expires_on")[:PANEL_LIMIT]
    )
    # Idle: free for IDLE_VOLUNTEER_DAYS days or more, counted in Amsterdam days like
    # the days the panel shows (not in 24-hour periods since now).
    free_before = _start_of_local_day(today - dt.timedelta(days=IDLE_VOLUNTEER_DAYS - 1))
    volunteer_matches = Match.objects.filter(volunteer=OuterRef("pk"))
    idle = (
        volunteers.filter(
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
    for volunteer in idle:
        free_since = max(
            _local_day(volunteer.status_changed_at), volunteer.last_ended or dt.date.min
        )
        overview.idle_volunteers.append(Waiting(volunteer, (today - free_since).days))
    overview.families_waiting = [
        Waiting(r, (today - _local_day(r.status_changed_at)).days)
        for r in requests.filter(status=RequestStatus.WAITING_FOR_MATCH).order_by(
            "status_changed_at"
        )[:PANEL_LIMIT]
    ]
    referrals = ProgrammeReferral.objects.select_related(
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
    if user.role != Role.COALITION_ADMIN:
        mine = Programme.objects.coordinated_by(user).values("pk")
        to_me = referrals.filter(to_programme__in=mine)
        from_me = referrals.filter(from_programme__in=mine)
    else:
        to_me = from_me = referrals
    overview.referrals_to_answer = list(
        to_me.filter(status=ProgrammeReferralStatus.PENDING).order_by("created_at")[:PANEL_LIMIT]
    )
    overview.referrals_answered = list(
        from_me.exclude(status=ProgrammeReferralStatus.PENDING)
        .filter(decided_at__gte=now - dt.timedelta(days=30))
        .order_by("-decided_at")[:PANEL_LIMIT]
    )
    return overview
