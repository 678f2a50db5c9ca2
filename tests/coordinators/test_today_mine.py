"""Today's work opens on "mine": the coordinator's own cases and those nobody holds
yet; "my programmes'" shows their colleagues' cases too."""

from __future__ import annotations

import pytest
from django.utils import timezone

from families.models import RequestStatus
from tests.factories import CoordinatorFactory, MatchFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(buurtgezinnen):
    return CoordinatorFactory(
        user__email="collega@buurtgezinnen.example.org",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user


@pytest.fixture
def cases(coordinator, colleague):
    mine = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH, owner=coordinator)
    theirs = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH, owner=colleague)
    nobodys = SupportRequestFactory(status=RequestStatus.NEW)
    their_match = MatchFactory(
        request=SupportRequestFactory(status=RequestStatus.MATCHED, owner=colleague),
        coordinator=colleague,
        status="active",
    )
    their_match.followups.create(kind="evaluation", due_on=timezone.localdate())
    return {"mine": mine, "theirs": theirs, "nobodys": nobodys, "their_match": their_match}


def test_mine_shows_my_cases_and_the_unowned_ones(client, coordinator, cases):
    client.force_login(coordinator)
    page = client.get("/dashboard/").content.decode()
    assert cases["mine"].reference_code in page
    assert cases["nobodys"].reference_code in page
    assert cases["theirs"].reference_code not in page
    assert cases["their_match"].request.reference_code not in page
    assert 'aria-current="page">Mine<' in page


def test_my_programmes_shows_my_colleagues_cases_too(client, coordinator, cases):
    client.force_login(coordinator)
    page = client.get("/dashboard/?scope=programme").content.decode()
    for case in ("mine", "theirs", "nobodys"):
        assert cases[case].reference_code in page
    assert cases["their_match"].request.reference_code in page


def test_each_view_is_cached_on_its_own(client, coordinator, cases):
    client.force_login(coordinator)
    client.get("/dashboard/")
    page = client.get("/dashboard/?scope=programme").content.decode()
    assert cases["theirs"].reference_code in page
    assert cases["theirs"].reference_code not in client.get("/dashboard/").content.decode()


def test_the_coalition_admin_sees_everything_without_a_switch(client, coalition_admin, cases):
    client.force_login(coalition_admin)
    page = client.get("/dashboard/").content.decode()
    assert cases["theirs"].reference_code in page
    assert 'data-testid="scope-switch"' not in page
