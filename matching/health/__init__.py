"""A match's health (good / needs attention / at risk) with its reasons in words,
computed from the pulse, the expectations, coordinator contact and waiting time by
the rules in `rules.py`; see docs/match-health.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from matching.health import rules as _rules  # noqa: F401  (registers the rules)
from matching.health.facts import MatchFacts, matches_facts
from matching.health.registry import (
    AT_RISK_SCORE,
    HealthStatus,
    health_rule,
    rules,
    status_for,
)
from matching.models import Match

__all__ = [
    "AT_RISK_SCORE",
    "HealthStatus",
    "MatchFacts",
    "MatchHealth",
    "health_rule",
    "match_health",
    "matches_health",
    "rules",
]


@dataclass
class MatchHealth:
    match: Match
    status: str = HealthStatus.GOOD
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(HealthStatus(self.status).label)


def health_of(facts: MatchFacts, day: dt.date) -> MatchHealth:
    """One match as it was on `day`: every rule with a weight, in the active language."""
    health = MatchHealth(match=facts.match)
    fired: list[tuple[int, str]] = []
    for rule in rules():
        setting = facts.settings.get(rule.code)
        if setting is None or setting.weight == 0:
            continue
        reason = rule.check(facts, day, setting.threshold)
        if reason:
            fired.append((setting.weight, reason))
    fired.sort(key=lambda item: -item[0])
    health.score = sum(weight for weight, _reason in fired)
    health.reasons = [reason for _weight, reason in fired]
    health.status = status_for(health.score)
    return health


def matches_health(
    matches: list[Match], *, day: dt.date | None = None, days: dict[int, dt.date] | None = None
) -> dict[int, MatchHealth]:
    """The health of `matches` (their `request` loaded) on `day`, or each on its own
    day (`days`, by match id: the report's "30 days before the end"). Constant queries."""
    facts = matches_facts(matches)
    return {
        pk: health_of(fact, days[pk] if days is not None else day) for pk, fact in facts.items()
    }


def match_health(match: Match, *, day: dt.date) -> MatchHealth:
    return matches_health([match], day=day)[match.pk]
