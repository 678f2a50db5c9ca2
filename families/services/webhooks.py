"""Status webhooks to partner systems: an outbox row per change, signed, retried.

A service that may change what a partner sees (`request_change_status`, the start and
end of support) calls `referral_webhooks_queue` inside its transaction. It reads the
referral's coarse status the way the portal does and adds one outbox row per client
with a webhook for a status not sent before; the unique row makes that exactly once.
After the commit a Celery task delivers it (families/tasks.py), and a sweep takes what
is due again, with back-off, until the receiver answers 2xx.

The body holds the reference code and the coarse status, never personal data. The
signature is HMAC-SHA256 over "<timestamp>.<body>" with the client's webhook secret, so
the receiver can check it and refuse a replay (an old timestamp, a known delivery id).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import api_settings
from families.models import ApiClient, SupportRequest, WebhookDelivery, WebhookEndpoint
from families.selectors import PartnerStatus, ReferralRow, partner_requests, partner_rows

logger = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 6 * 3600
TIMEOUT_SECONDS = 10


def webhook_secret_new() -> str:
    return secrets.token_urlsafe(32)


def webhook_signature(*, secret: str, timestamp: int, body: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256)
    return f"v1={digest.hexdigest()}"


def check_webhook_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if parts.scheme == "https" or (loopback and api_settings.API_WEBHOOK_ALLOW_LOOPBACK):
        return
    raise ValidationError(_("A webhook address must start with https://."), code="https")


@transaction.atomic
def api_client_set_webhook(*, client: ApiClient, url: str) -> str:
    """Set (or clear, with "") the client's webhook address; returns the new signing
    secret to give the partner once (a new address gets a new secret)."""
    url = url.strip()
    if url:
        check_webhook_url(url)
    client.webhook_url = url
    client.webhook_secret = webhook_secret_new() if url else ""
    client.save(update_fields=["webhook_url", "webhook_secret"])
    return client.webhook_secret


def _receivers(organisation_id: int) -> list[dict]:
    """Where an organisation's webhooks go: each active API client with an address (set
    by the admin) and the endpoint the partner registered; a delivery row per receiver."""
    clients = ApiClient.objects.active().filter(organisation_id=organisation_id)
    receivers = [{"client": c} for c in clients.exclude(webhook_url="")]
    endpoint = WebhookEndpoint.objects.filter(organisation_id=organisation_id).first()
    if endpoint is not None:
        receivers.append({"client": None, "organisation_id": organisation_id, "endpoint": endpoint})
    return receivers


def _queue(*, request_id: int, receivers: list[dict], status: str, status_on, body: dict):
    text = json.dumps(body, separators=(",", ":"))
    queued = []
    for receiver in receivers:
        key = {k: v for k, v in receiver.items() if k != "endpoint"}
        delivery, created = WebhookDelivery.objects.get_or_create(
            **key,
            request_id=request_id,
            status=status,
            status_on=status_on,
            defaults={"body": text, "endpoint": receiver.get("endpoint")},
        )
        if created:
            queued.append(delivery)
            transaction.on_commit(lambda pk=delivery.pk: _deliver_later(pk))
    return queued


def _referral_row(request_id: int) -> tuple[int | None, ReferralRow | None]:
    requests = SupportRequest.objects.filter(pk=request_id, referral__isnull=False)
    organisation_id = requests.values_list("referral__organisation_id", flat=True).first()
    if organisation_id is None:
        return None, None
    return organisation_id, partner_rows(partner_requests(requests))[0]


def referral_webhooks_queue(*, request_id: int) -> list[WebhookDelivery]:
    """Queue a delivery per receiver of the referring organisation, if the coarse status
    of the referral is one not queued before. Call inside the changing transaction.
    Once the consent ran out the status stays "consent_expired": nothing new goes out."""
    organisation_id, row = _referral_row(request_id)
    if organisation_id is None:
        return []
    receivers = _receivers(organisation_id)
    if not receivers:
        return []
    status_on = row.status_on or timezone.localdate()
    body = {
        "event": "referral.status_changed",
        "reference_code": row.reference_code,
        "status": row.status,
        "status_on": status_on.isoformat(),
    }
    return _queue(
        request_id=request_id,
        receivers=receivers,
        status=row.status,
        status_on=status_on,
        body=body,
    )


OVERDUE = "overdue"


def referral_overdue_webhook_queue(*, request_id: int) -> list[WebhookDelivery]:
    """ "Referral overdue", once per referral and deadline: queued by the periodic plan
    (families.reminders) when nobody accepted or declined in time. Not while the
    consent has run out."""
    organisation_id, row = _referral_row(request_id)
    if organisation_id is None or not row.overdue or row.status == PartnerStatus.CONSENT_EXPIRED:
        return []
    receivers = _receivers(organisation_id)
    body = {
        "event": "referral.overdue",
        "reference_code": row.reference_code,
        "status": row.status,
        "overdue": True,
        "answer_due_on": row.answer_due_on.isoformat(),
    }
    return _queue(
        request_id=request_id,
        receivers=receivers,
        status=OVERDUE,
        status_on=row.answer_due_on,
        body=body,
    )


def _deliver_later(delivery_id) -> None:
    """Hand the delivery to Celery. Never raises (the change is committed already):
    with the broker down the row waits for the sweep."""
    from families.tasks import webhook_deliver

    try:
        webhook_deliver.delay(str(delivery_id))
    except Exception:  # the broker is down or unreachable
        logger.warning("webhooks: broker unavailable, delivery %s waits for the sweep", delivery_id)


def _post(delivery: WebhookDelivery) -> tuple[bool, str]:
    url, secret = delivery.target
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 - https only (or loopback in tests)
        url,
        data=delivery.body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Webhook-Id": str(delivery.pk),
            "Webhook-Timestamp": str(timestamp),
            "Webhook-Signature": webhook_signature(
                secret=secret, timestamp=timestamp, body=delivery.body
            ),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            return 200 <= answer.status < 300, f"HTTP {answer.status}"
    except urllib.error.HTTPError as exc:
        return False, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return False, str(exc)[:200]


def webhook_deliver(*, delivery_id) -> bool:
    """Post one delivery if it is due and not delivered; True once delivered.

    The row is locked while posting, so two workers never post the same change; a
    failure sets the next attempt with exponential back-off."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("client", "endpoint")
            .filter(pk=delivery_id, delivered_at__isnull=True)
            .first()
        )
        if delivery is None:
            return True
        if delivery.client is not None and not delivery.client.is_active:
            return True  # a revoked client gets nothing more
        if not delivery.target[0]:
            return True  # the address was removed
        ok, answer = _post(delivery)
        delivery.attempts += 1
        delivery.last_response = answer
        if ok:
            delivery.delivered_at = timezone.now()
        else:
            backoff = min(
                api_settings.API_WEBHOOK_BACKOFF_SECONDS * 2 ** (delivery.attempts - 1),
                MAX_BACKOFF_SECONDS,
            )
            delivery.next_attempt_at = timezone.now() + timedelta(seconds=backoff)
        delivery.save(
            update_fields=["attempts", "last_response", "delivered_at", "next_attempt_at"]
        )
        return ok


def webhooks_due() -> list[str]:
    """The deliveries whose next attempt has come (for the sweep)."""
    return [
        str(pk)
        for pk in WebhookDelivery.objects.filter(
            delivered_at__isnull=True,
            next_attempt_at__lte=timezone.now(),
            client__revoked_at__isnull=True,
        )
        .exclude(client__isnull=True, endpoint__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    ]


def retry_countdown(delivery_id) -> int:
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).only("next_attempt_at").first()
    if delivery is None:
        return 0
    return max(1, int((delivery.next_attempt_at - timezone.now()).total_seconds()))
