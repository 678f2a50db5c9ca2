"""What the early-warning rules look at, loaded for many matches at once: a fixed
number of queries whatever the number of matches (one per kind of fact, one per
rule that brings its own loader). Everything carries its date, so the rules can
judge a match as it was on any past day (the report's "30 days before the end")."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from matching.health.registry import Setting, rules, settings_for
from matching.models import ContactCadence, ContactNote, Expectation, HealthRule, Match, Pulse

DEFAULT_CADENCE = ContactCadence(
    first_period_days=30, contacts_in_first_period=2, then_every_days=30
)


@dataclass
class MatchFacts:
    match: Match
    pulses: list[Pulse] = field(default_factory=list)
    contact_days: list[dt.date] = field(default_factory=list)
    expectations: list[Expectation] = field(default_factory=list)
    cadence: ContactCadence = field(default_factory=lambda: DEFAULT_CADENCE)
    settings: dict[str, Setting] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def matches_facts(matches: list[Match]) -> dict[int, MatchFacts]:
    """The facts of `matches` (their `request` loaded), in one query per kind."""
    facts = {m.pk: MatchFacts(match=m) for m in matches}
    if not facts:
        return facts
    ids = list(facts)
    for pulse in Pulse.objects.filter(match_id__in=ids).only(
        "match_id",
        "side",
        "occasion",
        "due_on",
        "answered_at",
        "score",
        "fits",
        "as_agreed",
        "wants_call",
        "cancelled_on",
    ):
        facts[pulse.match_id].pulses.append(pulse)
    days: dict[int, list[dt.date]] = defaultdict(list)
    for match_id, created_at in ContactNote.objects.filter(match_id__in=ids).values_list(
        "match_id", "created_at"
    ):
        days[match_id].append(timezone.localdate(created_at))
    for match_id, found in days.items():
        facts[match_id].contact_days = sorted(found)
    for expectation in Expectation.objects.filter(match_id__in=ids):
        facts[expectation.match_id].expectations.append(expectation)
    cadences = {c.programme_id: c for c in ContactCadence.objects.all()}
    weights = list(HealthRule.objects.all())
    for fact in facts.values():
        fact.cadence = cadences.get(fact.match.programme_id, DEFAULT_CADENCE)
        fact.settings = settings_for(weights, fact.match.programme_id)
    for rule in rules():
        if rule.loader is not None:
            loaded = rule.loader(ids)
            for match_id, fact in facts.items():
                fact.extra[rule.code] = loaded.get(match_id)
    return facts
