"""A subject export shows a field by what it means: a volunteer's export does not
describe the family (a proposal's explanation holds the children's ages, the wijk,
the distance and the waiting days), a family's export does not describe a volunteer.

Every model an export reaches declares, per kind of subject, which of its fields are
about the subject (`register_export_fields` in the app's privacy.py); a new field or
a new model fails the first test until someone decides."""

from __future__ import annotations

import json
import re

import pytest

from coalition.privacy import registry
from coalition.privacy.export import NOT_EXPORTED, SHARED_TEXT, subject_export
from coalition.privacy.models import ConsentPurpose
from matching.models import ContactNote, MatchProposal
from volunteers.models import (
    HouseholdMember,
    ScreeningStep,
    VolunteerConsent,
    VolunteerStatusChange,
)

pytestmark = pytest.mark.django_db

FAMILY_EXPLANATION = [
    {"criterion": "distance", "label": "", "points": 8.0, "facts": {"km": 2.4, "limit": 5}},
    {
        "criterion": "age_fit",
        "label": "",
        "points": 5.0,
        "facts": {"low": 0, "high": 12, "ages": [7, 3]},
    },
    {
        "criterion": "same_wijk",
        "label": "",
        "points": 3.0,
        "facts": {"same": True, "wijk": "Reeshof"},
    },
    {"criterion": "waiting", "label": "", "points": 2.0, "facts": {"days": 417}},
]


def _fields(model) -> set[str]:
    return {f.name for f in [*model._meta.concrete_fields, *model._meta.many_to_many]}


def _reached(model, stop: dict, seen: set) -> set:
    """Every model the relation walk of an export reaches from `model` (as walk.collect)."""
    for relation in model._meta.related_objects:
        related = relation.related_model
        if related not in seen:
            seen.add(related)
            if related._meta.label_lower not in stop:
                _reached(related, stop, seen)
    return seen


@pytest.mark.parametrize("subject_label", registry.subject_labels())
def test_every_field_of_every_model_an_export_reaches_is_declared(subject_label):
    subject_model = registry.subject(subject_label).model
    models = _reached(subject_model, registry.shared_with(subject_label), {subject_model})
    problems = {}
    for model in models:
        declared = registry.export_fields(subject_label, model)
        fields = _fields(model) - NOT_EXPORTED
        undeclared = fields - declared.about_subject - declared.about_others
        both = declared.about_subject & declared.about_others
        unknown = (declared.about_subject | declared.about_others) - fields
        if undeclared or both or unknown:
            problems[model._meta.label_lower] = {
                "undeclared": sorted(undeclared),
                "declared twice": sorted(both),
                "no such field": sorted(unknown),
            }
    assert problems == {}


@pytest.fixture
def world(family_a, coordinator):
    """Family A, its volunteer with every kind of row of their own, and a proposal whose
    explanation describes the family the way the matching engine writes it."""
    volunteer = family_a.volunteer
    MatchProposal.objects.filter(volunteer=volunteer).update(explanation=FAMILY_EXPLANATION)
    HouseholdMember.objects.create(volunteer=volunteer, first_name="Teuntjezoon", birth_year=2001)
    assert ScreeningStep.objects.filter(volunteer=volunteer).exists()  # the factory screens
    VolunteerConsent.objects.create(
        volunteer=volunteer,
        purpose=ConsentPurpose.VOLUNTEER,
        text_version="2026-01",
        text="Ik geef toestemming.",
        given_by="Teuntje via webformulier",
    )
    VolunteerStatusChange.objects.create(
        volunteer=volunteer, from_status="applied", to_status="intake", reason="Teuntje gebeld"
    )
    ContactNote.objects.create(volunteer=volunteer, kind="phone", text="Teuntje gebeld")
    family_secrets = [*family_a.secrets, "Zwaantjekind", "Reeshof", "417", "2.4"]
    volunteer_secrets = [volunteer.first_name, volunteer.last_name, volunteer.email]
    return {
        "families.family": (family_a.family, volunteer_secrets),
        "volunteers.volunteer": (volunteer, family_secrets),
    }


@pytest.mark.parametrize(
    ("subject_label", "model_label"), sorted(registry.export_field_declarations())
)
def test_an_exported_model_shows_only_what_is_about_the_subject(
    world, coordinator, subject_label, model_label
):
    subject, other_persons_secrets = world[subject_label]
    model = next(
        m
        for m in _reached(type(subject), {}, {type(subject)})
        if m._meta.label_lower == model_label
    )
    declared = registry.export_fields(subject_label, model)

    rows = subject_export(subject=subject, user=coordinator)["data"][
        str(model._meta.verbose_name_plural)
    ]

    assert rows
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.name in declared.about_others:
            assert {row[str(field.verbose_name)] for row in rows} == {SHARED_TEXT}, field.name
    text = json.dumps(rows, ensure_ascii=False)
    assert [secret for secret in other_persons_secrets if mentions(text, secret)] == []


def mentions(text: str, secret: str) -> bool:
    """`secret` in `text`; a number only as a whole number, not as digits of a
    timestamp, a size or an id ("417" is not in "2026-12-03T21:32:41.7417")."""
    if not re.fullmatch(r"[\d.]+", secret):
        return secret in text
    return re.search(rf"(?<![\d.]){re.escape(secret)}(?![\d.])", text) is not None


def test_a_volunteers_export_does_not_describe_the_family(world, coordinator, family_a):
    text = json.dumps(subject_export(subject=family_a.volunteer, user=coordinator))

    for fact in ["Reeshof", "417", '"ages"', "Zwaantje", family_a.request.reference_code]:
        assert not mentions(text, fact)
    assert family_a.volunteer.email in text  # the volunteer's own data is there
    assert "Teuntjezoon" in text
