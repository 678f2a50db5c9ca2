"""Subject access: one file with everything about a family, and nothing about another."""

import json

import pytest
from django.urls import reverse

from coalition.people.models import AuditEvent
from coalition.privacy.export import WITHHELD, subject_export, subject_export_json
from coalition.privacy.walk import collect
from families.models import Family

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_kind_of_data_about_the_family(coordinator, family_a, family_b):
    text = subject_export_json(subject=family_a.family, user=coordinator)

    for expected in [
        "Zwaantje",  # parent's name
        "Quirijnsen",
        "zwaantje.quirijnsen@example.org",
        "06-98765432",
        "Zwaantjepartner",  # second parent
        "Zwaantjekind slaapt slecht",  # child's notes
        "Zwaantjebaby",
        "Zwaantje Quirijnsen is erg moe en alleen.",  # request in own words
        "Zwaantje heeft een depressie",  # health notes: this coordinator may see them
        "gesprek met Zwaantje",  # status history
        "Zwaantje Quirijnsen via webformulier",  # consent
        "Zwaantje Quirijnsen vraagt om steun",  # partner referral
        "Besproken met Zwaantje",  # programme referral
        "Klik met Zwaantje",  # match
        "Zwaantje tevreden",  # follow-up
        "Bezoek bij Zwaantje",  # note about the match
        "Zwaantje akkoord",  # match history
        "Zwaantje gebeld op",  # note about the family
        "request_received",  # pending notification
    ]:
        assert expected in text, expected


def test_the_export_holds_nothing_of_another_family_or_of_the_volunteer(
    coordinator, family_a, family_b
):
    text = subject_export_json(subject=family_a.family, user=coordinator)

    for secret in family_b.secrets:
        assert secret not in text
    assert family_a.volunteer.first_name not in text
    assert family_a.volunteer.email not in text


def test_health_information_is_withheld_from_someone_outside_the_programme(
    coalition_admin, family_a
):
    text = subject_export_json(subject=family_a.family, user=coalition_admin)

    assert "depressie" not in text
    assert "parent_mental_health" not in text
    assert WITHHELD in text


def test_platform_secrets_are_not_in_the_export(coordinator, family_a):
    family_a.request.status_token_hash = "f" * 64
    family_a.request.save()

    assert "f" * 64 not in subject_export_json(subject=family_a.family, user=coordinator)


def _models_pointing_at(model, seen=None):
    """Every model that reaches `model` through a chain of reverse relations."""
    seen = set() if seen is None else seen
    for relation in model._meta.related_objects:
        if relation.related_model not in seen:
            seen.add(relation.related_model)
            _models_pointing_at(relation.related_model, seen)
    return seen


def test_every_model_that_points_at_a_family_is_found_by_the_walk(family_a):
    """A new model that points at a family (or at anything of it) is exported and
    erased without anyone adding it to a list: this fails if the fixture family
    lacks a row of it, so add one to `make_family` in tests/trust/conftest.py."""
    expected = _models_pointing_at(Family) | {Family}

    found = set(collect(family_a.family).rows)

    assert expected - found == set()


def test_the_volunteer_export_lists_matches_but_not_the_family_notes(
    coordinator, family_a, screened_volunteer
):
    text = subject_export_json(subject=family_a.volunteer, user=coordinator)

    assert family_a.volunteer.email in text
    assert "Zwaantje" not in text
    data = subject_export(subject=screened_volunteer, user=coordinator)["data"]
    assert "Gerlinde wil graag helpen" in json.dumps(data)
    assert "Hidde" in json.dumps(data)


def test_a_coordinator_downloads_the_export_as_a_json_file(staff_client, coordinator, family_a):
    response = staff_client(coordinator).get(
        reverse("privacy:family_export", args=[family_a.family.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content)["subject"].endswith(f"#{family_a.family.pk}")


def test_a_coordinator_of_another_programme_gets_a_404_and_a_logged_refusal(
    staff_client, other_coordinator, family_a
):
    response = staff_client(other_coordinator).get(
        reverse("privacy:family_export", args=[family_a.family.pk])
    )

    assert response.status_code == 404
    assert AuditEvent.objects.get().action == "denied"


def test_the_export_lists_who_accessed_the_data(staff_client, coordinator, family_a):
    client = staff_client(coordinator)
    client.get(reverse("privacy:family_export", args=[family_a.family.pk]))

    data = json.loads(
        client.get(reverse("privacy:family_export", args=[family_a.family.pk])).content
    )

    assert (
        data["data"]["access log"][0]["organisation"] == coordinator.coordinator.organisation.name
    )
    assert data["data"]["access log"][0]["action"] == "Exported"
    assert coordinator.email not in json.dumps(data["data"]["access log"])


def test_a_programme_the_family_is_shared_with_gets_no_confidential_note_in_the_export(
    coordinator, family_a
):
    from coalition.privacy.export import WITHHELD_CONFIDENTIAL
    from matching.models import ContactNote
    from tests.factories import CoordinatorFactory, programme

    steunouder = programme("steunouder")
    shared_with = CoordinatorFactory(
        user__email="coordinator@steunouder.example.org",
        programme_for_org=steunouder,
        programmes=[steunouder],
    ).user
    ContactNote.objects.create(
        family=family_a.family,
        kind="phone",
        text="Vertrouwelijk: Zwaantje vertelde over thuis",
        confidential=True,
        author=coordinator,
    )
    family_a.request.programme_referrals.update(status="accepted")

    shared_text = subject_export_json(subject=family_a.family, user=shared_with)
    own_text = subject_export_json(subject=family_a.family, user=coordinator)

    assert "Zwaantje Quirijnsen is erg moe" in shared_text  # the family is visible to them
    assert "vertelde over thuis" not in shared_text
    assert WITHHELD_CONFIDENTIAL in shared_text
    assert "vertelde over thuis" in own_text
