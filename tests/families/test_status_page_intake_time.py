"""The parent's status page names the planned intake time, in the page's language."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from families.services import request_issue_status_link, request_plan_intake
from tests.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def status_page(client, request, language: str):
    token = request_issue_status_link(request=request)
    client.cookies["django_language"] = language
    return client.get(_url(token))


def _url(token: str) -> str:
    from django.urls import reverse

    return reverse("families:request_status", args=[token])


@time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=AMSTERDAM), tick=False)
def test_the_status_page_shows_the_planned_time_in_dutch(client, coordinator):
    request = SupportRequestFactory(status="new", language="nl")
    request_plan_intake(
        request=request, when=dt.datetime(2026, 12, 8, 9, 30, tzinfo=dt.UTC), by=coordinator
    )
    page = status_page(client, request, "nl").content.decode()
    assert "dinsdag 8 december 2026" in page
    assert "10:30" in page  # Amsterdam time


@time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=AMSTERDAM), tick=False)
def test_the_status_page_shows_the_planned_time_in_polish(client, coordinator):
    request = SupportRequestFactory(status="new", language="pl")
    request_plan_intake(
        request=request, when=dt.datetime(2026, 12, 8, 10, 30, tzinfo=AMSTERDAM), by=coordinator
    )
    page = status_page(client, request, "pl").content.decode()
    assert "wtorek" in page.lower()
    assert "10:30" in page


def test_without_a_planned_intake_the_page_names_no_time(client):
    request = SupportRequestFactory(status="new")
    page = status_page(client, request, "en")
    assert 'data-testid="intake-planned"' not in page.content.decode()


def test_a_moment_that_has_passed_is_not_shown(client, coordinator):
    request = SupportRequestFactory(status="new")
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=AMSTERDAM), tick=False):
        request_plan_intake(
            request=request, when=dt.datetime(2026, 12, 4, 10, 0, tzinfo=AMSTERDAM), by=coordinator
        )
    with time_machine.travel(dt.datetime(2026, 12, 5, 9, 0, tzinfo=AMSTERDAM), tick=False):
        page = status_page(client, request, "en").content.decode()
    assert 'data-testid="intake-planned"' not in page
