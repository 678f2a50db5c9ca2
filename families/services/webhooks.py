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
from families.models import ApiClient, SupportRequest, WebhookDelivery
from families.selectors import partner_requests, partner_rows

logger = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 6 * 3600
TIMEOUT_SECONDS = 10


def webhook_secret_new() -> str:
    return secrets.token_urlsafe(32)


def webhook_signature(*, secret: str, timestamp: int, body: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256)
    return f"v1={digest.hexdigest()}"


def _check_webhook_url(url: str) -> None:
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
        _check_webhook_url(url)
    client.webhook_url = url
    client.webhook_secret = webhook_secret_new() if url else ""
    client.save(update_fields=["webhook_url", "webhook_secret"])
    return client.webhook_secret


def referral_webhooks_queue(*, request_id: int) -> list[WebhookDelivery]:
    """Queue a delivery per webhook client of the referring organisation, if the coarse
    status of the referral is one not queued before. Call inside the changing transaction."""
    requests = SupportRequest.objects.filter(pk=request_id, referral__isnull=False)
    organisation_id = requests.values_list("referral__organisation_id", flat=True).first()
    if organisation_id is None:
        return []
    clients = list(
        ApiClient.objects.active().filter(organisation_id=organisation_id).exclude(webhook_url="")
    )
    if not clients:
        return []
    row = partner_rows(partner_requests(requests))[0]
    status_on = row.status_on or timezone.localdate()
    body = json.dumps(
        {
            "event": "referral.status_changed",
            "reference_code": row.reference_code,
            "status": row.status,
            "status_on": status_on.isoformat(),
        },
        separators=(",", ":"),
    )
    queued = []
    for client in clients:
        delivery, created = WebhookDelivery.objects.get_or_create(
            client=client,
            request_id=request_id,
            status=row.status,
            status_on=status_on,
            defaults={"body": body},
        )
        if created:
            queued.append(delivery)
            transaction.on_commit(lambda pk=delivery.pk: _deliver_later(pk))
    return queued


def _deliver_later(delivery_id) -> None:
    """Hand the delivery to Celery. Never raises (the change is committed already):
    with the broker down the row waits for the sweep."""
    from families.tasks import webhook_deliver

    try:
        webhook_deliver.delay(str(delivery_id))
    except Exception:  # the broker is down or unreachable
        logger.warning("webhooks: broker unavailable, delivery %s waits for the sweep", delivery_id)


def _post(delivery: WebhookDelivery) -> tuple[bool, str]:
    client = delivery.client
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 - the admin sets https (or loopback in tests)
        client.webhook_url,
        data=delivery.body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Webhook-Id": str(delivery.pk),
            "Webhook-Timestamp": str(timestamp),
            "Webhook-Signature": webhook_signature(
                secret=client.webhook_secret, timestamp=timestamp, body=delivery.body
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
            WebhookDelivery.objects.select_for_update()
            .select_related("client")
            .filter(pk=delivery_id, delivered_at__isnull=True)
            .first()
        )
        if delivery is None:
            return True
        if not delivery.client.is_active or not delivery.client.webhook_url:
            return True  # a revoked client, or one without an endpoint, gets nothing more
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
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    ]


def retry_countdown(delivery_id) -> int:
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).only("next_attempt_at").first()
    if delivery is None:
        return 0
    return max(1, int((delivery.next_attempt_at - timezone.now()).total_seconds()))
