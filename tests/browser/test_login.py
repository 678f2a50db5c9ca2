"""A demo coordinator, exactly as `make run` prints the login, signs in and sees today's work."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from coalition.people.models import User
from devtools.demo.constants import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.browser.journey_helpers import log_in_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_COORDINATOR = "coordinator.buurtgezinnen@demo.example.org"


def test_a_demo_coordinator_logs_in_and_sees_todays_work(page, live_server, screenshot):
    output = StringIO()
    call_command("seed_demo", families=100, volunteers=70, seed=3, stdout=output)
    assert DEMO_COORDINATOR in output.getvalue()  # printed for whoever runs `make run`
    coordinator = User.objects.get(email=DEMO_COORDINATOR)

    log_in_on(page, live_server.url, DEMO_COORDINATOR, DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)

    expect(page.locator("h1")).to_contain_text("Werk van vandaag")
    expect(page.locator("body")).to_contain_text(f"Welkom, {coordinator.first_name}.")
    assert screenshot("coordinator-home").exists()
