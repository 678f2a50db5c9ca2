"""The request page shows why a partner referred the family and who to call, and
answers a programme referral; a decline comes back to the sender as a task."""

from __future__ import annotations

import pytest

from coalition.people.models import AuditAction, AuditEvent, Role
from families.models import ProgrammeReferralStatus, RequestStatus
from families.services import programme_referral_decide, request_end, request_refer_to_programme
from tests.factories import ReferralFactory, SupportRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


def offer(request, to_programme, by):
    return request_refer_to_programme(
        request=request,
        to_programme=to_programme,
        reason="Moeder wil hulp aan huis.",
        family_agreed=True,
        by=by,
    )


@pytest.fixture
def partner_referral(partner_organisation):
    referrer = UserFactory(
        email="ib.jansen@devlinder.example.org",
        first_name="Ineke",
        last_name="Jansen",
        role=Role.PARTNER,
        organisation=partner_organisation,
    )
    return ReferralFactory(
        organisation=partner_organisation,
        referred_by=referrer,
        reason="Moeder is alleen met drie kinderen en raakt overbelast.",
    )


def test_the_partners_reason_and_contact_person_are_on_the_request_page(
    client, coordinator, partner_referral
):
    client.force_login(coordinator)
    page = client.get(f"/dashboard/verzoeken/{partner_referral.request_id}/").content.decode()
    assert "Moeder is alleen met drie kinderen en raakt overbelast." in page
    assert "Ineke Jansen" in page
    assert "ib.jansen@devlinder.example.org" in page
    assert "Basisschool De Vlinder" in page


def test_another_programme_does_not_see_the_partners_reason(
    client, other_coordinator, partner_referral
):
    client.force_login(other_coordinator)
    response = client.get(f"/dashboard/verzoeken/{partner_referral.request_id}/")
    assert response.status_code == 404


def test_the_receiving_programme_answers_on_the_request_page_and_can_do_nothing_else(
    client, coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    referral = offer(request, home_start, coordinator)
    client.force_login(other_coordinator)
    page = client.get(f"/dashboard/verzoeken/{request.pk}/").content.decode()
    assert 'data-testid="referral-offer"' in page
    assert f"/dashboard/doorverwijzingen/{referral.pk}/" in page
    assert "Plan intake" not in page
    assert "End the request" not in page

    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/intake-plannen/", {"when": "2030-01-07T10:00"}
    )
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW


def test_the_sender_sees_the_request_is_on_offer_and_may_only_close_it(
    client, coordinator, home_start
):
    request = SupportRequestFactory()
    offer(request, home_start, coordinator)
    client.force_login(coordinator)
    page = client.get(f"/dashboard/verzoeken/{request.pk}/").content.decode()
    assert "Waiting for their answer" in page
    assert "Plan intake" not in page
    assert "End the request" in page
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/intake-plannen/",
        {"when": "2030-01-07T10:00"},
        follow=True,
    )
    assert "offered to Home-Start" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW


def test_a_decline_without_a_reason_is_refused(client, coordinator, other_coordinator, home_start):
    request = SupportRequestFactory()
    referral = offer(request, home_start, coordinator)
    client.force_login(other_coordinator)
    client.post(f"/dashboard/doorverwijzingen/{referral.pk}/", {"decision": "decline"})
    referral.refresh_from_db()
    assert referral.status == ProgrammeReferralStatus.PENDING


def test_a_decline_returns_to_the_sender_as_a_task_until_handled(
    client, coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    referral = offer(request, home_start, coordinator)
    programme_referral_decide(
        referral=referral, accept=False, by=other_coordinator, note="Geen plek tot maart."
    )
    client.force_login(coordinator)
    dashboard = client.get("/dashboard/?fresh=1").content.decode()
    assert 'data-testid="referral-declined-task"' in dashboard
    assert f"Declined by {other_coordinator} (Home-Start):" in dashboard
    assert "Geen plek tot maart." in dashboard
    page = client.get(f"/dashboard/verzoeken/{request.pk}/").content.decode()
    assert 'data-testid="referral-declined"' in page
    assert "Geen plek tot maart." in page

    response = client.post(f"/dashboard/doorverwijzingen/{referral.pk}/afgehandeld/")

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.sender_handled_at is not None
    assert "referral-declined-task" not in client.get("/dashboard/?fresh=1").content.decode()
    assert AuditEvent.objects.filter(
        actor_id=coordinator.pk,
        action=AuditAction.CHANGE,
        target_type="families.programmereferral",
        target_id=str(referral.pk),
    ).exists()


def test_the_receiver_cannot_mark_the_senders_task_handled(
    client, coordinator, other_coordinator, home_start
):
    referral = offer(SupportRequestFactory(), home_start, coordinator)
    programme_referral_decide(referral=referral, accept=False, by=other_coordinator, note="Vol")
    client.force_login(other_coordinator)
    response = client.post(f"/dashboard/doorverwijzingen/{referral.pk}/afgehandeld/")
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.sender_handled_at is None


def test_a_request_the_sender_withdraws_while_on_offer_leaves_nothing_to_answer(
    client, coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    offer(request, home_start, coordinator)
    client.force_login(other_coordinator)
    assert request.reference_code in client.get("/dashboard/?fresh=1").content.decode()
    request_end(
        request=request, to_status=RequestStatus.WITHDRAWN, reason="Verhuisd", by=coordinator
    )
    assert request.reference_code not in client.get("/dashboard/?fresh=1").content.decode()
    page = client.get(f"/dashboard/verzoeken/{request.pk}/").content.decode()
    assert 'data-testid="referral-offer"' not in page


def test_the_referrals_page_offers_handled_for_a_declined_referral(
    client, coordinator, other_coordinator, home_start
):
    referral = offer(SupportRequestFactory(), home_start, coordinator)
    programme_referral_decide(referral=referral, accept=False, by=other_coordinator, note="Vol")
    client.force_login(coordinator)
    page = client.get("/dashboard/doorverwijzingen/").content.decode()
    assert f"/dashboard/doorverwijzingen/{referral.pk}/afgehandeld/" in page
