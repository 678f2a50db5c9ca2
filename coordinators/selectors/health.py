"""Match health on today's work and the match page: the matches needing attention
(worst first), the calls the pulse asked for, and a match's care at a glance. Each
panel costs a fixed number of queries (matching.health loads its facts in bulk)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from coordinators.selectors.panels import PANEL_LIMIT, Panel
from coordinators.selectors.scope import mine_or_nobodys
from matching.health import HealthStatus, MatchHealth, health_of, matches_health
from matching.health.facts import matches_facts
from matching.health.rules import contact_due
from matching.models import ContactNote, Expectation, Match, MatchStatus, Pulse, Side

# Matches whose families and volunteers have met: the ones the pulse and contact watch.
WATCHED = (MatchStatus.INTRODUCTION, MatchStatus.TRIAL, MatchStatus.ACTIVE)
HEALTH_ROW = (
    "status",
    "programme_id",
    "proposed_at",
    "introduction_on",
    "trial_started_on",
    "started_on",
    "request__reference_code",
    "request__waiting_since",
    "request__created_at",
    "volunteer__first_name",
    "volunteer__last_name",
    "programme__name",
)


def watched_matches(*, user, mine: bool = False) -> QuerySet[Match]:
    matches = Match.objects.visible_to(user).filter(status__in=WATCHED)
    matches = mine_or_nobodys(matches, user, field="coordinator") if mine else matches
    return matches.select_related("request", "volunteer", "programme").only(*HEALTH_ROW)


class AttentionPanel(Panel):
    """The worst matches, and how many matches are in each state (all three shown)."""

    counts: list[tuple[str, str, int]] = []


def attention_panel(*, user, today: dt.date, mine: bool = False) -> Panel:
    """Matches at risk, then needing attention; the highest score first."""
    health = matches_health(list(watched_matches(user=user, mine=mine)), day=today)
    statuses = [h.status for h in health.values()]
    worst = sorted(
        (h for h in health.values() if h.status != HealthStatus.GOOD),
        key=lambda h: (-h.score, h.match.pk),
    )
    rows = AttentionPanel(worst[:PANEL_LIMIT])
    rows.total = len(worst)
    rows.counts = [
        (status.value, str(status.label), statuses.count(status))
        for status in (HealthStatus.AT_RISK, HealthStatus.NEEDS_ATTENTION, HealthStatus.GOOD)
    ]
    return rows


def calls_requested(matches: QuerySet[Match]) -> QuerySet[Pulse]:
    """Pulses that asked for a call, until a contact note on the match follows the answer."""
    called = ContactNote.objects.filter(
        match_id=OuterRef("match_id"), created_at__gte=OuterRef("answered_at")
    )
    return (
        Pulse.objects.filter(match__in=matches, wants_call=True, answered_at__isnull=False)
        .exclude(Exists(called))
        .select_related("match__request", "match__volunteer")
        .only(
            "side",
            "answered_at",
            "match__request__reference_code",
            "match__volunteer__first_name",
            "match__volunteer__last_name",
        )
        .order_by("answered_at", "pk")
    )


def calls_panel(*, user, mine: bool = False) -> list[Pulse]:
    matches = Match.objects.visible_to(user)
    matches = mine_or_nobodys(matches, user, field="coordinator") if mine else matches
    return list(calls_requested(matches)[:PANEL_LIMIT])


@dataclass
class MatchCare:
    """The match page's view of its care: health, contact due, pulses, expectations."""

    health: MatchHealth
    contact_due: dt.date | None
    contact_overdue_days: int
    pulses: list[Pulse] = field(default_factory=list)
    # (side's label, its expectation or None), volunteer first.
    expectations: list[tuple[str, Expectation | None]] = field(default_factory=list)
    open_pulses: list[Pulse] = field(default_factory=list)
    watched: bool = False


def match_care(match: Match, *, today: dt.date) -> MatchCare:
    facts = matches_facts([match])[match.pk]
    day = min(today, match.ended_on) if match.ended_on else today
    health = health_of(facts, day)
    due = contact_due(facts, day) if match.status in WATCHED else None
    pulses = list(Pulse.objects.filter(match=match).order_by("due_on", "side"))
    return MatchCare(
        health=health,
        contact_due=due,
        contact_overdue_days=max((today - due).days, 0) if due else 0,
        pulses=[p for p in pulses if p.answered_at or p.due_on <= today],
        expectations=[
            (side.label, next((e for e in facts.expectations if e.side == side), None))
            for side in (Side.VOLUNTEER, Side.PARENT)
        ],
        open_pulses=[p for p in pulses if p.is_open and p.due_on <= today],
        watched=match.status in WATCHED,
    )
