"""The Django admin is the coalition administrators' tool; families' case data is not
in it, so it cannot bypass `visible_to`, the special-category rule or the audit."""

from __future__ import annotations

import pytest
from django.contrib import admin

from coalition.people.models import Role
from families.models import Child, Consent, Family, Parent, Referral, SupportRequest
from matching.models import ContactNote, FollowUp, Match
from tests.factories import UserFactory
from volunteers.models import HouseholdMember, ScreeningStep, Volunteer, VolunteerConsent

pytestmark = pytest.mark.django_db

CASE_DATA = [
    Family,
    Parent,
    Child,
    SupportRequest,
    Consent,
    Referral,
    Match,
    FollowUp,
    ContactNote,
    Volunteer,
    VolunteerConsent,
    HouseholdMember,
    ScreeningStep,
]


@pytest.mark.parametrize("model", CASE_DATA, ids=lambda m: m._meta.label)
def test_case_data_is_not_registered_in_the_admin(model):
    assert not admin.site.is_registered(model)


def test_even_a_superuser_finds_no_family_in_the_admin(staff_client, family_a):
    superuser = UserFactory(
        email="beheer@example.org", role=Role.COALITION_ADMIN, is_staff=True, is_superuser=True
    )
    client = staff_client(superuser)

    assert client.get("/beheer/").status_code == 200
    response = client.get(f"/beheer/families/family/{family_a.family.pk}/change/")

    assert response.status_code == 404
    page = client.get("/beheer/").content.decode()
    assert "Quirijnsen" not in page
    # The families section holds the partner API's clients only, never a case record.
    for model in CASE_DATA:
        assert f"/beheer/{model._meta.app_label}/{model._meta.model_name}/" not in page
