"""Staff and partners are logged out after STAFF_IDLE_TIMEOUT_MINUTES without a request."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def test_a_coordinator_idle_for_longer_than_the_limit_must_log_in_again(staff_client, coordinator):
    with time_machine.travel(START, tick=False):
        client = staff_client(coordinator)
        assert client.get(reverse("coordinators:dashboard")).status_code == 200

    with time_machine.travel(START + dt.timedelta(minutes=31), tick=False):
        response = client.get(reverse("coordinators:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_activity_within_the_limit_keeps_the_session(staff_client, coordinator, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    client = None
    for minutes in (0, 25, 50, 75):
        with time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False):
            client = client or staff_client(coordinator)
            assert client.get(reverse("coordinators:dashboard")).status_code == 200


def test_volunteers_are_not_logged_out_for_being_idle(client, volunteer_user):
    with time_machine.travel(START, tick=False):
        client.force_login(volunteer_user)
        client.get(reverse("coordinators:home"))
    with time_machine.travel(START + dt.timedelta(hours=3), tick=False):
        client.get(reverse("coordinators:home"))
        assert client.session["_auth_user_id"] == str(volunteer_user.pk)


def test_a_partner_idle_for_longer_than_the_limit_must_log_in_again(client, partner):
    # A partner's screen shows the families they referred: the same rule as staff.
    with time_machine.travel(START, tick=False):
        client.force_login(partner)
        assert client.get(reverse("families:partner_home")).status_code == 200

    with time_machine.travel(START + dt.timedelta(minutes=31), tick=False):
        response = client.get(reverse("families:partner_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_a_partner_active_within_the_limit_stays_logged_in(client, partner, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    for minutes in (0, 25, 50, 75):
        with time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False):
            if minutes == 0:
                client.force_login(partner)
            assert client.get(reverse("families:partner_home")).status_code == 200
