"""The request and match pages name the responsible coordinator and hand a case over."""

from __future__ import annotations

import pytest

from coalition.people.models import AuditAction, AuditEvent
from families.models import RequestStatus
from tests.factories import CoordinatorFactory, MatchFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(buurtgezinnen):
    return CoordinatorFactory(
        user__email="collega@buurtgezinnen.example.org",
        user__first_name="Sanne",
        user__last_name="Collega",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user


def request_url(request, action: str = "") -> str:
    return f"/dashboard/verzoeken/{request.pk}/{action}"


def test_a_request_nobody_holds_says_so_and_offers_assign_to_me(client, coordinator):
    request = SupportRequestFactory()
    client.force_login(coordinator)
    page = client.get(request_url(request)).content.decode()
    assert "nobody yet" in page
    assert 'data-testid="assign-to-me"' in page

    response = client.post(request_url(request, "verantwoordelijke/"), {"owner": coordinator.pk})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.owner == coordinator
    page = client.get(request_url(request)).content.decode()
    assert 'data-testid="assign-to-me"' not in page
    assert f"Responsible coordinator: {coordinator}" in page


def test_a_coordinator_hands_a_request_to_a_colleague_and_the_timeline_shows_it(
    client, coordinator, colleague
):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH, owner=coordinator)
    client.force_login(coordinator)
    page = client.get(request_url(request)).content.decode()
    assert "Sanne Collega" in page  # one of the colleagues to choose

    client.post(
        request_url(request, "verantwoordelijke/"),
        {"owner": colleague.pk, "note": "Ik ben drie weken weg."},
    )

    request.refresh_from_db()
    assert request.owner == colleague
    page = client.get(request_url(request)).content.decode()
    assert "Responsible coordinator: Sanne Collega" in page
    assert "Ik ben drie weken weg." in page
    assert AuditEvent.objects.filter(
        actor_id=coordinator.pk,
        action=AuditAction.CHANGE,
        target_type="families.supportrequest",
        target_id=str(request.pk),
    ).exists()


def test_the_new_owner_finds_the_hand_over_among_their_notifications(
    client, coordinator, colleague
):
    request = SupportRequestFactory(owner=coordinator)
    client.force_login(coordinator)
    client.post(request_url(request, "verantwoordelijke/"), {"owner": colleague.pk, "note": "x"})
    client.force_login(colleague)
    page = client.get("/meldingen/").content.decode()
    assert f"Handed to you: {request.reference_code}" in page


def test_a_hand_over_without_a_note_is_refused_with_a_message(client, coordinator, colleague):
    request = SupportRequestFactory(owner=coordinator)
    client.force_login(coordinator)
    response = client.post(
        request_url(request, "verantwoordelijke/"), {"owner": colleague.pk}, follow=True
    )
    assert "short note for your colleague" in response.content.decode()
    request.refresh_from_db()
    assert request.owner == coordinator


def test_a_coordinator_of_another_programme_cannot_be_chosen_nor_hand_over(
    client, coordinator, other_coordinator
):
    request = SupportRequestFactory(owner=coordinator)
    client.force_login(coordinator)
    assert str(other_coordinator) not in client.get(request_url(request)).content.decode()
    client.post(
        request_url(request, "verantwoordelijke/"), {"owner": other_coordinator.pk, "note": "x"}
    )
    request.refresh_from_db()
    assert request.owner == coordinator

    client.force_login(other_coordinator)
    response = client.post(
        request_url(request, "verantwoordelijke/"), {"owner": other_coordinator.pk}
    )
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.owner == coordinator


def test_the_match_page_names_its_coordinator_and_hands_it_over(client, coordinator, colleague):
    match = MatchFactory(coordinator=coordinator)
    client.force_login(coordinator)
    url = f"/dashboard/koppelingen/{match.pk}/"
    page = client.get(url).content.decode()
    assert str(coordinator) in page

    client.post(url + "verantwoordelijke/", {"owner": colleague.pk, "note": "Jij kent ze."})

    match.refresh_from_db()
    assert match.coordinator == colleague
    page = client.get(url).content.decode()
    assert "Handed to Sanne Collega" in page
    assert "Jij kent ze." in page


def test_another_programme_cannot_hand_over_a_match(client, coordinator, other_coordinator):
    match = MatchFactory(coordinator=coordinator)
    client.force_login(other_coordinator)
    response = client.post(
        f"/dashboard/koppelingen/{match.pk}/verantwoordelijke/",
        {"owner": other_coordinator.pk, "note": "x"},
    )
    assert response.status_code == 404
    match.refresh_from_db()
    assert match.coordinator == coordinator


def test_the_lists_name_who_is_responsible(client, coordinator, colleague):
    SupportRequestFactory(owner=colleague)
    SupportRequestFactory()
    MatchFactory(coordinator=colleague)
    client.force_login(coordinator)
    requests_page = client.get("/dashboard/verzoeken/").content.decode()
    assert "Sanne Collega" in requests_page
    assert "nobody yet" in requests_page
    assert "Sanne Collega" in client.get("/dashboard/koppelingen/").content.decode()
