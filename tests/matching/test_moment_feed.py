"""The volunteer's private calendar feed: their moments, first names only, a secret
address kept as a hash that stops at once when renewed or revoked."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from coalition.private_links import link_token_hash
from matching.case import match_end
from matching.moments.models import CalendarFeed
from matching.moments.services import calendar_feed_renew
from tests.factories import VolunteerFactory, moment_at
from tests.matching.moment_helpers import NOW, active_match, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(volunteer_user):
    return active_match(volunteer_user.volunteer, child_name="Sam", surname="Quirijnsen")


def feed_url(token: str) -> str:
    return reverse("matching:moments_feed", args=[token])


def events(response) -> list:
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


@time_machine.travel(NOW, tick=False)
def test_the_feed_holds_the_moments_with_first_names_and_no_surname_or_address(
    client, match, volunteer_user
):
    moment_at(match, at(5, 13))
    moment_at(match, at(5, 17), kind="overnight", hours=17)
    token = calendar_feed_renew(volunteer=volunteer_user.volunteer)

    response = client.get(feed_url(token))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    found = events(response)
    assert [str(e["summary"]) for e in found] == [
        "Dagdeel (part of a day) · Sam",
        "Overnight stay · Sam",
    ]
    assert found[0]["dtstart"].dt == at(5, 13)
    assert found[1]["dtend"].dt == at(6, 10)
    body = response.content.decode()
    assert "Quirijnsen" not in body
    assert "5038" not in body
    assert "Fatima" not in body
    assert "Buurtgezinnen" not in body


def test_only_the_hash_of_the_address_is_kept(volunteer_user):
    token = calendar_feed_renew(volunteer=volunteer_user.volunteer)

    feed = CalendarFeed.objects.get()
    assert feed.token_hash == link_token_hash(token)
    assert token not in str(vars(feed))


@time_machine.travel(NOW, tick=False)
def test_a_renewed_address_stops_the_old_one_at_once(client, match, volunteer_user):
    old = calendar_feed_renew(volunteer=volunteer_user.volunteer)
    assert client.get(feed_url(old)).status_code == 200

    new = calendar_feed_renew(volunteer=volunteer_user.volunteer)

    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_the_volunteer_revokes_their_address_from_their_page_and_it_404s_at_once(
    client, match, volunteer_user
):
    client.force_login(volunteer_user)
    page = client.post(reverse("matching:calendar_feed_renew"))
    url = page.context["feed_url"]
    assert url.endswith(".ics")
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200

    client.post(reverse("matching:calendar_feed_revoke"))

    assert client.get("/" + path).status_code == 404
    assert not CalendarFeed.objects.exists()
    assert (
        "You have no calendar address."
        in client.get(reverse("matching:calendar_feed")).content.decode()
    )


@time_machine.travel(NOW, tick=False)
def test_cancelled_moments_and_those_of_an_ended_match_leave_the_feed(
    client, match, volunteer_user, coordinator
):
    moment_at(match, at(2, 13), status="cancelled", cancelled_by="family")
    moment_at(match, at(1, 13), status="happened")
    ahead = moment_at(match, at(10, 13))
    token = calendar_feed_renew(volunteer=volunteer_user.volunteer)
    assert len(events(client.get(feed_url(token)))) == 2

    match_end(match=match, reason="no_click", by=coordinator)

    assert events(client.get(feed_url(token))) == []
    ahead.refresh_from_db()
    assert ahead.status == "cancelled"


@time_machine.travel(NOW, tick=False)
def test_the_feed_shows_only_the_volunteers_own_moments(
    client, match, volunteer_user, buurtgezinnen
):
    other = active_match(VolunteerFactory(programmes=[buurtgezinnen]), child_name="Noor")
    moment_at(other, at(5, 13))
    moment_at(match, at(6, 13))
    token = calendar_feed_renew(volunteer=volunteer_user.volunteer)

    summaries = [str(e["summary"]) for e in events(client.get(feed_url(token)))]

    assert summaries == ["Dagdeel (part of a day) · Sam"]


@time_machine.travel(NOW, tick=False)
def test_a_closed_account_has_no_feed(client, match, volunteer_user):
    token = calendar_feed_renew(volunteer=volunteer_user.volunteer)
    volunteer_user.is_active = False
    volunteer_user.save()

    assert client.get(feed_url(token)).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_feed_costs_three_queries_with_few_or_many_moments(
    client, match, volunteer_user, django_assert_num_queries
):
    token = calendar_feed_renew(volunteer=volunteer_user.volunteer)
    moment_at(match, at(5, 13))
    with django_assert_num_queries(3):
        assert len(events(client.get(feed_url(token)))) == 1
    for day in range(6, 30):
        moment_at(match, at(day, 13))
    with django_assert_num_queries(3):
        assert len(events(client.get(feed_url(token)))) == 25
