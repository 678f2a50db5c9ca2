"""The volunteer's own page: screening progress, matches with only what they need, actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.programmes.weekgrid import mask_from_slots
from matching.models import MatchStatus
from tests.factories import (
    ChildFactory,
    MatchFactory,
    ParentFactory,
    SupportRequestFactory,
    UserFactory,
    VolunteerFactory,
    programme,
)
from volunteers.models import ScreeningStep, VolunteerStatus

pytestmark = pytest.mark.django_db

HOME_URL = reverse("volunteers:home")


@pytest.fixture
def volunteer(volunteer_user):
    return volunteer_user.volunteer


def test_the_volunteer_sees_screening_done_and_missing(client, volunteer_user, volunteer):
    ScreeningStep.objects.filter(volunteer=volunteer, kind="intake").delete()
    vog = ScreeningStep.objects.get(volunteer=volunteer, kind="vog")
    client.force_login(volunteer_user)

    page = client.get(HOME_URL).content.decode()

    assert "intake" in programme("buurtgezinnen").required_screening
    assert "Buurtgezinnen" in page
    assert "Certificate of conduct (VOG)" in page
    assert "valid until" in page and str(vog.expires_on.year) in page
    assert page.count("still to do") == 1


def test_an_active_match_shows_children_and_the_parents_phone_but_no_notes(
    client, volunteer_user, volunteer
):
    request = SupportRequestFactory(
        with_child=False,
        situation=["parent_mental_health"],
        situation_text="Moeder heeft een depressie",
        health_notes="Medicatie sinds maart",
        status="matched",
    )
    year = timezone.localdate().year
    request.children.add(
        ChildFactory(family=request.family, first_name="Sara", birth_year=year - 4)
    )
    ParentFactory(family=request.family, first_name="Amina", phone="06 44445555")
    MatchFactory(
        request=request,
        volunteer=volunteer,
        status=MatchStatus.ACTIVE,
        started_on=timezone.localdate() - dt.timedelta(days=10),
    )
    client.force_login(volunteer_user)

    page = client.get(HOME_URL).content.decode()

    assert "Sara" in page
    assert "Amina" in page and "06 44445555" in page
    for secret in ("depressie", "Medicatie", "psychological", request.family.postcode):
        assert secret not in page


def test_a_proposed_match_shows_no_contact_details_yet(client, volunteer_user, volunteer):
    request = SupportRequestFactory(status="waiting")
    ParentFactory(family=request.family, first_name="Amina", phone="06 44445555")
    MatchFactory(request=request, volunteer=volunteer, status=MatchStatus.PROPOSED)
    client.force_login(volunteer_user)

    page = client.get(HOME_URL).content.decode()

    assert "Proposed" in page
    assert "06 44445555" not in page


def test_the_volunteer_does_not_see_other_volunteers_matches(client, volunteer_user):
    other = VolunteerFactory(user=UserFactory(email="ander@example.org", role="volunteer"))
    request = SupportRequestFactory(status="matched", with_child=False)
    # A name no generated person has (the volunteer's own name is random and once was "Zeynep").
    request.children.add(ChildFactory(family=request.family, first_name="Quirijntje"))
    MatchFactory(request=request, volunteer=other, status=MatchStatus.ACTIVE)
    client.force_login(volunteer_user)

    assert "Quirijntje" not in client.get(HOME_URL).content.decode()


def test_the_volunteer_updates_availability(client, volunteer_user, volunteer):
    client.force_login(volunteer_user)

    response = client.post(
        reverse("volunteers:availability"), {"availability": ["sun_morning", "tue_evening"]}
    )

    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.availability == mask_from_slots(["sun_morning", "tue_evening"])


def test_an_empty_availability_is_refused(client, volunteer_user, volunteer):
    before = volunteer.availability
    client.force_login(volunteer_user)

    response = client.post(reverse("volunteers:availability"), {})

    assert response.status_code == 400
    assert "Tick at least one part of the week." in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.availability == before


def test_the_volunteer_pauses_and_then_stops(client, volunteer_user, volunteer):
    client.force_login(volunteer_user)

    client.post(
        reverse("volunteers:change_status"), {"action": "pause", "reason": "", "confirm": "on"}
    )
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.PAUSED
    page = client.get(HOME_URL).content.decode()
    assert 'value="pause"' not in page
    assert 'value="stop"' in page

    client.post(
        reverse("volunteers:change_status"),
        {"action": "stop", "reason": "Verhuizing", "confirm": "on"},
    )
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.STOPPED
    assert volunteer.status_changes.last().reason == "Verhuizing"


def test_an_applicant_cannot_pause(client, volunteer_user, volunteer):
    volunteer.status = VolunteerStatus.APPLIED
    volunteer.save()
    client.force_login(volunteer_user)

    response = client.post(reverse("volunteers:change_status"), {"action": "pause"})

    assert response.status_code == 400
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.APPLIED


def test_other_roles_get_a_404(client, partner, coordinator):
    for user in (partner, coordinator):
        client.force_login(user)
        assert client.get(HOME_URL).status_code == 404


def test_after_login_a_volunteer_lands_on_their_page(client, volunteer_user):
    client.force_login(volunteer_user)

    response = client.get(reverse("coordinators:after_login"))

    assert response["Location"] == HOME_URL
