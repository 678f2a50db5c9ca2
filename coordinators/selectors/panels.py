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
    Count,
    F,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from coalition.people.models import Role
from coalition.workdays import working_days_between
from coordinators.selectors.scope import mine_or_nobodys, referrals_received, referrals_sent
from families.models import (
    OPEN_REQUEST_STATUSES,
    ProgrammeReferral,
    ProgrammeReferralStatus,
    RequestStatus,
    SupportRequest,
)
from matching.case import matches_waiting_for_decision
from matching.models import OPEN_MATCH_STATUSES, FollowUp, Match, MatchStatus

# How many rows each panel of the dashboard shows; the lists have the rest.
PANEL_LIMIT = 20
TRIAL_ENDING_DAYS = 14
REFERRAL_ANSWERS_DAYS = 30

# The columns the dashboard panels show: wide text fields (and special-category
# data) are never loaded for a list.
REQUEST_ROW = (
    "reference_code",
    "status",
    "created_at",
    "status_changed_at",
    "waiting_since",
    "programme__name",
    "family__pc4",
    "family__wijk__name",
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


class Panel(list):
    """A panel's first PANEL_LIMIT rows, and how many there are in all (for "all N")."""

    total: int = 0


def _against_promise(requests: QuerySet[SupportRequest], today: dt.date) -> Panel:
    """The first rows with the working days waited against the promise; the total
    comes with them from the same query (a window count over the whole selection)."""
    rows = Panel()
    for request in requests.annotate(panel_total=Window(Count("pk")))[:PANEL_LIMIT]:
        days = working_days_between(local_day(request.created_at), today)
        rows.append(Waiting(request, days, promise_level(days)))
        rows.total = request.panel_total
    return rows


def new_requests(*, user) -> QuerySet[SupportRequest]:
    """Requests waiting for a first call, oldest first (the intake queue's included)."""
    return _request_rows(user).filter(status=RequestStatus.NEW).order_by("created_at")


def new_requests_panel(*, user, today: dt.date, mine: bool = False) -> Panel:
    """New requests of a programme, with the working days waited against the promise."""
    rows = new_requests(user=user).filter(programme__isnull=False)
    return _against_promise(mine_or_nobodys(rows, user, field="owner") if mine else rows, today)


def shows_intake_queue(user) -> bool:
    return user.role in (Role.INTAKE_COORDINATOR, Role.COALITION_ADMIN)


# Who waits for a first call, then to be placed, then intakes planned (on the agenda).
INTAKE_QUEUE_ORDER = (RequestStatus.NEW, RequestStatus.INTAKE_DONE, RequestStatus.INTAKE_PLANNED)


def _intake_queue_order() -> list:
    return [
        Case(
            *(When(status=status, then=Value(i)) for i, status in enumerate(INTAKE_QUEUE_ORDER)),
            default=Value(len(INTAKE_QUEUE_ORDER)),
        ),
        F("created_at"),
        F("pk"),
    ]


def in_intake_queue(requests: QuerySet[SupportRequest]) -> QuerySet[SupportRequest]:
    """Open requests of no programme yet (the "help me choose" ones), until the
    intake has placed them: those waiting for a first call first, oldest first.
    The dashboard panel and its "all" list share this rule."""
    return requests.filter(programme__isnull=True, status__in=INTAKE_QUEUE_ORDER).order_by(
        *_intake_queue_order()
    )


def intake_queue_panels(*, user, today: dt.date, mine: bool = False) -> tuple[Panel, Panel]:
    """The parents who asked to be called back ("Bel mij terug"), and the rest of the
    intake queue: two panels from one query, each with its own first PANEL_LIMIT rows
    and its own total, so many call-backs never hide the queue (nor the other way)."""
    if not shows_intake_queue(user):
        return Panel(), Panel()
    queue = _request_rows(user).only(*REQUEST_ROW, "call_back", "family__contact_times")
    queue = mine_or_nobodys(queue, user, field="owner") if mine else queue
    rows = in_intake_queue(queue).annotate(
        place=Window(RowNumber(), partition_by=[F("call_back")], order_by=_intake_queue_order()),
        panel_total=Window(Count("pk"), partition_by=[F("call_back")]),
    )
    call_backs, rest = Panel(), Panel()
    for request in rows.filter(place__lte=PANEL_LIMIT):
        panel = call_backs if request.call_back else rest
        days = working_days_between(local_day(request.created_at), today)
        panel.append(Waiting(request, days, promise_level(days)))
        panel.total = request.panel_total
    return call_backs, rest


def families_waiting_panel(*, user, today: dt.date, mine: bool = False) -> list[Waiting]:
    """Longest waiting first, counted from the day a family first waited: a family
    whose match ended keeps its place."""
    waiting = _request_rows(user).filter(status=RequestStatus.WAITING_FOR_MATCH)
    waiting = mine_or_nobodys(waiting, user, field="owner") if mine else waiting
    rows = waiting.order_by(Coalesce("waiting_since", "status_changed_at"), "pk")
    return [
        Waiting(r, (today - local_day(r.waiting_since or r.status_changed_at)).days)
        for r in rows[:PANEL_LIMIT]
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


def volunteer_stopped_panel(*, user) -> list[Match]:
    """Open matches whose volunteer paused or stopped: the coordinator decides."""
    return list(
        matches_waiting_for_decision(Match.objects.visible_to(user))
        .select_related("request", "volunteer", "programme")
        .only(*MATCH_ROW, "volunteer__status")
        .order_by("volunteer__status_changed_at", "pk")[:PANEL_LIMIT]
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


# --- Referrals between programmes ------------------------------------------------


def _referral_rows() -> QuerySet[ProgrammeReferral]:
    return ProgrammeReferral.objects.select_related(
        "request", "from_programme", "to_programme"
    ).only(
        "status",
        "created_at",
        "decided_at",
        "decision_note",
        "answer_due_on",
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
