"""Support moments for coordinators: the match page's panel (upcoming, recent,
delivered), planning and correcting from it, and the month of moments."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from coalition.people.models import AuditAction, AuditEvent
from matching.moments.models import Moment
from tests.factories import VolunteerFactory, moment_at, with_totp
from tests.matching.moment_helpers import NOW, active_match, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(buurtgezinnen):
    return active_match(VolunteerFactory(programmes=[buurtgezinnen]), child_name="Sam")


@pytest.fixture
def staff(client, coordinator):
    with_totp(coordinator)
    client.force_login(coordinator)
    return client


@time_machine.travel(NOW, tick=False)
def test_the_match_page_shows_moments_ahead_recent_and_what_took_place(staff, match):
    moment_at(match, at(1, 13), status="happened")
    moment_at(match, at(2, 17), kind="overnight", hours=17, status="happened")
    moment_at(match, at(2, 13))
    moment_at(match, at(10, 13))

    page = staff.get(reverse("coordinators:match_detail", args=[match.pk])).content.decode()

    assert "Support moments" in page
    assert "<strong>1</strong> dagdeel (part of a day)" in page
    assert "<strong>1</strong> overnight stay" in page
    assert "1 not confirmed yet" in page
    assert "Thursday 10 December" in page


@time_machine.travel(NOW, tick=False)
def test_the_coordinator_plans_a_weekly_moment_and_it_is_audited(staff, match, coordinator):
    response = staff.post(
        reverse("coordinators:match_moment_plan", args=[match.pk]),
        {"kind": "overnight", "day": "2026-12-04", "start": "17:00", "end": "10:00", "weeks": 2},
    )

    assert response.status_code == 302
    assert [m.starts_at for m in Moment.objects.order_by("starts_at")] == [at(4, 17), at(11, 17)]
    assert AuditEvent.objects.filter(
        actor_id=coordinator.pk, action=AuditAction.CHANGE, target_type="matching.match"
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_the_coordinator_corrects_a_moment_and_it_is_audited(staff, match, coordinator):
    moment = moment_at(match, at(1, 13), status="happened")

    staff.post(
        reverse("coordinators:match_moment_correct", args=[match.pk, moment.pk]),
        {"outcome": "cancelled_volunteer"},
    )

    moment.refresh_from_db()
    assert (moment.status, moment.cancelled_by, moment.confirmed_by) == (
        "cancelled",
        "volunteer",
        coordinator,
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, target_type="matching.moment", target_id=str(moment.pk)
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_a_coordinator_of_another_programme_gets_404_and_the_refusal_is_logged(
    client, match, other_coordinator
):
    moment = moment_at(match, at(1, 13))
    with_totp(other_coordinator)
    client.force_login(other_coordinator)

    response = client.post(
        reverse("coordinators:match_moment_correct", args=[match.pk, moment.pk]),
        {"outcome": "happened"},
    )

    assert response.status_code == 404
    moment.refresh_from_db()
    assert moment.status == "planned"
    assert AuditEvent.objects.filter(
        actor_id=other_coordinator.pk, action=AuditAction.DENIED
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_the_month_lists_the_programmes_moments_by_day_and_is_audited(
    staff, match, home_start, coordinator
):
    theirs = active_match(VolunteerFactory(programmes=[home_start]), programme=home_start)
    moment_at(theirs, at(4, 10), kind="visit")
    moment_at(match, at(4, 13))
    moment_at(match, at(20, 13))
    moment_at(match, at(5, 13, month=1, year=2027))

    page = staff.get(reverse("coordinators:moment_calendar")).content.decode()

    assert page.count('data-testid="calendar-moment"') == 2
    assert theirs.request.reference_code not in page
    assert AuditEvent.objects.filter(
        actor_id=coordinator.pk, target_type="matching.moment"
    ).exists()
    january = staff.get(reverse("coordinators:moment_calendar"), {"maand": "2027-01"})
    assert january.content.decode().count('data-testid="calendar-moment"') == 1


@time_machine.travel(NOW, tick=False)
def test_the_month_costs_the_same_queries_with_few_or_many_moments(
    staff, match, django_assert_num_queries
):
    url = reverse("coordinators:moment_calendar")
    staff.get(url)
    moment_at(match, at(1, 13))
    with django_assert_num_queries(QUERIES):
        assert staff.get(url).status_code == 200
    for day in range(2, 28):
        other = active_match(VolunteerFactory(programmes=[match.programme]))
        moment_at(other, at(day, 13))
    with django_assert_num_queries(QUERIES):
        assert staff.get(url).status_code == 200


# Session and user (2), the audit event with the actor's organisation
# (2), the month's moments with match, request, volunteer and programme (1).
QUERIES = 5
