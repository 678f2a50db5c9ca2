"""The intake agenda: planned intakes per day, mine by default, my programmes' or a
colleague's on request, and one intake as a calendar file that says little."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from families.services import request_plan_intake
from tests.factories import CoordinatorFactory, ParentFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=AMSTERDAM)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def colleague(buurtgezinnen):
    return CoordinatorFactory(
        user__first_name="Noor",
        user__last_name="Collega",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user


def planned(by, when, **kwargs):
    request = SupportRequestFactory(status="new", **kwargs)
    request_plan_intake(request=request, when=when, by=by)
    return request


@time_machine.travel(NOW, tick=False)
def test_my_agenda_lists_my_intakes_by_day_upcoming_first(client, coordinator, colleague):
    later = planned(coordinator, at(8, 14))
    soon = planned(coordinator, at(4, 10, 30))
    same_day = planned(coordinator, at(8, 9))
    missed = planned(coordinator, at(2, 11))
    theirs = planned(colleague, at(4, 11))
    client.force_login(coordinator)
    page = client.get("/dashboard/intakes/").content.decode()
    codes = [soon, same_day, later, missed]
    positions = [page.index(r.reference_code) for r in codes]
    assert positions == sorted(positions)
    assert theirs.reference_code not in page
    assert page.count('data-testid="agenda-day"') == 2  # 4 and 8 December
    assert "Friday 4 December 2026" in page
    assert "not yet recorded" in page


@time_machine.travel(NOW, tick=False)
def test_my_programmes_agenda_and_a_colleagues_agenda(client, coordinator, colleague):
    mine = planned(coordinator, at(4, 10))
    theirs = planned(colleague, at(4, 11))
    client.force_login(coordinator)
    everyone = client.get("/dashboard/intakes/?who=programmes").content.decode()
    assert mine.reference_code in everyone and theirs.reference_code in everyone
    assert "Noor Collega" in everyone
    only_theirs = client.get(f"/dashboard/intakes/?who={colleague.pk}").content.decode()
    assert theirs.reference_code in only_theirs
    assert mine.reference_code not in only_theirs


@time_machine.travel(NOW, tick=False)
def test_another_programmes_intakes_are_not_on_the_agenda(
    client, coordinator, other_coordinator, home_start
):
    hidden = planned(other_coordinator, at(4, 10), programme=home_start)
    client.force_login(coordinator)
    page = client.get("/dashboard/intakes/?who=programmes").content.decode()
    assert hidden.reference_code not in page
    # A colleague from another programme cannot be chosen: the filter falls back to mine.
    page = client.get(f"/dashboard/intakes/?who={other_coordinator.pk}").content.decode()
    assert hidden.reference_code not in page
    assert client.get(f"/dashboard/intakes/{hidden.pk}/intake.ics").status_code == 404


def test_planning_an_intake_makes_the_planner_responsible_unless_someone_is(coordinator, colleague):
    first = planned(coordinator, timezone.now() + dt.timedelta(days=1))
    assert first.owner == coordinator
    owned = SupportRequestFactory(status="new", owner=colleague)
    request_plan_intake(request=owned, when=timezone.now() + dt.timedelta(days=1), by=coordinator)
    owned.refresh_from_db()
    assert owned.owner == colleague


@time_machine.travel(NOW, tick=False)
def test_the_calendar_file_holds_the_code_and_time_and_nothing_about_the_family(
    client, coordinator
):
    request = planned(coordinator, at(8, 10, 30))
    ParentFactory(
        family=request.family, first_name="Fatmagül", phone="06-98765432", email="f@example.org"
    )
    client.force_login(coordinator)
    response = client.get(f"/dashboard/intakes/{request.pk}/intake.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert f"SUMMARY:Intake {request.reference_code}" in body
    assert "DTSTART:20261208T093000Z" in body  # 10:30 in Amsterdam
    assert "DTEND:20261208T103000Z" in body
    assert f"UID:intake-{request.pk}@" in body
    for private in ("Fatmag", "06-98765432", "f@example.org", "5038", "Buurtgezinnen"):
        assert private not in body


def test_a_request_without_a_planned_intake_has_no_calendar_file(client, coordinator):
    request = SupportRequestFactory(status="new")
    client.force_login(coordinator)
    assert client.get(f"/dashboard/intakes/{request.pk}/intake.ics").status_code == 404


def test_the_agenda_is_linked_from_todays_work_and_the_menu(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/dashboard/?fresh=1").content.decode()
    assert page.count('href="/dashboard/intakes/"') >= 2


def _warm_up(client):
    assert client.get("/dashboard/").status_code == 200


def test_the_agenda_costs_the_same_queries_with_3_and_30_intakes(
    client, coordinator, colleague, django_assert_num_queries
):
    client.force_login(coordinator)
    _warm_up(client)
    for i in range(3):
        planned(coordinator if i % 2 else colleague, timezone.now() + dt.timedelta(hours=i + 1))
    for who in ("", "?who=programmes", f"?who={colleague.pk}"):
        with django_assert_num_queries(6):  # 4 for the page, 2 for its audit event
            assert client.get(f"/dashboard/intakes/{who}").status_code == 200
    for i in range(27):
        planned(coordinator if i % 2 else colleague, timezone.now() + dt.timedelta(days=i % 9))
    for who in ("", "?who=programmes", f"?who={colleague.pk}"):
        with django_assert_num_queries(6):  # 4 for the page, 2 for its audit event
            assert client.get(f"/dashboard/intakes/{who}").status_code == 200
