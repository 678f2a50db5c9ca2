"""A partner organisation's system that calls the API (families/api), with its OAuth 2 client."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiClientQuerySet(models.QuerySet):
    def active(self) -> ApiClientQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiClient(models.Model):
    """One OAuth 2 client (client credentials) of one partner organisation.

    The secret is hashed at rest by django-oauth-toolkit; it is shown once, when the
    client is made. A revoked client keeps its row (the audit log names it) and loses
    its tokens at once.
    """

    application = models.OneToOneField(
        "oauth2_provider.Application",
        on_delete=models.PROTECT,
        related_name="api_client",
    )
    organisation = models.ForeignKey(
        "programmes.Organisation",
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("organisation"),
    )
    scopes = models.CharField(
        _("scopes"), max_length=200, help_text=_("Separated by spaces, e.g. 'referrals:write'.")
    )
    webhook_url = models.URLField(
        _("webhook URL"),
        blank=True,
        help_text=_("HTTPS address that receives the status changes of this client's referrals."),
    )
    # Signs each webhook (HMAC-SHA256); the partner keeps a copy to check it.
    webhook_secret = models.CharField(_("webhook secret"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["organisation__name", "-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.application.client_id})"

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
