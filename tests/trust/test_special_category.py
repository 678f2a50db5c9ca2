"""Health information is for the coordinators of the programme that needs it."""

import pytest

from coalition.people.access import can_see_special_category
from tests.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


def test_only_the_programmes_coordinators_see_health_information(
    coordinator,
    other_coordinator,
    intake_coordinator,
    coalition_admin,
    partner,
    volunteer_user,
    outsider,
    buurtgezinnen,
):
    request = SupportRequestFactory(programme=buurtgezinnen, health_notes="fictief")

    assert can_see_special_category(coordinator, request) is True
    assert can_see_special_category(intake_coordinator, request) is True  # also Buurtgezinnen
    for user in (other_coordinator, coalition_admin, partner, volunteer_user, outsider):
        assert can_see_special_category(user, request) is False, user.email


def test_a_request_in_the_intake_queue_is_for_intake_coordinators(
    coordinator, intake_coordinator, buurtgezinnen
):
    request = SupportRequestFactory(programme=None, help_me_choose=True)

    assert can_see_special_category(intake_coordinator, request) is True
    assert can_see_special_category(coordinator, request) is False


def test_a_programme_the_request_was_shared_with_does_not_see_it(
    other_coordinator, buurtgezinnen, home_start
):
    from families.models import ProgrammeReferral

    request = SupportRequestFactory(programme=buurtgezinnen)
    ProgrammeReferral.objects.create(
        request=request, from_programme=buurtgezinnen, to_programme=home_start, reason="past beter"
    )

    assert can_see_special_category(other_coordinator, request) is False


def test_a_deactivated_coordinator_sees_nothing(coordinator, buurtgezinnen):
    request = SupportRequestFactory(programme=buurtgezinnen)
    coordinator.is_active = False

    assert can_see_special_category(coordinator, request) is False
