"""Reads of support moments: a programme's kinds, a match's moments, the volunteer's
moments, a calendar month, and the days the early-warning rule reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from coalition.notifications.moments import local_zone
from coalition.programmes.models import Programme
from matching.moments.models import (
    DEFAULT_KINDS_BY_MODE,
    DEFAULT_TIMES,
    Moment,
    MomentKind,
    MomentStatus,
)

# How many moments the match page shows on either side of today.
MATCH_PAGE_MOMENTS = 5
# A calendar page lists at most this many moments (it is a plan, not an archive).
CALENDAR_LIMIT = 500


@dataclass(frozen=True)
class MomentKindSpec:
    kind: str
    label: str
    usual_start: dt.time
    usual_minutes: int


def planned_moment_kinds(programme: Programme) -> list[MomentKindSpec]:
    """The kinds of moment `programme` plans (its rows in the admin), or, for a
    programme without rows, the defaults of its support mode. Uses
    `programme.moment_kinds.all()`, so a prefetch saves the query."""
    rows = list(programme.moment_kinds.all())
    if rows:
        return [
            MomentKindSpec(r.kind, str(r.get_kind_display()), r.usual_start, r.usual_minutes)
            for r in rows
        ]
    return [
        MomentKindSpec(kind, str(MomentKind(kind).label), *DEFAULT_TIMES[kind])
        for kind in DEFAULT_KINDS_BY_MODE.get(programme.support_mode, ())
    ]


def kind_counts(moments: QuerySet[Moment]) -> dict[str, int]:
    """How many moments of each kind happened (one query)."""
    counts = dict(
        moments.filter(status=MomentStatus.HAPPENED)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {kind: counts.get(kind, 0) for kind in MomentKind.values}


@dataclass
class MatchMoments:
    upcoming: list[Moment]
    recent: list[Moment]
    to_confirm: int
    delivered: dict[str, int]
    kinds: list[MomentKindSpec]

    @property
    def delivered_rows(self) -> list[tuple[str, int]]:
        wanted = {k.kind for k in self.kinds} | {k for k, n in self.delivered.items() if n}
        return [
            (str(MomentKind(k).label), self.delivered[k]) for k in MomentKind.values if k in wanted
        ]


def match_moments(match, *, now: dt.datetime | None = None) -> MatchMoments:
    """The match page's panel: the next and the latest moments, how many wait for a
    confirmation, and what was delivered per kind. Four queries (one for the
    programme's kinds)."""
    now = now or timezone.now()
    moments = Moment.objects.filter(match=match).select_related("confirmed_by")
    upcoming = list(moments.filter(starts_at__gt=now).order_by("starts_at")[:MATCH_PAGE_MOMENTS])
    recent = list(moments.filter(starts_at__lte=now).order_by("-starts_at")[:MATCH_PAGE_MOMENTS])
    counts = (
        Moment.objects.filter(match=match)
        .values_list("kind", "status")
        .annotate(n=Count("pk"), past=Count("pk", filter=Q(starts_at__lte=now)))
        .order_by()
    )
    delivered = dict.fromkeys(MomentKind.values, 0)
    to_confirm = 0
    for kind, status, n, past in counts:
        if status == MomentStatus.HAPPENED:
            delivered[kind] += n
        elif status == MomentStatus.PLANNED:
            to_confirm += past
    return MatchMoments(
        upcoming=upcoming,
        recent=recent,
        to_confirm=to_confirm,
        delivered=delivered,
        kinds=planned_moment_kinds(match.programme),
    )


# --- A calendar month ---------------------------------------------------------------


@dataclass
class CalendarDay:
    day: dt.date
    moments: list[Moment] = field(default_factory=list)


@dataclass
class CalendarMonth:
    first: dt.date
    days: list[CalendarDay]
    truncated: bool

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)


def month_bounds(first: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The month of `first` as aware datetimes, Amsterdam midnight to midnight."""
    zone = local_zone()
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return (
        dt.datetime.combine(first, dt.time(), tzinfo=zone),
        dt.datetime.combine(nxt, dt.time(), tzinfo=zone),
    )


def calendar_month(moments: QuerySet[Moment], *, first: dt.date) -> CalendarMonth:
    """`moments` (already scoped to the reader) of the month that starts on `first`,
    grouped per day: one query, with the match, its request's children and the
    programme loaded for the titles."""
    start, end = month_bounds(first)
    rows = list(
        moments.filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("match__programme", "match__request", "match__volunteer")
        .order_by("starts_at", "pk")[: CALENDAR_LIMIT + 1]
    )
    truncated = len(rows) > CALENDAR_LIMIT
    days: list[CalendarDay] = []
    for moment in rows[:CALENDAR_LIMIT]:
        day = timezone.localdate(moment.starts_at, local_zone())
        if not days or days[-1].day != day:
            days.append(CalendarDay(day))
        days[-1].moments.append(moment)
    return CalendarMonth(first=first, days=days, truncated=truncated)


def month_from(value: str | None, *, today: dt.date) -> dt.date:
    """ "2026-12" → 1 December 2026; anything else → this month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def open_happened_filter(start: dt.date, end: dt.date) -> Q:
    """Moments that happened on a day from `start` to `end` (Amsterdam, both included)."""
    zone = local_zone()
    return Q(
        status=MomentStatus.HAPPENED,
        starts_at__gte=dt.datetime.combine(start, dt.time(), tzinfo=zone),
        starts_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=zone),
    )


def happened_days_by_match(match_ids: Iterable[int]) -> dict[int, list[dt.date]]:
    """For each match, the days (Amsterdam) of its moments confirmed as happened,
    oldest first; one query. The early-warning rule reads it as of any day, so the
    report of how a match stood before it ended sees only what was known then."""
    days: dict[int, list[dt.date]] = {pk: [] for pk in match_ids}
    moments = (
        Moment.objects.filter(match_id__in=list(days), status=MomentStatus.HAPPENED)
        .order_by("starts_at")
        .values_list("match_id", "starts_at")
    )
    for match_id, starts_at in moments:
        days[match_id].append(timezone.localdate(starts_at, local_zone()))
    return days
