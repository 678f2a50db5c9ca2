"""The early-warning rules, as a registry: a rule is one function that looks at one
match's bulk-loaded facts on a day and returns the reason in words, or None.

    @health_rule("no_moment_confirmed", weight=2, threshold=21, loader=moments_loader)
    def no_moment_confirmed(facts, day, threshold): ...

`loader(match_ids)` (optional) loads what the rule needs for all matches at once and
returns {match_id: value}; the rule finds it in `facts.extra[code]`. Weights and
thresholds are defaults: `HealthRule` rows (admin) override them, per programme.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

# A match whose fired weights add up to this is at risk; anything above 0 needs attention.
AT_RISK_SCORE = 3


class HealthStatus(models.TextChoices):
    GOOD = "good", _("Good")
    NEEDS_ATTENTION = "attention", _("Needs attention")
    AT_RISK = "at_risk", _("At risk")


def status_for(score: int) -> str:
    if score >= AT_RISK_SCORE:
        return HealthStatus.AT_RISK
    if score > 0:
        return HealthStatus.NEEDS_ATTENTION
    return HealthStatus.GOOD


RuleCheck = Callable[[Any, date, int], "str | None"]
Loader = Callable[[list[int]], dict[int, Any]]


@dataclass(frozen=True)
class Rule:
    code: str
    check: RuleCheck
    weight: int
    threshold: int
    label: Any
    loader: Loader | None = None


_rules: dict[str, Rule] = {}


def health_rule(
    code: str, *, weight: int, threshold: int, label: Any, loader: Loader | None = None
) -> Callable[[RuleCheck], RuleCheck]:
    """Register `check(facts, day, threshold) -> reason | None` under `code`."""

    def register(check: RuleCheck) -> RuleCheck:
        _rules[code] = Rule(
            code=code, check=check, weight=weight, threshold=threshold, label=label, loader=loader
        )
        return check

    return register


def rules() -> list[Rule]:
    return list(_rules.values())


def rule(code: str) -> Rule | None:
    return _rules.get(code)


@dataclass(frozen=True)
class Setting:
    weight: int
    threshold: int


def settings_for(rows: Iterable, programme_id: int) -> dict[str, Setting]:
    """Each rule's weight and threshold for one programme: its own row, else the
    general row, else the rule's default."""
    chosen = {r.code: Setting(r.weight, r.threshold) for r in rules()}
    rows = list(rows)
    for row in rows:
        if row.programme_id is None and row.rule in chosen:
            chosen[row.rule] = Setting(row.weight, row.threshold)
    for row in rows:
        if row.programme_id == programme_id and row.rule in chosen:
            chosen[row.rule] = Setting(row.weight, row.threshold)
    return chosen
