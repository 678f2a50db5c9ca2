"""The volunteer sees the family's goals, and their ratings only when the parent
agreed; a partner and another programme's coordinator see nothing of them."""

from __future__ import annotations

import pytest

from families.models import GoalRating
from families.outcomes.access import GoalAccess, goal_access
from families.services import goals_set, ratings_consent_set
from tests.factories import MatchFactory, ReferralFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched(volunteer_user):
    request = SupportRequestFactory(status="matched")
    (goal,) = goals_set(request=request, goals=[("Weer naar de sportclub", "own_time")])
    GoalRating.objects.create(goal=goal, score=3, moment="intake", rater="parent")
    GoalRating.objects.create(goal=goal, score=7, moment="evaluation", rater="parent")
    MatchFactory(request=request, volunteer=volunteer_user.volunteer, status="active")
    return request


def volunteer_page(client, volunteer_user) -> str:
    client.force_login(volunteer_user)
    return client.get("/vrijwilliger/").content.decode()


def test_the_volunteer_sees_the_goals_but_not_the_ratings_without_consent(
    client, volunteer_user, matched
):
    page = volunteer_page(client, volunteer_user)

    assert "Weer naar de sportclub" in page
    assert "out of 10" not in page


def test_with_the_parents_consent_the_volunteer_also_sees_the_latest_rating(
    client, volunteer_user, matched
):
    ratings_consent_set(request=matched, agreed=True, given_by="parent via goal rating link")

    page = volunteer_page(client, volunteer_user)

    assert "now 7 out of 10" in page


def test_a_withdrawn_consent_hides_the_ratings_again(client, volunteer_user, matched):
    ratings_consent_set(request=matched, agreed=True, given_by="parent")
    ratings_consent_set(request=matched, agreed=False, given_by="parent")

    assert "out of 10" not in volunteer_page(client, volunteer_user)


def test_another_volunteer_sees_nothing_of_the_goals(client, matched):
    other = MatchFactory(status="active").volunteer
    assert goal_access(other.user, matched, as_volunteer=True) == GoalAccess.NONE


def test_the_coordinator_sees_everything_others_nothing(
    client, coordinator, other_coordinator, partner, matched
):
    ReferralFactory(request=matched, organisation=partner.organisation)

    assert goal_access(coordinator, matched) == GoalAccess.EVERYTHING
    assert goal_access(other_coordinator, matched) == GoalAccess.NONE
    assert goal_access(partner, matched) == GoalAccess.NONE
    assert goal_access(partner, matched, as_volunteer=True) == GoalAccess.NONE


def test_the_request_page_shows_the_network_map_at_intake_and_closure_side_by_side(
    client, coordinator, matched
):
    client.force_login(coordinator)
    url = f"/dashboard/verzoeken/{matched.pk}/doelen/netwerk/"
    client.post(url, {"moment": "intake", "network_talk": ["nobody"]})
    client.post(url, {"moment": "closure", "network_talk": ["volunteer", "network"]})

    page = client.get(f"/dashboard/verzoeken/{matched.pk}/").content.decode()

    row = page.split("Someone to talk to</th>")[1].split("</tr>")[0]
    assert row.index("Nobody") < row.index("Family, friends or neighbours")
    assert "The volunteer" in row


def test_nobody_cannot_go_together_with_a_helper(client, coordinator, matched):
    client.force_login(coordinator)

    response = client.post(
        f"/dashboard/verzoeken/{matched.pk}/doelen/netwerk/",
        {"moment": "intake", "network_talk": ["nobody", "network"]},
        follow=True,
    )

    assert "only when nobody else helps" in response.content.decode()
    assert not matched.network_maps.exists()
