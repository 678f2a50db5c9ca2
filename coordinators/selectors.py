"""Reads for the coordinator pages: every query is scoped with `visible_to` and
loads what its template shows in a fixed number of queries, however many rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from coordinators.models import Notification, Programme, Role, ScreeningKind
from families.models import (
    ProgrammeReferral,
    ProgrammeReferralStatus,
    RequestStatus,
    SupportRequest,
)
from families.querysets import coordinator_programmes
from matching.models import OPEN_MATCH_STATUSES, ContactNote, FollowUp, Match, MatchStatus
from volunteers.models import ScreeningStep, Volunteer, VolunteerStatus
from volunteers.selectors import screening_missing

# How many rows each panel of the dashboard shows; the lists have the rest.
PANEL_LIMIT = 20
VOG_WARNING_DAYS = 60
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


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days (Mon-Fri) after `start` up to and including `end`.

    A request received on a Monday has waited 5 working days on the next Monday.
    """
    if end <= start:
        return 0
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


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


# --- Scope helpers ---------------------------------------------------------


def programme_ids_of(user) -> set[int]:
    """The programmes a coordinator works for (empty for everyone else)."""
    if not user.is_authenticated or user.role not in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
        return set()
    return set(Programme.objects.filter(coordinators__user=user).values_list("pk", flat=True))


def coordinates(user, programme_id: int | None, *, my_programmes: set[int]) -> bool:
    """True when `user` coordinates this programme; the intake queue (None) is
    the intake coordinators'. Special-category data is shown only then."""
    if programme_id is None:
        return user.role == Role.INTAKE_COORDINATOR
    return programme_id in my_programmes


def visible_programmes(user) -> QuerySet[Programme]:
    """Programmes a user may choose in filters and reports."""
    if user.role == Role.COALITION_ADMIN:
        return Programme.objects.filter(is_active=True)
    return Programme.objects.filter(coordinators__user=user, is_active=True)


