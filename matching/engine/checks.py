"""The hard rules for one pair, from model instances: the check `match_propose`
makes inside its transaction, with the volunteer's row locked."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext

from families.models import SupportRequest
from matching.engine import loaders
from matching.engine.eligibility import reasons
from matching.engine.facts import SCREENING_KINDS, VolunteerFacts
from matching.models import Match
from volunteers.models import AVAILABLE_STATUSES, Volunteer
from volunteers.selectors import screening_missing


def rule_label(rule: str) -> str:
    labels = {
        "programme": gettext("does not volunteer for this programme"),
        "status": gettext("not available (paused or not yet approved)"),
        "already_matched": gettext("already has a match with this family"),
        "capacity": gettext("no free place"),
        "screening_intake": gettext("intake interview not done"),
        "screening_vog": gettext("VOG not valid on the start date"),
        "screening_references": gettext("references not checked"),
        "screening_training": gettext("training not done"),
        "screening_household_vog": gettext("another adult at home has no valid VOG"),
        "age_programme": gettext("the children's ages are outside the programme's range"),
        "age_preference": gettext("prefers children of other ages"),
        "distance": gettext("too far"),
        "availability": gettext("not enough dagdelen in common"),
        "language": gettext("no shared language"),
        "pets": gettext("has pets, the family cannot have pets around"),
        "smoking": gettext("smokes at home, the family needs a smoke-free home"),
    }
    return labels.get(rule, rule)


def volunteer_facts(volunteer: Volunteer, *, programme, on: date) -> VolunteerFacts:
    """Facts of one volunteer; screening through `screening_missing`, so prefetch
    `screening`, `household_members` and `programmes` to save queries."""
    missing = set(screening_missing(volunteer=volunteer, programme=programme, on=on))
    lat, lon, _code, _name = loaders._position(volunteer.pc4)
    return VolunteerFacts(
        id=volunteer.pk,
        lat=lat,
        lon=lon,
        programme_ids=frozenset(p.pk for p in volunteer.programmes.all()),
        available=volunteer.status in AVAILABLE_STATUSES,
        wijk=volunteer.wijk_id,
        travel_radius_km=float(volunteer.travel_radius_km),
        availability=volunteer.availability,
        languages=frozenset(volunteer.languages or ()),
        child_age_min=volunteer.child_age_min,
        child_age_max=volunteer.child_age_max,
        has_pets=volunteer.has_pets,
        smokes=volunteer.smokes,
        capacity=volunteer.capacity,
        open_matches=Match.objects.filter(volunteer=volunteer).open().count(),
        valid_screening=frozenset(k for k in SCREENING_KINDS if k not in missing),
    )


def ineligibility(*, request: SupportRequest, volunteer: Volunteer, on: date) -> list[str]:
    """The rules the pair breaks on the start date `on` (empty: eligible)."""
    programme = request.programme
    ages = loaders.child_ages_by_request([request.pk], on=on).get(request.pk, ())
    matched = loaders.matched_volunteers_by_request([request.pk]).get(request.pk, frozenset())
    facts = loaders.request_facts(request, on=on, child_ages=ages, matched_volunteer_ids=matched)
    return reasons(
        facts,
        loaders.programme_rules(programme),
        volunteer_facts(volunteer, programme=programme, on=on),
    )
