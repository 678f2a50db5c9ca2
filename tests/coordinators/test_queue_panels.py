"""The intake queue on today's work shows how many wait and links to all of them;
a new "help me choose" request is never hidden behind older ones; the idle
volunteers panel is ordered by the days they have waited."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from coordinators.selectors import PANEL_LIMIT, dashboard_overview
from families.services import request_plan_intake, request_submit
from matching.models import MatchStatus
from tests.factories import MatchFactory, SupportRequestFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def help_me_choose_from_the_form():
    return request_submit(
        first_name="Fatma",
        phone="06 12345678",
        email="fatma@example.org",
        contact_preference="phone",
        contact_times="",
        postcode="5038 AB",
        children=[("Sara", 3)],
        situation=["overloaded"],
        situation_text="",
        programme=None,
        availability=0b111,
        languages=["nl"],
        needs_shared_language=False,
        language="nl",
        consent_text="Ik geef toestemming.",
        consent_version="test",
    ).request


def old_queue(n: int, intake_coordinator):
    """n older requests in the queue whose intake is already planned."""
    for i in range(n):
        request = SupportRequestFactory(
            programme=None,
            help_me_choose=True,
            created_at=timezone.now() - dt.timedelta(days=30 + i),
        )
        request_plan_intake(
            request=request, when=timezone.now() + dt.timedelta(days=1), by=intake_coordinator
        )


def test_a_new_help_me_choose_request_shows_in_a_full_intake_queue(client, intake_coordinator):
    old_queue(PANEL_LIMIT + 5, intake_coordinator)
    new = help_me_choose_from_the_form()
    queue = dashboard_overview(user=intake_coordinator).intake_queue
    assert queue[0].obj == new
    assert queue.total == PANEL_LIMIT + 6
    client.force_login(intake_coordinator)
    page = client.get("/dashboard/?fresh=1").content.decode()
    assert new.reference_code in page
    assert f"all {PANEL_LIMIT + 6}" in page


def test_the_all_link_lists_the_whole_queue(client, intake_coordinator):
    old_queue(PANEL_LIMIT + 5, intake_coordinator)
    new = help_me_choose_from_the_form()
    SupportRequestFactory(programme=None, help_me_choose=True, status="withdrawn")
    client.force_login(intake_coordinator)
    page = client.get("/dashboard/?fresh=1").content.decode()
    assert 'href="/dashboard/verzoeken/?queue=intake"' in page
    listing = client.get("/dashboard/verzoeken/?queue=intake")
    assert listing.context["page"].paginator.count == PANEL_LIMIT + 6
    assert listing.context["page"][0] == new


def test_the_count_reads_well_for_one_request(client, intake_coordinator):
    help_me_choose_from_the_form()
    client.force_login(intake_coordinator)
    page = client.get("/dashboard/?fresh=1").content.decode()
    assert "all 1<" in page


@time_machine.travel(dt.datetime(2026, 11, 20, 12, 0, tzinfo=AMSTERDAM), tick=False)
def test_idle_volunteers_are_ordered_by_the_days_they_waited(coordinator):
    today = timezone.localdate()

    def idle_for(approved_days_ago: int, ended_days_ago: int | None = None):
        volunteer = VolunteerFactory(
            status_changed_at=timezone.now() - dt.timedelta(days=approved_days_ago)
        )
        if ended_days_ago is not None:
            MatchFactory(
                volunteer=volunteer,
                status=MatchStatus.ENDED,
                end_reason="planned_end",
                ended_on=today - dt.timedelta(days=ended_days_ago),
            )
        return volunteer

    # Approved long ago but free only since a match ended: fewer days than the
    # order of approval suggests (the mix-up of 1026, 470, 118, 355 days).
    a = idle_for(1026)
    b = idle_for(900, ended_days_ago=118)
    c = idle_for(470)
    d = idle_for(400, ended_days_ago=355)
    rows = dashboard_overview(user=coordinator).idle_volunteers
    assert [row.days for row in rows] == [1026, 470, 355, 118]
    assert [row.obj for row in rows] == [a, c, d, b]