def notes_for(user) -> QuerySet[ContactNote]:
    """Contact notes the user may read. Confidential notes only for the coordinators
    of the programme concerned (and the author)."""
    notes = ContactNote.objects.visible_to(user)
    mine = coordinator_programmes(user)
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

    end_of_week = today + dt.timedelta(days=6 - today.weekday())
    followups = list(
        FollowUp.objects.visible_to(user)
        .pending()
        .filter(due_on__lte=end_of_week, match__status__in=list(OPEN_MATCH_STATUSES))
        .select_related("match__request", "match__volunteer", "match__programme")
        .only("kind", "due_on", "match_id", *(f"match__{f}" for f in MATCH_ROW))
        .order_by("due_on")[: PANEL_LIMIT * 2]
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
        volunteers.filter(status=VolunteerStatus.SCREENING)
        .prefetch_related("screening", "household_members", "programmes")
        .order_by("status_changed_at")[:PANEL_LIMIT]
    )
    labels = dict(ScreeningKind.choices)
    for volunteer in in_screening:
        missing = {
            kind
            for programme in volunteer.programmes.all()
            for kind in screening_missing(volunteer=volunteer, programme=programme, on=today)
        }
        if missing:
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
            expires_on__lte=today + dt.timedelta(days=VOG_WARNING_DAYS),
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
    idle_since = now - dt.timedelta(days=IDLE_VOLUNTEER_DAYS)
    volunteer_matches = Match.objects.filter(volunteer=OuterRef("pk"))
    idle = (
        volunteers.filter(
            status__in=[VolunteerStatus.APPROVED, VolunteerStatus.ACTIVE],
            status_changed_at__lte=idle_since,
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
        mine = coordinator_programmes(user)
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


# --- A request ---------------------------------------------------------------


def request_for_page(*, user, pk: int) -> QuerySet[SupportRequest]:
    """The request page's queryset (the view wraps it in get_object_or_404)."""
    return (
        SupportRequest.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("programme", "family__wijk", "referral__organisation")
        .prefetch_related(
            "children",
            "family__parents",
            Prefetch(
                "family__consents",
                to_attr="consent_list",
            ),
        )
    )


@dataclass
class TimelineEntry:
    at: dt.datetime
    kind: str  # status | note | email | match | referral
    title: str
    text: str = ""
    by: Any = None
    confidential: bool = False
    link: str = ""


def request_timeline(*, user, request: SupportRequest) -> list[TimelineEntry]:
    """Everything that happened to a request, newest first: status changes, notes,
    emails, matches and referrals. One query per source."""
    entries: list[TimelineEntry] = []
    for change in request.status_changes.select_related("changed_by"):
        entries.append(
            TimelineEntry(
                at=change.changed_at,
                kind="status",
                title=change.get_to_status_display(),
                text=change.reason,
                by=change.changed_by,
            )
        )
    for note in notes_for(user).filter(family_id=request.family_id):
        entries.append(
            TimelineEntry(
                at=note.created_at,
                kind="note",
                title=note.get_kind_display(),
                text=note.text,
                by=note.author,
                confidential=note.confidential,
            )
        )
    notifications = Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(SupportRequest), target_id=request.pk
    ).select_related("recipient_user")
    for notification in notifications:
        entries.append(
            TimelineEntry(
                at=notification.sent_at or notification.due_at,
                kind="email",
                title=notification.kind,
                text=notification.get_status_display(),
                by=notification.recipient_user or notification.recipient_email,
            )
        )
    for referral in request.programme_referrals.select_related(
        "from_programme", "to_programme", "created_by"
    ):
        entries.append(
            TimelineEntry(
                at=referral.created_at,
                kind="referral",
                title=f"{referral.from_programme} → {referral.to_programme}",
                text=f"{referral.reason}\n{referral.get_status_display()}"
                + (f": {referral.decision_note}" if referral.decision_note else ""),
                by=referral.created_by,
            )
        )
    return sorted(entries, key=lambda e: e.at, reverse=True)


def matches_of_request(*, user, request: SupportRequest) -> list[Match]:
    return list(
        Match.objects.visible_to(user)
        .filter(request=request)
        .select_related("volunteer", "programme")
        .order_by("-proposed_at")
    )


def volunteers_to_propose(*, user, request: SupportRequest) -> QuerySet[Volunteer]:
    """Available volunteers of the request's programme, for a quick proposal when
    the matching engine's shortlist is not used."""
    if request.programme_id is None:
        return Volunteer.objects.none()
    return (
        Volunteer.objects.visible_to(user)
        .filter(
            programmes=request.programme_id,
            status__in=[VolunteerStatus.APPROVED, VolunteerStatus.ACTIVE],
        )
        .order_by("last_name", "first_name")
    )


# --- A match -----------------------------------------------------------------


def match_for_page(*, user, pk: int) -> QuerySet[Match]:
    return (
        Match.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("request__family__wijk", "volunteer__wijk", "programme", "coordinator")
        .prefetch_related(
            Prefetch("status_changes", to_attr="history"),
            Prefetch("followups", queryset=FollowUp.objects.order_by("due_on"), to_attr="plan"),
        )
    )


# --- Volunteers --------------------------------------------------------------

PIPELINE_STATUSES = (
    VolunteerStatus.APPLIED,
    VolunteerStatus.SCREENING,
    VolunteerStatus.APPROVED,
    VolunteerStatus.ACTIVE,
    VolunteerStatus.PAUSED,
)
PIPELINE_LIMIT = 30


def volunteer_pipeline(*, user) -> list[dict]:
    """Volunteers per status column, with the count of each column."""
    volunteers = Volunteer.objects.visible_to(user)
    counts = dict(
        volunteers.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    labels = dict(VolunteerStatus.choices)
    columns = []
    for status in PIPELINE_STATUSES:
        rows = list(
            volunteers.filter(status=status)
            .select_related("wijk")
            .order_by("status_changed_at")[:PIPELINE_LIMIT]
        )
        columns.append(
            {
                "status": status,
                "label": labels[status],
                "count": counts.get(status, 0),
                "volunteers": rows,
            }
        )
    return columns


def volunteer_for_page(*, user, pk: int) -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("wijk", "user")
        .prefetch_related(
            "programmes",
            "household_members",
            "screening",
            Prefetch("status_changes", to_attr="history"),
        )
    )


def volunteer_matches(*, user, volunteer: Volunteer) -> list[Match]:
    return list(
        Match.objects.visible_to(user)
        .filter(volunteer=volunteer)
        .select_related("request", "programme")
        .order_by("-proposed_at")
    )


def screening_checklist(*, volunteer: Volunteer, today: dt.date) -> list[dict]:
    """One row per screening step any of the volunteer's programmes requires.
    Uses the prefetched programmes, screening and household members."""
    required: list[str] = []
    for programme in volunteer.programmes.all():
        for kind in programme.required_screening:
            if kind not in required:
                required.append(kind)
    labels = dict(ScreeningKind.choices)
    steps = [s for s in volunteer.screening.all() if s.household_member_id is None]
    rows = []
    for kind in ScreeningKind.values:
        if kind == ScreeningKind.HOUSEHOLD_VOG:
            continue
        step = next((s for s in steps if s.kind == kind), None)
        rows.append(
            {
                "kind": kind,
                "label": labels[kind],
                "required": kind in required,
                "step": step,
                "valid": bool(step and step.is_valid_on(today)),
                "is_vog": kind == ScreeningKind.VOG,
                "expiring": bool(
                    step
                    and step.expires_on
                    and not step.exempt
                    and step.expires_on <= today + dt.timedelta(days=VOG_WARNING_DAYS)
                ),
            }
        )
    return rows
