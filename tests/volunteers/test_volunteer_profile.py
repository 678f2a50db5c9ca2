"""A volunteer keeps their own details current; what touches screening reaches the
coordinators, and a new adult in the household blocks new matches until their VOG."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.models import Notification
from volunteers.models import HouseholdMember
from volunteers.selectors import screening_missing

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("volunteers:profile")


@pytest.fixture
def volunteer(volunteer_user):
    return volunteer_user.volunteer


def form_data(volunteer, **changes):
    data = {
        "phone": "06 12345678",
        "postcode": "5037 AB",
        "travel_radius_km": "5",
        "languages": ["nl"],
        "child_age_min": "0",
        "child_age_max": "12",
    }
    for i, member in enumerate(volunteer.household_members.all(), start=1):
        data[f"member_{i}_name"] = member.first_name
        data[f"member_{i}_birth_year"] = str(member.birth_year)
    data.update(changes)
    return data


def test_the_volunteer_changes_languages_radius_and_ages(client, volunteer_user, volunteer):
    client.force_login(volunteer_user)
    assert client.get(PROFILE_URL).status_code == 200

    response = client.post(
        PROFILE_URL,
        form_data(volunteer, languages=["nl", "ar"], travel_radius_km="10", child_age_max="8"),
    )

    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.languages == ["nl", "ar"]
    assert volunteer.travel_radius_km == 10
    assert volunteer.child_age_max == 8
    # Nothing here touches the screening: the coordinators are not bothered.
    assert not Notification.objects.filter(kind="volunteer_profile_changed").exists()


def test_a_new_adult_in_the_household_reaches_the_coordinator_and_blocks_new_matches(
    client, volunteer_user, volunteer, coordinator
):
    client.force_login(volunteer_user)
    adult_year = timezone.localdate().year - 30

    response = client.post(
        PROFILE_URL,
        form_data(volunteer, member_1_name="Sanne", member_1_birth_year=str(adult_year)),
        follow=True,
    )

    assert "VOG" in response.content.decode()
    assert HouseholdMember.objects.filter(volunteer=volunteer, first_name="Sanne").exists()
    notice = Notification.objects.get(kind="volunteer_profile_changed", recipient_user=coordinator)
    assert notice.context["adults_added"] == ["Sanne"]
    volunteer.refresh_from_db()
    buurtgezinnen = volunteer.programmes.get(slug="buurtgezinnen")
    assert "household_vog" in screening_missing(
        volunteer=volunteer, programme=buurtgezinnen, on=timezone.localdate()
    )


def test_someone_who_moved_out_is_removed_and_the_coordinator_hears_it(
    client, volunteer_user, volunteer, coordinator
):
    HouseholdMember.objects.create(volunteer=volunteer, first_name="Tim", birth_year=1990)
    client.force_login(volunteer_user)

    client.post(PROFILE_URL, form_data(volunteer, member_1_name="", member_1_birth_year=""))

    assert not HouseholdMember.objects.filter(volunteer=volunteer).exists()
    notice = Notification.objects.get(kind="volunteer_profile_changed", recipient_user=coordinator)
    assert notice.context["members_removed"] == ["Tim"]


def test_a_bad_postcode_keeps_the_form_with_a_clear_message(client, volunteer_user, volunteer):
    client.force_login(volunteer_user)

    response = client.post(PROFILE_URL, form_data(volunteer, postcode="12345", phone="06 99"))

    assert response.status_code == 400
    assert "5038 AB" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.phone != "06 99"


def test_others_cannot_open_a_volunteers_details(client, coordinator):
    client.force_login(coordinator)

    assert client.get(PROFILE_URL).status_code == 404
