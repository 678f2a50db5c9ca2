"""Referring a request to another programme of the coalition, and the answer."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coalition.privacy.models import ConsentPurpose
from families.models import Consent, ProgrammeReferral, RequestStatus
from families.services import programme_referral_decide, request_refer_to_programme
from tests.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


def refer(request, to_programme, by, **kwargs):
    defaults = {"reason": "Moeder zoekt hulp aan huis.", "family_agreed": True}
    return request_refer_to_programme(
        request=request, to_programme=to_programme, by=by, **{**defaults, **kwargs}
    )


def test_a_referral_records_the_familys_consent_to_share(coordinator, home_start):
    request = SupportRequestFactory()
    referral = refer(request, home_start, coordinator)
    assert referral.status == "pending"
    assert Consent.objects.filter(
        family=request.family, purpose=ConsentPurpose.SHARE_WITH_PROGRAMME
    ).exists()


def test_a_referral_without_the_familys_consent_is_refused(coordinator, home_start):
    request = SupportRequestFactory()
    with pytest.raises(ValidationError, match="consent"):
        refer(request, home_start, coordinator, family_agreed=False)
    assert not ProgrammeReferral.objects.exists()


def test_a_request_cannot_be_referred_to_its_own_programme(coordinator, buurtgezinnen):
    with pytest.raises(ValidationError, match="already belongs"):
        refer(SupportRequestFactory(), buurtgezinnen, coordinator)


def test_a_closed_request_cannot_be_referred(coordinator, home_start):
    request = SupportRequestFactory(status=RequestStatus.CLOSED)
    with pytest.raises(ValidationError, match="no longer open"):
        refer(request, home_start, coordinator)


def test_a_second_referral_waits_for_the_first_answer(coordinator, home_start):
    request = SupportRequestFactory()
    refer(request, home_start, coordinator)
    with pytest.raises(ValidationError, match="not answered"):
        refer(request, home_start, coordinator)


def test_the_receiving_programme_sees_the_referred_request(
    client, coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    client.force_login(other_coordinator)
    assert client.get(f"/dashboard/verzoeken/{request.pk}/").status_code == 404
    refer(request, home_start, coordinator)
    assert client.get(f"/dashboard/verzoeken/{request.pk}/").status_code == 200
    assert request.reference_code in client.get("/dashboard/").content.decode()


def test_accepting_moves_the_request_to_the_receiving_programme(
    client, coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    referral = refer(request, home_start, coordinator)
    client.force_login(other_coordinator)
    response = client.post(
        f"/dashboard/doorverwijzingen/{referral.pk}/", {"decision": "accept"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/dashboard/verzoeken/{request.pk}/"
    request.refresh_from_db()
    assert request.programme == home_start
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert referral.decided_by == other_coordinator


def test_declining_needs_an_answer_for_the_sender(
    client, other_coordinator, coordinator, home_start
):
    referral = refer(SupportRequestFactory(), home_start, coordinator)
    client.force_login(other_coordinator)
    response = client.post(
        f"/dashboard/doorverwijzingen/{referral.pk}/", {"decision": "decline"}, follow=True
    )
    assert any("Say why you decline" in str(m) for m in response.context["messages"])
    referral.refresh_from_db()
    assert referral.status == "pending"


def test_the_sender_sees_the_answer_on_their_dashboard(
    client, coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    referral = refer(request, home_start, coordinator)
    programme_referral_decide(
        referral=referral, accept=False, by=other_coordinator, note="Geen plek tot maart."
    )
    client.force_login(coordinator)
    page = client.get("/dashboard/").content.decode()
    assert "Geen plek tot maart." in page
    assert "Declined" in page


def test_a_referral_cannot_be_answered_twice(other_coordinator, coordinator, home_start):
    referral = refer(SupportRequestFactory(), home_start, coordinator)
    programme_referral_decide(referral=referral, accept=True, by=other_coordinator)
    with pytest.raises(ValidationError, match="already answered"):
        programme_referral_decide(referral=referral, accept=False, by=other_coordinator, note="x")


def test_only_the_receiving_programme_may_answer(client, coordinator, home_start):
    referral = refer(SupportRequestFactory(), home_start, coordinator)
    client.force_login(coordinator)
    response = client.post(f"/dashboard/doorverwijzingen/{referral.pk}/", {"decision": "accept"})
    assert response.status_code == 404


def test_a_coordinator_refers_from_the_request_page(client, coordinator, home_start):
    request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/doorverwijzen/",
        {
            "to_programme": home_start.pk,
            "reason": "Hulp aan huis past beter",
            "family_agreed": "on",
        },
        follow=True,
    )
    assert any("Referral sent" in str(m) for m in response.context["messages"])
    assert ProgrammeReferral.objects.filter(request=request, to_programme=home_start).exists()


def test_an_accepted_referral_counts_as_a_request_from_another_programme(
    client, coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    client.force_login(coordinator)
    client.post(
        f"/dashboard/verzoeken/{request.pk}/doorverwijzen/",
        {
            "to_programme": home_start.pk,
            "reason": "Hulp aan huis past beter.",
            "family_agreed": "on",
        },
    )
    referral = ProgrammeReferral.objects.get(request=request)
    client.force_login(other_coordinator)
    client.post(f"/dashboard/doorverwijzingen/{referral.pk}/", {"decision": "accept"})

    request.refresh_from_db()
    assert (request.programme, request.source) == (home_start, "programme")
    body = client.get("/dashboard/rapportages/requests-by-source.csv").content.decode()
    assert body.splitlines() == ["Source,Requests", "Another programme of the coalition,1"]


def test_a_declined_referral_leaves_the_source_as_it_was(
    coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    referral = refer(request, home_start, coordinator)
    programme_referral_decide(
        referral=referral, accept=False, by=other_coordinator, note="Geen plek."
    )
    request.refresh_from_db()
    assert request.source == "self"
