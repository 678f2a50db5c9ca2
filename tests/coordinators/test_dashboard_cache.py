"""Today's work is reused for a minute per session: a coordinator's own changes
show at once, colleagues' changes within the minute, nobody sees another's copy."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import SupportRequestFactory, programme

pytestmark = pytest.mark.django_db

DASHBOARD = "/dashboard/"


def new_request():
    return SupportRequestFactory(programme=programme("buurtgezinnen"), status="new")


def page(client, url=DASHBOARD) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_reload_within_the_minute_costs_only_the_login_queries(
    client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    page(client)

    # the session and the user; the audit event (the coordinator's organisation, the row)
    with django_assert_num_queries(4):
        page(client)


def test_a_colleagues_change_shows_after_the_cache_period_or_on_refresh(
    client, coordinator, settings
):
    client.force_login(coordinator)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        page(client)
        request = new_request()  # e.g. a parent submitted the form meanwhile
        assert request.reference_code not in page(client)
        assert request.reference_code in page(client, DASHBOARD + "?fresh=1")
    later = start + dt.timedelta(seconds=settings.DASHBOARD_CACHE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert request.reference_code in page(client)


def test_the_coordinators_own_action_shows_at_once(client, coordinator):
    request = new_request()
    client.force_login(coordinator)
    assert request.reference_code in page(client)  # a new request, on the page and cached

    client.post(
        reverse("coordinators:request_plan_intake", args=[request.pk]),
        {"when": (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")},
    )

    request.refresh_from_db()
    assert request.status == "intake_planned"
    new_panel = page(client).split('id="new-requests"')[1].split("</section>")[0]
    assert request.reference_code not in new_panel


def test_each_session_has_its_own_copy(client, coordinator, django_user_model):
    from django.test import Client

    from tests.factories import CoordinatorFactory

    client.force_login(coordinator)
    page(client)
    colleague = CoordinatorFactory(
        user__first_name="Wendelien",
        programme_for_org=programme("buurtgezinnen"),
        programmes=[programme("buurtgezinnen")],
    ).user
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(colleague)

    assert "Welcome, Wendelien." in page(other)
    assert "Welcome, Wendelien." not in page(client)


def test_a_message_after_an_action_is_shown_once(client, coordinator):
    request = new_request()
    client.force_login(coordinator)
    client.post(
        reverse("coordinators:request_plan_intake", args=[request.pk]),
        {"when": (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")},
    )

    first = page(client)
    second = page(client)

    assert "alert-success" in first
    assert "alert-success" not in second


def test_the_cache_can_be_switched_off(client, coordinator, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    client.force_login(coordinator)
    page(client)
    request = new_request()

    assert request.reference_code in page(client)
