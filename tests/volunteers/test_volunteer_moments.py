"""The volunteer's moments pages: a month of their own moments, planning once or
weekly, and the one-tap confirmation from the nudge's link."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from matching.moments.models import Moment
from tests.factories import VolunteerFactory, moment_at
from tests.matching.moment_helpers import NOW, active_match, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(volunteer_user):
    return active_match(volunteer_user.volunteer, child_name="Sam")


@pytest.fixture
def volunteer_client(client, volunteer_user):
    client.force_login(volunteer_user)
    return client


@time_machine.travel(NOW, tick=False)
def test_the_page_lists_past_moments_to_confirm_and_the_month(volunteer_client, match):
    moment_at(match, at(1, 13))
    moment_at(match, at(10, 17), kind="overnight", hours=17)

    page = volunteer_client.get(reverse("matching:volunteer_moments")).content.decode()

    assert page.count('data-testid="moment-to-confirm"') == 1
    assert page.count('data-testid="calendar-moment"') == 2
    assert "December 2026" in page
    assert "Sam" in page


@time_machine.travel(NOW, tick=False)
def test_the_volunteer_plans_a_weekly_dagdeel_from_their_page(volunteer_client, match):
    response = volunteer_client.post(
        reverse("matching:volunteer_moment_plan"),
        {
            "match": match.pk,
            "kind": "dagdeel",
            "day": "2026-12-05",
            "start": "13:00",
            "end": "17:00",
            "weeks": 4,
        },
    )

    assert response.status_code == 302
    days = [m.starts_at.day for m in Moment.objects.order_by("starts_at")]
    assert days == [5, 12, 19, 26]
    page = volunteer_client.get(reverse("matching:volunteer_moments")).content.decode()
    assert "4 moment(s) planned with Sam." in page


@time_machine.travel(NOW, tick=False)
def test_an_overnight_stay_ends_the_next_morning(volunteer_client, match):
    volunteer_client.post(
        reverse("matching:volunteer_moment_plan"),
        {
            "match": match.pk,
            "kind": "overnight",
            "day": "2026-12-05",
            "start": "17:00",
            "end": "10:00",
            "weeks": 1,
        },
    )

    moment = Moment.objects.get()
    assert (moment.starts_at, moment.ends_at) == (at(5, 17), at(6, 10))


@time_machine.travel(NOW, tick=False)
def test_a_volunteer_cannot_plan_for_someone_elses_match(volunteer_client, buurtgezinnen, match):
    other = active_match(VolunteerFactory(programmes=[buurtgezinnen]))

    response = volunteer_client.post(
        reverse("matching:volunteer_moment_plan"),
        {
            "match": other.pk,
            "kind": "dagdeel",
            "day": "2026-12-05",
            "start": "13:00",
            "end": "17:00",
            "weeks": 1,
        },
    )

    assert response.status_code == 400
    assert not Moment.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_one_tap_says_the_moment_happened(volunteer_client, match, volunteer_user):
    moment = moment_at(match, at(1, 13))
    url = reverse("matching:volunteer_moment", args=[moment.pk])
    page = volunteer_client.get(url).content.decode()
    assert "Did it take place?" in page
    assert 'value="happened"' in page

    response = volunteer_client.post(url, {"outcome": "happened"})

    assert response.status_code == 302
    moment.refresh_from_db()
    assert (moment.status, moment.confirmed_by) == ("happened", volunteer_user)
    assert "Already saved" in volunteer_client.get(url).content.decode()


@time_machine.travel(NOW, tick=False)
def test_one_tap_says_the_family_cancelled(volunteer_client, match):
    moment = moment_at(match, at(1, 13))

    volunteer_client.post(
        reverse("matching:volunteer_moment", args=[moment.pk]), {"outcome": "cancelled_family"}
    )

    moment.refresh_from_db()
    assert (moment.status, moment.cancelled_by) == ("cancelled", "family")


@time_machine.travel(NOW, tick=False)
def test_a_volunteer_sees_only_the_moments_of_their_own_matches(
    volunteer_client, match, buurtgezinnen
):
    other = active_match(VolunteerFactory(programmes=[buurtgezinnen]), child_name="Noor")
    theirs = moment_at(other, at(1, 13))
    moment_at(match, at(2, 13))

    page = volunteer_client.get(reverse("matching:volunteer_moments")).content.decode()
    one = volunteer_client.get(reverse("matching:volunteer_moment", args=[theirs.pk]))
    tap = volunteer_client.post(
        reverse("matching:volunteer_moment", args=[theirs.pk]), {"outcome": "happened"}
    )

    assert "Noor" not in page
    assert (one.status_code, tap.status_code) == (404, 404)
    theirs.refresh_from_db()
    assert theirs.status == "planned"


@time_machine.travel(NOW, tick=False)
def test_the_moments_page_costs_the_same_queries_with_few_or_many_moments(
    volunteer_client, match, django_assert_num_queries
):
    url = reverse("matching:volunteer_moments")
    volunteer_client.get(url)
    moment_at(match, at(1, 13))
    with django_assert_num_queries(QUERIES):
        assert volunteer_client.get(url).status_code == 200
    for day in range(2, 28):
        moment_at(match, at(day, 13))
    with django_assert_num_queries(QUERIES):
        assert volunteer_client.get(url).status_code == 200


# Session and user (2), plannable matches with their kinds and children (3), moments
# to confirm with children (2), the month with children (2), the calendar address (1).
QUERIES = 10
