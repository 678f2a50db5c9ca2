"""Coordinators and administrators set up an authenticator app before any page."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import with_totp

pytestmark = pytest.mark.django_db

TOTP_SETUP = "/accounts/2fa/totp/activate/"


def without_totp(user):
    """The cast has an authenticator app (tests/conftest.py); these tests take it away."""
    Authenticator.objects.filter(user=user).delete()
    return user


@pytest.mark.parametrize("who", ["coordinator", "intake_coordinator", "coalition_admin"])
def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client, request, who):
    client.force_login(without_totp(request.getfixturevalue(who)))

    response = client.get(reverse("coordinators:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == TOTP_SETUP


def test_the_setup_page_says_why(client, coordinator):
    client.force_login(without_totp(coordinator))

    response = client.get(reverse("coordinators:dashboard"), follow=True)

    assert "two-step login" in response.content.decode()


def test_staff_without_an_authenticator_app_can_open_the_setup_page_and_log_out(
    client, coordinator
):
    client.force_login(without_totp(coordinator))

    # allauth asks for the password again first (a sensitive step): no redirect loop.
    setup = client.get(TOTP_SETUP, follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_with_an_authenticator_app_open_the_dashboard(client, coordinator):
    client.force_login(with_totp(coordinator))

    response = client.get(reverse("coordinators:dashboard"))

    assert response.status_code == 200


def test_the_django_admin_is_behind_the_same_rule(client, coalition_admin):
    client.force_login(without_totp(coalition_admin))

    assert client.get("/beheer/")["Location"] == TOTP_SETUP

    with_totp(coalition_admin)
    assert client.get("/beheer/").status_code == 200


def test_the_admin_login_form_is_replaced_by_the_allauth_login(client):
    response = client.get("/beheer/login/?next=/beheer/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fbeheer%2F"


def test_partners_and_volunteers_are_not_forced(client, partner, volunteer_user):
    for user in (partner, volunteer_user):
        client.force_login(user)
        assert client.get(reverse("coordinators:home")).status_code == 200


def test_logging_in_with_a_password_asks_for_the_code_next(client, coordinator):
    with_totp(coordinator)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )

    response = client.post(
        reverse("account_login"),
        {"login": coordinator.email, "password": "correct horse battery staple"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_a_logged_in_non_admin_at_the_admin_gets_a_404_not_a_redirect_loop(client, partner):
    client.force_login(partner)

    response = client.get("/beheer/", follow=True)

    assert response.status_code == 404
    assert len(response.redirect_chain) == 1


def test_a_staff_page_costs_no_extra_query_for_the_two_step_check(
    client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    client.get(reverse("privacy:statement"))  # first page: checks and remembers

    with django_assert_num_queries(2):  # the session and the user, as for anyone
        client.get(reverse("privacy:statement"))


def test_removing_the_authenticator_app_is_noticed_within_minutes(client, coordinator):
    import datetime as dt

    import time_machine

    start = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(coordinator)
        assert client.get(reverse("coordinators:dashboard")).status_code == 200
        without_totp(coordinator)
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        assert client.get(reverse("coordinators:dashboard"))["Location"] == TOTP_SETUP
