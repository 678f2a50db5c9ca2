"""Status webhooks: signed, replay-proof, retried after a failure, once per change.

A receiver on loopback checks each signature and timestamp the way a partner should,
refuses a replayed delivery, and answers 500 to the first delivery it sees."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalition import api_settings
from families.models import RequestStatus, WebhookDelivery
from families.services import request_change_status
from families.services.webhooks import (
    api_client_set_webhook,
    webhook_deliver,
    webhooks_due,
)
from tests.families.api.conftest import post_referral

pytestmark = pytest.mark.django_db

TOLERANCE_SECONDS = 300


class Receiver(BaseHTTPRequestHandler):
    """A partner's endpoint: checks signature and freshness, refuses replays."""

    secret = ""
    seen: set[str] = set()
    received: list[dict] = []
    refused: list[str] = []
    fail_first = True

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        timestamp = self.headers["Webhook-Timestamp"]
        expected = hmac.new(
            self.secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256
        ).hexdigest()
        if not hmac.compare_digest(self.headers["Webhook-Signature"], f"v1={expected}"):
            return self._answer(401, "bad signature")
        if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
            return self._answer(401, "old timestamp")
        if self.headers["Webhook-Id"] in self.seen:  # handled before: a replay
            return self._answer(409, "replay")
        if Receiver.fail_first:
            Receiver.fail_first = False
            return self._answer(500, "first one fails")
        self.seen.add(self.headers["Webhook-Id"])
        Receiver.received.append(json.loads(body))
        return self._answer(200, "ok")

    def _answer(self, status, why):
        if status >= 400:
            Receiver.refused.append(why)
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver(monkeypatch):
    monkeypatch.setattr(api_settings, "API_WEBHOOK_ALLOW_LOOPBACK", True)
    Receiver.seen, Receiver.received, Receiver.refused = set(), [], []
    Receiver.fail_first = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


@pytest.fixture
def hooked_client(school_client, receiver, django_capture_on_commit_callbacks):
    Receiver.secret = api_client_set_webhook(client=school_client.client, url=receiver)
    return school_client


def deliver_all_due() -> None:
    for delivery_id in webhooks_due():
        webhook_deliver(delivery_id=delivery_id)


def test_a_status_change_is_delivered_signed_after_one_failure(
    hooked_client, school_api, django_capture_on_commit_callbacks
):
    code = post_referral(school_api).json()["reference_code"]
    delivery = WebhookDelivery.objects.get()

    assert webhook_deliver(delivery_id=delivery.pk) is False  # the receiver's 500
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.last_response == "HTTP 500"
    assert delivery.next_attempt_at > timezone.now()
    assert webhooks_due() == []  # backing off

    with time_machine.travel(delivery.next_attempt_at, tick=False):
        deliver_all_due()

    assert Receiver.received == [
        {
            "event": "referral.status_changed",
            "reference_code": code,
            "status": "received",
            "status_on": timezone.localdate().isoformat(),
        }
    ]
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None and delivery.attempts == 2


def test_each_status_change_is_delivered_exactly_once(hooked_client, school_api):
    Receiver.fail_first = False
    code = post_referral(school_api).json()["reference_code"]
    from families.models import SupportRequest

    request = SupportRequest.objects.get(reference_code=code)
    request_change_status(request=request, to_status=RequestStatus.INTAKE_PLANNED)
    request_change_status(request=request, to_status=RequestStatus.INTAKE_DONE)  # still in intake
    deliver_all_due()
    deliver_all_due()
    request_change_status(request=request, to_status=RequestStatus.WITHDRAWN, reason="Verhuisd")
    deliver_all_due()

    statuses = [r["status"] for r in Receiver.received]
    assert statuses == ["received", "in_intake", "not_started"]
    assert WebhookDelivery.objects.filter(delivered_at__isnull=False).count() == 3


def test_the_receiver_refuses_a_replay_and_a_bad_signature(hooked_client, school_api, receiver):
    import urllib.error
    import urllib.request

    Receiver.fail_first = False
    post_referral(school_api)
    deliver_all_due()
    body = json.dumps(Receiver.received[0], separators=(",", ":"))
    timestamp = str(int(time.time()))
    from families.services.webhooks import webhook_signature

    signature = webhook_signature(secret=Receiver.secret, timestamp=int(timestamp), body=body)
    delivery_id = str(WebhookDelivery.objects.get().pk)

    def send(sig, ts):
        request = urllib.request.Request(  # noqa: S310 - the loopback receiver
            receiver,
            data=body.encode(),
            method="POST",
            headers={"Webhook-Id": delivery_id, "Webhook-Timestamp": ts, "Webhook-Signature": sig},
        )
        try:
            return urllib.request.urlopen(request, timeout=5).status  # noqa: S310
        except urllib.error.HTTPError as exc:
            return exc.code

    assert send(signature, timestamp) == 409  # a delivery handled before: a replay
    assert send("v1=00", timestamp) == 401
    old = str(int(time.time()) - 3600)
    old_signature = webhook_signature(secret=Receiver.secret, timestamp=int(old), body=body)
    assert send(old_signature, old) == 401
    assert Receiver.refused == ["replay", "bad signature", "old timestamp"]


def test_a_referral_of_another_organisation_sends_nothing_to_this_client(
    hooked_client, wijkteam_api
):
    post_referral(wijkteam_api)

    assert not WebhookDelivery.objects.exists()


def test_a_revoked_client_gets_no_more_webhooks(hooked_client, school_api):
    from families.services import api_client_revoke

    post_referral(school_api)
    api_client_revoke(client=hooked_client.client)
    deliver_all_due()

    assert Receiver.received == []


def test_a_webhook_address_must_be_https(school_client):
    with pytest.raises(ValidationError):
        api_client_set_webhook(client=school_client.client, url="http://partner.example/hook")

    secret = api_client_set_webhook(client=school_client.client, url="https://partner.example/hook")
    assert len(secret) >= 32


def test_the_commit_hands_the_delivery_to_celery_which_retries_after_a_500(
    hooked_client, school_api, django_capture_on_commit_callbacks
):
    from coalition.celery import app

    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            post_referral(school_api)
    finally:
        app.conf.task_always_eager = False

    # Eager retries run at once: the 500, then the delivery.
    assert [r["status"] for r in Receiver.received] == ["received"]
    assert WebhookDelivery.objects.get().attempts == 2


def test_the_admin_sets_the_webhook_and_shows_its_secret_once(school_client, receiver):
    from tests.families.api.test_api_clients import superuser_browser

    browser = superuser_browser()
    response = browser.post(
        f"/beheer/families/apiclient/{school_client.client.pk}/change/",
        {"webhook_url": receiver},
        follow=True,
    )

    school_client.client.refresh_from_db()
    assert school_client.client.webhook_url == receiver
    shown = " ".join(str(m) for m in response.context["messages"])
    assert school_client.client.webhook_secret in shown
    assert browser.get("/beheer/families/webhookdelivery/").status_code == 200


def test_with_the_broker_down_the_referral_is_saved_and_the_sweep_delivers(
    hooked_client, school_api, django_capture_on_commit_callbacks, monkeypatch
):
    from families import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.webhook_deliver, "delay", broker_down)
    Receiver.fail_first = False
    with django_capture_on_commit_callbacks(execute=True):
        response = post_referral(school_api)

    assert response.status_code == 201
    assert Receiver.received == []
    tasks.webhooks_sweep()
    assert [r["status"] for r in Receiver.received] == ["received"]
