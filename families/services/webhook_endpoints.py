"""A partner registers its own webhook endpoint: an HTTPS address and a signing secret.

The secret is shown once (when the endpoint is made, or the secret rotated); the
platform keeps it to sign every delivery (families.services.webhooks).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from families.models import WebhookEndpoint
from families.services.webhooks import check_webhook_url, webhook_secret_new


@transaction.atomic
def webhook_endpoint_register(*, organisation, url: str, by=None) -> tuple[WebhookEndpoint, str]:
    """Register or replace the organisation's endpoint. A new endpoint gets a new
    secret (returned, to show once); replacing the address keeps the secret."""
    url = url.strip()
    check_webhook_url(url)
    endpoint = WebhookEndpoint.objects.select_for_update().filter(organisation=organisation).first()
    if endpoint is None:
        endpoint = WebhookEndpoint.objects.create(
            organisation=organisation, url=url, secret=webhook_secret_new(), registered_by=by
        )
        return endpoint, endpoint.secret
    endpoint.url = url
    endpoint.registered_by = by
    endpoint.registered_at = timezone.now()
    endpoint.save(update_fields=["url", "registered_by", "registered_at"])
    return endpoint, ""


@transaction.atomic
def webhook_endpoint_rotate_secret(*, endpoint: WebhookEndpoint, by=None) -> str:
    """A new signing secret, at once: the old one no longer signs anything."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.secret = webhook_secret_new()
    endpoint.secret_rotated_at = timezone.now()
    endpoint.save(update_fields=["secret", "secret_rotated_at"])
    return endpoint.secret


@transaction.atomic
def webhook_endpoint_remove(*, organisation) -> bool:
    """Stop posting to the organisation: undelivered changes go nowhere; the log stays."""
    deleted, _rows = WebhookEndpoint.objects.filter(organisation=organisation).delete()
    return deleted > 0
