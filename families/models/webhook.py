"""The outbox of status webhooks to partner systems, one row per client and change."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models.api_client import ApiClient
from families.models.request import SupportRequest


class WebhookDelivery(models.Model):
    """One status change of one referral for one client's endpoint.

    The unique (client, request, status, status_on) makes each change one row, however
    often the services that may cause it run; the row is delivered until the receiver
    answers 2xx, with back-off between attempts, and then never again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("API client")
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

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "request", "status", "status_on"],
                name="webhook_one_delivery_per_change",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.status} {self.status_on}"
