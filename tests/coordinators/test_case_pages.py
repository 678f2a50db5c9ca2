"""The coordinator's pages over a case's life: ending a match early, finding another
volunteer from the request page, the waiting list in fair order, a volunteer who stops."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import RequestStatus, SupportRequest
from matching.case import match_end
from matching.models import EndReason, Match, MatchStatus
from tests.factories import UserFactory, VolunteerFactory
from tests.matching.case_helpers import match_to, waiting_family
from tests.matching.engine_helpers import volunteer_for, waiting_request
from volunteers.models import Volunteer, VolunteerStatus

pytestmark = pytest.mark.django_db


def end_match(client, match, **data):
    return client.post(
        reverse("coordinators:match_end", args=[match.pk]),
        {
            "reason": EndReason.NO_CLICK,
            "outcome": "unknown",
            "on": timezone.localdate().isoformat(),
            **data,
        },
        follow=True,
    )


def test_ending_early_on_the_match_page_puts_the_family_back_on_the_waiting_list(
    client, coordinator
):
    match = match_to(waiting_family(), coordinator)
    client.force_login(coordinator)

    end_match(client, match, after="wait")

    match.request.refresh_from_db()
    assert match.request.status == RequestStatus.WAITING_FOR_MATCH


def test_the_coordinator_can_close_the_request_from_the_match_page(client, coordinator):
    match = match_to(waiting_family(), coordinator)
    client.force_login(coordinator)

    response = end_match(client, match, after="close", close_reason="Gaat goed zo")

    match.request.refresh_from_db()
    assert match.request.status == RequestStatus.CLOSED
    assert "Match ended." in response.content.decode()


def test_the_request_page_shows_earlier_matches_and_offers_another_volunteer(client, coordinator):
    request = waiting_family()
    match = match_to(request, coordinator)
    match_end(match=match, reason=EndReason.NO_CLICK, by=coordinator)
    client.force_login(coordinator)

    page = client.get(reverse("coordinators:request_detail", args=[request.pk])).content.decode()

    assert str(match.volunteer) in page
    assert "No click between family and volunteer" in page
    assert 'data-testid="find-another"' in page
    assert reverse("matching:shortlist", args=[request.pk]) in page


def test_the_shortlist_leaves_out_the_earlier_volunteer_unless_asked(
    client, coordinator, buurtgezinnen
):
    request = waiting_request(buurtgezinnen)
    earlier = volunteer_for(buurtgezinnen, first_name="Eerdere")
    other = volunteer_for(buurtgezinnen, first_name="Nieuwe")
    match = match_to(request, coordinator, volunteer=earlier, until=MatchStatus.PROPOSED)
    match_end(match=match, reason=EndReason.NOT_STARTED, by=coordinator)
    client.force_login(coordinator)
    url = reverse("matching:shortlist", args=[request.pk])

    page = client.get(url).content.decode()
    assert f'name="volunteer" value="{other.pk}"' in page
    assert f'name="volunteer" value="{earlier.pk}"' not in page
    assert "1 volunteer whose match with this family ended is left out." in page

    page = client.get(url, {"earlier": "on"}).content.decode()
    assert f'name="volunteer" value="{earlier.pk}"' in page


def test_the_shortlist_says_how_many_more_are_eligible(client, coordinator, buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    for _ in range(13):
        volunteer_for(buurtgezinnen)
    client.force_login(coordinator)

    page = client.get(reverse("matching:shortlist", args=[request.pk])).content.decode()

    assert "3 more suitable volunteers are not shown." in page


def test_the_waiting_panel_orders_by_the_day_a_family_first_waited(client, coordinator):
    early, late = waiting_family(), waiting_family()
    ten_days_ago = timezone.now() - dt.timedelta(days=10)
    SupportRequest.objects.filter(pk=early.pk).update(waiting_since=ten_days_ago)
    # The early family waited again only today: it keeps its place at the top.
    SupportRequest.objects.filter(pk=early.pk).update(status_changed_at=timezone.now())
    client.force_login(coordinator)

    page = client.get(reverse("coordinators:dashboard") + "?fresh=1").content.decode()

    assert page.index(early.reference_code) < page.index(late.reference_code)


def test_a_volunteer_first_sees_which_families_their_stop_concerns(client, coordinator):
    user = UserFactory(email="joke@example.org", role="volunteer")
    volunteer = VolunteerFactory(user=user, email=user.email)
    match = match_to(waiting_family(), coordinator, volunteer=volunteer)
    client.force_login(user)
    url = reverse("volunteers:change_status")

    page = client.post(url, {"action": "stop", "reason": ""}).content.decode()

    assert 'data-testid="open-matches"' in page
    assert "You are matched with 1 family:" in page
    assert Volunteer.objects.get(pk=volunteer.pk).status == VolunteerStatus.ACTIVE

    client.post(url, {"action": "stop", "reason": "", "confirm": "on"})

    volunteer.refresh_from_db()
    match.refresh_from_db()
    assert volunteer.status == VolunteerStatus.STOPPED
    assert match.status == MatchStatus.ACTIVE  # now the coordinator's task


def test_the_coordinator_ends_a_stopping_volunteers_matches_from_their_page(client, coordinator):
    volunteer = VolunteerFactory()
    match = match_to(waiting_family(), coordinator, volunteer=volunteer)
    client.force_login(coordinator)
    page_url = reverse("coordinators:volunteer_detail", args=[volunteer.pk])

    assert 'data-testid="open-matches-stopped"' in client.get(page_url).content.decode()
    client.post(
        reverse("coordinators:volunteer_status", args=[volunteer.pk]),
        {"to_status": "stopped", "reason": "Verhuist", "open_matches": "end"},
    )

    match = Match.objects.select_related("request").get(pk=match.pk)
    assert match.status == MatchStatus.ENDED
    assert match.request.status == RequestStatus.WAITING_FOR_MATCH
