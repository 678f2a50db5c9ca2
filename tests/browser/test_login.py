import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.factories import CoordinatorFactory, SupportRequestFactory, programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def test_a_coordinator_logs_in_and_sees_todays_work(page, log_in, screenshot):
    buurtgezinnen = programme("buurtgezinnen")
    user = CoordinatorFactory(
        user__email="sanne@demo.example.org",
        user__first_name="Sanne",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    request = SupportRequestFactory(programme=buurtgezinnen)

    log_in(user.email, PASSWORD)

    expect(page.locator("h1")).to_contain_text("Werk van vandaag")
    expect(page.locator("body")).to_contain_text(request.reference_code)
    assert screenshot("coordinator-home").exists()
