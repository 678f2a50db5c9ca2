"""Call-back requests ("Bel mij terug") have their own panel on the intake desk's
today's work, at no extra query; after the call the coordinator completes the
request, or closes it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coordinators.selectors import PANEL_LIMIT, dashboard_overview
from families.models import RequestStatus
from families.services import request_choose_programme, request_end
from families.services.call_back import call_back_request_submit
from tests.coordinators.test_queue_panels import help_me_choose_from_the_form

pytestmark = pytest.mark.django_db


def call_back_request(name: str = "Amina"):
    return call_back_request_submit(
        first_name=name,
        phone="06 12345678",
        language="ar",
        best_time="'s Avonds (17:00 tot 20:00)",
        page_language="ar",
        consent_text="Ik geef toestemming.",
        consent_version="test",
    ).request


def test_call_backs_have_their_own_panel_apart_from_the_queue(intake_coordinator):
    waiting = call_back_request()
    full = help_me_choose_from_the_form()

    overview = dashboard_overview(user=intake_coordinator)

    assert [row.obj for row in overview.call_backs] == [waiting]
    assert overview.call_backs.total == 1
    assert [row.obj for row in overview.intake_queue] == [full]
    assert overview.intake_queue.total == 1


def test_many_call_backs_never_hide_the_queue(intake_coordinator):
    for n in range(PANEL_LIMIT + 3):
        call_back_request(f"Ouder {n}")
    full = help_me_choose_from_the_form()

    overview = dashboard_overview(user=intake_coordinator)

    assert len(overview.call_backs) == PANEL_LIMIT
    assert overview.call_backs.total == PANEL_LIMIT + 3
    assert [row.obj for row in overview.intake_queue] == [full]


def test_the_panel_shows_the_time_to_call_and_links_to_the_request(client, intake_coordinator):
    waiting = call_back_request()
    client.force_login(intake_coordinator)

    page = client.get("/dashboard/?fresh=1").content.decode()

    assert 'data-testid="call-back-panel"' in page
    assert waiting.reference_code in page
    assert "17:00 tot 20:00" in page


def test_a_call_back_request_is_not_routed_before_it_is_complete(intake_coordinator, buurtgezinnen):
    waiting = call_back_request()

    with pytest.raises(ValidationError, match="Call the parent back"):
        request_choose_programme(request=waiting, programme=buurtgezinnen, by=intake_coordinator)


def test_after_the_call_the_coordinator_completes_the_request(client, intake_coordinator):
    waiting = call_back_request()
    client.force_login(intake_coordinator)
    url = f"/dashboard/verzoeken/{waiting.pk}/terugbellen/"
    assert (
        "Complete the request after the call"
        in client.get(f"/dashboard/verzoeken/{waiting.pk}/").content.decode()
    )

    response = client.post(
        url,
        {
            "postcode": "5038 AB",
            "child_1_name": "Sara",
            "child_1_age": "3",
            "situation": ["no_network"],
            "situation_text": "Net verhuisd.",
        },
    )

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert not waiting.call_back
    assert waiting.family.pc4 == "5038"
    assert [c.first_name for c in waiting.children.all()] == ["Sara"]
    assert waiting.situation == ["no_network"]
    assert waiting.in_intake_queue and waiting.status == RequestStatus.NEW
    overview = dashboard_overview(user=intake_coordinator)
    assert [row.obj for row in overview.intake_queue] == [waiting]
    assert not overview.call_backs


def test_a_postcode_outside_tilburg_is_refused_and_nothing_changes(client, intake_coordinator):
    waiting = call_back_request()
    client.force_login(intake_coordinator)

    client.post(
        f"/dashboard/verzoeken/{waiting.pk}/terugbellen/",
        {"postcode": "1012 AB", "child_1_name": "Sara", "child_1_age": "3"},
    )

    waiting.refresh_from_db()
    assert waiting.call_back and waiting.family.pc4 == ""


def test_the_coordinator_may_close_it_after_the_call(intake_coordinator):
    waiting = call_back_request()

    request_end(
        request=waiting,
        to_status=RequestStatus.CLOSED,
        reason="Had al hulp gevonden.",
        by=intake_coordinator,
    )

    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.CLOSED
    assert not dashboard_overview(user=intake_coordinator).call_backs
