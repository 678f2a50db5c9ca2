"""What the volunteer's moments pages read: their plannable matches, the moments to
confirm, a month of their moments, whether their calendar address is on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from families.models import Child
from matching.models import Match
from matching.moments.models import CalendarFeed, Moment
from matching.moments.selectors import (
    CalendarMonth,
    MomentKindSpec,
    calendar_month,
    planned_moment_kinds,
)
from matching.moments.services import PLANNABLE_STATUSES

TO_CONFIRM_LIMIT = 20


def _children():
    return Prefetch(
        "match__request__children", queryset=Child.objects.only("id", "first_name").order_by("pk")
    )


def volunteer_moments(user) -> QuerySet[Moment]:
    """The volunteer's own moments, with the children's first names for the titles."""
    return Moment.objects.visible_to(user).prefetch_related(_children())


def match_label(match: Match) -> str:
    return ", ".join(child.first_name for child in match.request.children.all()) or str(
        match.programme
    )


@dataclass
class VolunteerMomentsPage:
    to_confirm: list[Moment]
    month: CalendarMonth
    matches: list[tuple[int, str]]
    kinds: list[MomentKindSpec]
    has_feed: bool


def volunteer_moments_page(user, *, first: dt.date) -> VolunteerMomentsPage:
    """Everything the volunteer's moments page shows; a constant number of queries."""
    plannable = list(
        Match.objects.visible_to(user)
        .filter(status__in=PLANNABLE_STATUSES)
        .select_related("programme", "request")
        .prefetch_related(
            "programme__moment_kinds",
            Prefetch("request__children", queryset=Child.objects.only("id", "first_name")),
        )
        .order_by("pk")
    )
    kinds: dict[str, MomentKindSpec] = {}
    for match in plannable:
        for spec in planned_moment_kinds(match.programme):
            kinds.setdefault(spec.kind, spec)
    to_confirm = list(
        volunteer_moments(user)
        .to_confirm(timezone.now())
        .select_related("match__request")
        .order_by("starts_at")[:TO_CONFIRM_LIMIT]
    )
    return VolunteerMomentsPage(
        to_confirm=to_confirm,
        month=calendar_month(volunteer_moments(user), first=first),
        matches=[(m.pk, match_label(m)) for m in plannable],
        kinds=list(kinds.values()),
        has_feed=CalendarFeed.objects.filter(volunteer__user=user).exists(),
    )
