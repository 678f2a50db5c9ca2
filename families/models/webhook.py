"""Status webhooks to partner systems: the endpoints and the outbox of deliveries."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models.api_client import ApiClient
from families.models.request import SupportRequest


class WebhookEndpoint(models.Model):
    """The HTTPS address a partner organisation registered itself (partner area or the
    API), with the secret that signs what is posted to it. One per organisation."""

    organisation = models.OneToOneField(
        "programmes.Organisation",
        on_delete=models.CASCADE,
        related_name="webhook_endpoint",
        verbose_name=_("organisation"),
    )
    url = models.URLField(_("webhook URL"))
    # Signs each webhook (HMAC-SHA256); shown to the partner once, when made or rotated.
    secret = models.CharField(_("webhook secret"), max_length=100)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    secret_rotated_at = models.DateTimeField(_("secret rotated"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.url}"


class WebhookDeliveryQuerySet(models.QuerySet):
    def of_organisation(self, organisation_id: int) -> WebhookDeliveryQuerySet:
        """An organisation's delivery log (its own endpoint's and its API clients'),
        newest first, with the reference code each is about."""
        return (
            self.filter(
                Q(organisation_id=organisation_id) | Q(client__organisation_id=organisation_id)
            )
            .select_related("request")
            .only(
                "id",
                "status",
                "status_on",
                "created_at",
                "attempts",
                "delivered_at",
                "last_response",
                "request__reference_code",
            )
            .order_by("-created_at", "-pk")
        )


class WebhookDelivery(models.Model):
    """One status change of one referral for one endpoint (an API client's, set by the
    admin, or the organisation's own).

    The unique (receiver, request, status, status_on) makes each change one row, however
    often the services that may cause it run; the row is delivered until the receiver
    answers 2xx, with back-off between attempts, and then never again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(
        ApiClient,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("API client"),
        null=True,
        blank=True,
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        verbose_name=_("webhook endpoint"),
        null=True,
        blank=True,
    )
    # Kept when the endpoint is removed: the partner still reads its delivery log.
    organisation = models.ForeignKey(
        "programmes.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=20)
    status_on = models.DateField(_("status date"))
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_response = models.CharField(_("last answer"), max_length=200, blank=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "request", "status", "status_on"],
                condition=Q(client__isnull=False),
                name="webhook_one_delivery_per_change",
            ),
            models.UniqueConstraint(
                fields=["organisation", "request", "status", "status_on"],
                condition=Q(client__isnull=True),
                name="webhook_one_endpoint_delivery_per_change",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client or self.organisation} {self.status} {self.status_on}"

    @property
    def target(self) -> tuple[str, str]:
        """The address and signing secret this delivery goes to now (empty: nowhere)."""
        if self.client_id is not None:
            return self.client.webhook_url, self.client.webhook_secret
        if self.endpoint_id is not None:
            return self.endpoint.url, self.endpoint.secret
        return "", ""
