"""Who sees which family, request, volunteer and match: the scoped querysets."""

import pytest

from families.models import Family, ProgrammeReferral, SupportRequest
from matching.models import ContactNote, Match
from tests.factories import MatchFactory, ReferralFactory, SupportRequestFactory, VolunteerFactory
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(buurtgezinnen, home_start, partner):
    own = SupportRequestFactory(programme=buurtgezinnen)
    other = SupportRequestFactory(programme=home_start)
    queue = SupportRequestFactory(programme=None, help_me_choose=True)
    referred = SupportRequestFactory(programme=home_start, source="partner")
    ReferralFactory(request=referred, organisation=partner.organisation)
    return {"own": own, "other": other, "queue": queue, "referred": referred}


def visible(user, model=SupportRequest) -> set:
    return set(model.objects.visible_to(user))


def test_a_coordinator_sees_the_requests_of_their_own_programme_only(coordinator, requests):
    assert visible(coordinator) == {requests["own"]}
    assert visible(coordinator, Family) == {requests["own"].family}


def test_a_request_shared_with_a_programme_is_visible_to_it(
    coordinator, requests, buurtgezinnen, home_start
):
    ProgrammeReferral.objects.create(
        request=requests["other"], from_programme=home_start, to_programme=buurtgezinnen, reason="x"
    )

    assert visible(coordinator) == {requests["own"], requests["other"]}


def test_intake_coordinators_also_see_the_central_queue(intake_coordinator, requests):
    assert visible(intake_coordinator) == {requests["own"], requests["queue"]}


def test_a_partner_sees_only_their_own_organisations_referrals(partner, other_partner, requests):
    assert visible(partner) == {requests["referred"]}
    assert visible(other_partner) == set()
    assert visible(partner, Volunteer) == set()
    assert visible(partner, Match) == set()
    assert visible(partner, ContactNote) == set()


def test_a_volunteer_sees_their_own_profile_and_matches_only(
    volunteer_user, requests, buurtgezinnen
):
    own_match = MatchFactory(request=requests["own"], volunteer=volunteer_user.volunteer)
    MatchFactory(request=SupportRequestFactory(status="waiting"), volunteer=VolunteerFactory())

    assert visible(volunteer_user, Volunteer) == {volunteer_user.volunteer}
    assert visible(volunteer_user, Match) == {own_match}
    assert visible(volunteer_user) == set()
    assert visible(volunteer_user, Family) == set()


def test_the_coalition_admin_sees_everything_and_an_outsider_nothing(
    coalition_admin, outsider, requests
):
    assert visible(coalition_admin) == set(requests.values())
    assert visible(outsider) == set()


def test_a_deactivated_coordinator_sees_nothing(coordinator, requests):
    coordinator.is_active = False

    assert visible(coordinator) == set()
