"""The lists: search by name, reference code, PC4 and wijk; filter; sort; paginate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from families.models import RequestStatus
from matching.models import MatchStatus
from tests.factories import (
    FamilyFactory,
    MatchFactory,
    ParentFactory,
    SupportRequestFactory,
    VolunteerFactory,
)
from volunteers.models import VolunteerStatus

pytestmark = pytest.mark.django_db


def listed(response) -> list:
    return list(response.context["page"].object_list)


@pytest.fixture
def two_families():
    north = SupportRequestFactory(family=FamilyFactory(pc4="5045", wijk_id="WK085520"))
    ParentFactory(family=north.family, first_name="Yasmina", last_name="Kroonenberg")
    centre = SupportRequestFactory()
    ParentFactory(family=centre.family, first_name="Pieter", last_name="Dorrestein")
    return north, centre


def test_requests_are_found_by_parent_name(client, coordinator, two_families):
    north, _centre = two_families
    client.force_login(coordinator)
    assert listed(client.get("/dashboard/verzoeken/", {"q": "kroonen"})) == [north]


def test_requests_are_found_by_reference_code(client, coordinator, two_families):
    _north, centre = two_families
    client.force_login(coordinator)
    code = centre.reference_code.lower()
    assert listed(client.get("/dashboard/verzoeken/", {"q": code})) == [centre]


def test_requests_are_found_by_pc4_and_by_wijk(client, coordinator, two_families):
    north, centre = two_families
    client.force_login(coordinator)
    assert listed(client.get("/dashboard/verzoeken/", {"q": "5045"})) == [north]
    wijk_name = centre.family.wijk.name
    assert listed(client.get("/dashboard/verzoeken/", {"q": wijk_name})) == [centre]


def test_requests_are_filtered_by_status_and_sorted(client, coordinator):
    now = timezone.now()
    old = SupportRequestFactory(
        status=RequestStatus.WAITING_FOR_MATCH, created_at=now - dt.timedelta(days=9)
    )
    new = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH, created_at=now)
    SupportRequestFactory(status=RequestStatus.NEW)
    client.force_login(coordinator)
    response = client.get("/dashboard/verzoeken/", {"status": "waiting", "ordering": "received"})
    assert listed(response) == [old, new]
    response = client.get("/dashboard/verzoeken/", {"status": "waiting", "ordering": "-received"})
    assert listed(response) == [new, old]


def test_the_intake_queue_can_be_filtered(client, intake_coordinator):
    queued = SupportRequestFactory(programme=None, help_me_choose=True)
    SupportRequestFactory()
    client.force_login(intake_coordinator)
    assert listed(client.get("/dashboard/verzoeken/", {"programme": "null"})) == [queued]


def test_lists_are_paginated_and_keep_their_filters(client, coordinator):
    for _i in range(30):
        SupportRequestFactory(status=RequestStatus.NEW)
    client.force_login(coordinator)
    first = client.get("/dashboard/verzoeken/", {"status": "new"})
    assert len(listed(first)) == 25
    assert "status=new&amp;page=2" in first.content.decode()
    second = client.get("/dashboard/verzoeken/", {"status": "new", "page": 2})
    assert len(listed(second)) == 5


def test_families_are_found_by_name_and_reference_code(client, coordinator, two_families):
    north, centre = two_families
    client.force_login(coordinator)
    assert listed(client.get("/dashboard/gezinnen/", {"q": "Dorrestein"})) == [centre.family]
    code = north.reference_code
    assert listed(client.get("/dashboard/gezinnen/", {"q": code})) == [north.family]


def test_volunteers_are_found_by_name_and_filtered_by_status(client, coordinator):
    marloes = VolunteerFactory(first_name="Marloes", last_name="Abbinkveld")
    VolunteerFactory(status=VolunteerStatus.PAUSED)
    client.force_login(coordinator)
    assert listed(client.get("/dashboard/vrijwilligers/", {"q": "abbink"})) == [marloes]
    paused = listed(client.get("/dashboard/vrijwilligers/", {"status": "paused"}))
    assert [v.status for v in paused] == ["paused"]


def test_matches_are_filtered_by_status_and_found_by_volunteer(client, coordinator):
    active = MatchFactory(
        status=MatchStatus.ACTIVE, volunteer=VolunteerFactory(last_name="Ommerdijk")
    )
    MatchFactory(status=MatchStatus.ENDED, end_reason="other")
    client.force_login(coordinator)
    assert listed(client.get("/dashboard/koppelingen/", {"status": "active"})) == [active]
    assert listed(client.get("/dashboard/koppelingen/", {"q": "ommerdijk"})) == [active]


def test_a_search_without_results_says_so(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/dashboard/verzoeken/", {"q": "niemand-heet-zo"}).content.decode()
    assert "No requests found." in page
