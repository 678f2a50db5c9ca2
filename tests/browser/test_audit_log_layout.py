"""The audit log in the admin at 1280 px: every column stays clear of the filter panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page

from coalition.people.models import AuditAction, AuditEvent, Role
from tests.factories import UserFactory

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.mark.browser
@pytest.mark.browser_context_args(locale="nl-NL", viewport={"width": 1280, "height": 800})
@pytest.mark.django_db(transaction=True)
def test_the_audit_log_columns_do_not_hide_behind_the_filters(page: Page, live_server, log_in):
    admin = UserFactory(
        email="beheer@coalition.example.org", role=Role.COALITION_ADMIN, is_staff=True
    )
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    for number in range(5):
        AuditEvent.objects.create(
            actor_id=admin.pk,
            actor_email="coordinator.met.een.lang.adres@buurtgezinnen.example.org",
            actor_role="coordinator",
            organisation_name="Stichting Buurtgezinnen Tilburg en omstreken",
            action=AuditAction.VIEW,
            target_type="families.supportrequest",
            target_id=str(1000 + number),
            ip_address="192.0.2.10",
            path="/dashboard/verzoeken/1000/",
        )
    log_in(admin.email)
    page.goto(f"{live_server.url}/beheer/people/auditevent/")

    table = page.locator("#result_list").bounding_box()
    filters = page.locator("#changelist-filter").bounding_box()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "admin-audit-log-1280.png"))
    assert table["x"] + table["width"] <= filters["x"] + 1
    assert page.locator("#result_list th").count() >= 5
