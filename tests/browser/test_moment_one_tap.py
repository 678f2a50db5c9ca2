"""A volunteer confirms a past support moment with one tap on a phone (390 by 844, Dutch),
from the link in the nudge, and the page fits the screen."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import Page, expect

from matching.moments.models import Moment
from tests.factories import moment_at
from tests.matching.moment_helpers import active_match

PAGE_WIDER_THAN_SCREEN = (
    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
)


@pytest.mark.browser
@pytest.mark.browser_context_args(locale="nl-NL", viewport={"width": 390, "height": 844})
@pytest.mark.django_db(transaction=True)
def test_a_volunteer_confirms_a_moment_with_one_tap_on_a_phone(
    page: Page, live_server, log_in, screenshot, volunteer_user
):
    EmailAddress.objects.create(
        user=volunteer_user, email=volunteer_user.email, verified=True, primary=True
    )
    volunteer_user.preferred_language = "nl"
    volunteer_user.save(update_fields=["preferred_language"])
    match = active_match(volunteer_user.volunteer, child_name="Sam")
    yesterday = timezone.localtime() - dt.timedelta(days=1)
    moment = moment_at(match, yesterday.replace(hour=13, minute=0, second=0, microsecond=0))
    log_in(volunteer_user.email)

    page.goto(f"{live_server.url}/vrijwilliger/momenten/{moment.pk}/")
    expect(page.get_by_role("heading", name="Ging het door?")).to_be_visible()
    assert page.evaluate(PAGE_WIDER_THAN_SCREEN) <= 1
    screenshot("moment-one-tap-phone")
    page.get_by_role("button", name="Ja, het ging door").click()

    expect(page.get_by_text("Dank je, het is opgeslagen.")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/vrijwilliger/momenten/")
    assert page.evaluate(PAGE_WIDER_THAN_SCREEN) <= 1
    screenshot("moment-list-phone")
    assert Moment.objects.get(pk=moment.pk).status == "happened"
