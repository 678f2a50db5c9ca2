"""A partner registers its organisation's own webhook in the partner area: HTTPS only
(loopback only where allowed), the signing secret shown once and rotatable, the address
replaced or removed; the partner reads its own delivery log, the admin all of them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coalition.people.models import AuditEvent
from families.models import RequestStatus, WebhookDelivery, WebhookEndpoint
from families.services import request_change_status
from families.services.webhooks import webhook_deliver
from tests.families.api.test_api_webhooks import Receiver, deliver_all_due, receiver  # noqa: F401
from tests.families.referral_helpers import consented_referral, endpoint_for

pytestmark = pytest.mark.django_db

PAGE = reverse("families:partner_webhook")


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


def test_a_partner_registers_an_https_address_and_sees_the_secret_once(
    partner_client, partner_organisation
):
    answer = partner_client.post(PAGE, {"url": "https://school.example/hooks/tlb"})
    endpoint = WebhookEndpoint.objects.get(organisation=partner_organisation)
    again = partner_client.get(PAGE).content.decode()

    assert answer.status_code == 200
    assert endpoint.secret in answer.content.decode()
    assert answer["Cache-Control"] == "no-store"
    assert endpoint.secret not in again
    assert "https://school.example/hooks/tlb" in again


@pytest.mark.parametrize(
    "url", ["http://school.example/hook", "ftp://school.example/hook", "http://127.0.0.1:9/hook"]
)
def test_an_address_without_https_is_refused(partner_client, url):
    answer = partner_client.post(PAGE, {"url": url})

    assert answer.status_code == 400
    assert not WebhookEndpoint.objects.exists()


def test_loopback_is_allowed_only_where_the_settings_allow_it(partner_client, receiver):  # noqa: F811
    assert partner_client.post(PAGE, {"url": receiver}).status_code == 200


def test_replacing_the_address_keeps_the_secret_and_rotating_makes_a_new_one(
    partner_client, partner_organisation
):
    partner_client.post(PAGE, {"url": "https://school.example/a"})
    first = WebhookEndpoint.objects.get().secret
    replaced = partner_client.post(PAGE, {"url": "https://school.example/b"})
    rotated = partner_client.post(reverse("families:partner_webhook_rotate"))
    endpoint = WebhookEndpoint.objects.get()

    assert endpoint.url == "https://school.example/b"
    assert first not in replaced.content.decode()
    assert endpoint.secret != first and endpoint.secret in rotated.content.decode()
    assert endpoint.secret_rotated_at is not None


def test_removing_the_address_stops_the_posts_and_keeps_the_log(
    partner_client, partner_organisation
):
    endpoint_for(partner_organisation)
    referral = consented_referral(partner_organisation)
    request_change_status(request=referral.request, to_status=RequestStatus.INTAKE_PLANNED)

    partner_client.post(reverse("families:partner_webhook_remove"))

    assert not WebhookEndpoint.objects.exists()
    delivery = WebhookDelivery.objects.get()
    assert webhook_deliver(delivery_id=delivery.pk) is True  # nowhere to go: done
    delivery.refresh_from_db()
    assert delivery.attempts == 0
    assert referral.request.reference_code in partner_client.get(PAGE).content.decode()


def test_each_partner_reads_only_its_own_delivery_log(
    client, partner, other_partner, partner_organisation
):
    endpoint_for(partner_organisation)
    endpoint_for(other_partner.organisation)
    mine = consented_referral(partner_organisation)
    theirs = consented_referral(other_partner.organisation)
    for referral in (mine, theirs):
        request_change_status(request=referral.request, to_status=RequestStatus.INTAKE_PLANNED)

    client.force_login(partner)
    page = client.get(PAGE).content.decode()

    assert mine.request.reference_code in page
    assert theirs.request.reference_code not in page
    assert "Fatima" not in page  # status, attempts and answers; no personal data


def test_the_delivery_log_costs_the_same_queries_with_more_deliveries(
    partner_client, partner_organisation, django_assert_num_queries
):
    endpoint_for(partner_organisation)
    partner_client.get(PAGE)

    def grow(n):
        for _ in range(n):
            referral = consented_referral(partner_organisation)
            request_change_status(request=referral.request, to_status=RequestStatus.INTAKE_PLANNED)

    grow(2)
    # session and user, the audit event (2), the endpoint, the log
    with django_assert_num_queries(6):
        partner_client.get(PAGE)
    grow(10)
    with django_assert_num_queries(6):
        partner_client.get(PAGE)


def test_registering_and_rotating_are_in_the_audit_log(partner_client, partner):
    partner_client.post(PAGE, {"url": "https://school.example/a"})
    partner_client.post(reverse("families:partner_webhook_rotate"))

    changes = AuditEvent.objects.filter(actor_id=partner.pk, target_type="families.webhookendpoint")
    assert changes.count() == 2


def test_the_registered_endpoint_receives_signed_status_changes_once(
    partner_client,
    partner_organisation,
    receiver,  # noqa: F811
):
    answer = partner_client.post(PAGE, {"url": receiver})
    Receiver.secret = WebhookEndpoint.objects.get().secret
    assert Receiver.secret in answer.content.decode()
    Receiver.fail_first = True
    referral = consented_referral(partner_organisation)
    request_change_status(request=referral.request, to_status=RequestStatus.INTAKE_PLANNED)

    delivery = WebhookDelivery.objects.get()
    assert webhook_deliver(delivery_id=delivery.pk) is False  # the receiver's 500
    import time_machine

    delivery.refresh_from_db()
    with time_machine.travel(delivery.next_attempt_at, tick=False):
        deliver_all_due()
        deliver_all_due()

    assert [r["status"] for r in Receiver.received] == ["in_intake"]
    assert Receiver.refused == ["first one fails"]
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.organisation, delivery.client) == (
        2,
        partner_organisation,
        None,
    )


def test_the_admin_reads_the_delivery_log_of_partner_endpoints(partner_organisation):
    from tests.families.api.test_api_clients import superuser_browser

    endpoint_for(partner_organisation)
    referral = consented_referral(partner_organisation)
    request_change_status(request=referral.request, to_status=RequestStatus.INTAKE_PLANNED)

    page = superuser_browser().get("/beheer/families/webhookdelivery/")

    assert page.status_code == 200
    assert partner_organisation.name in page.content.decode()
