"""Consent: what a family agreed to, with the exact text they were shown, and until when."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.privacy.models import ConsentRecord
from families.models.family import Family


class ConsentMethod(models.TextChoices):
    WEB_FORM = "web_form", _("Ticked by the parent on the web form")
    IN_PERSON = "in_person", _("Given in person to the one who helped fill in the form")
    TO_PARTNER = "to_partner", _("Given to the referring partner")


class Consent(ConsentRecord):
    """A family's consent: to process their request, to a partner's referral, to
    sharing their request with another programme.

    `valid_until` is the last day it holds (empty: until withdrawn). The day after,
    what was shared under it stops being shared until a coordinator records a renewal.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    method = models.CharField(
        _("how consent was given"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # Set when a renewal came after the consent had run out: what the partner sees
    # from then on is told again (families.selectors.partner_rows).
    shared_again_on = models.DateField(_("shared again on"), null=True, blank=True)

    def clean(self) -> None:
        super().clean()
        given_on = timezone.localdate(self.given_at) if self.given_at else None
        if self.valid_until is not None and given_on is not None and self.valid_until <= given_on:
            raise ValidationError(
                {"valid_until": _("Consent must be valid after the day it was given.")},
                code="valid_until_before_given",
            )

    def has_expired(self, today: dt.date | None = None) -> bool:
        """True from the day after `valid_until` (the day itself still counts)."""
        today = today or timezone.localdate()
        return self.valid_until is not None and today > self.valid_until

    @property
    def expired_on(self) -> dt.date | None:
        """The first day the consent no longer holds."""
        return self.valid_until + dt.timedelta(days=1) if self.valid_until else None


class RenewalChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    PAPER = "paper", _("On paper")


class ConsentRenewal(models.Model):
    """A coordinator recorded that the family agreed again: until when, who, and how."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="renewals")
    previous_valid_until = models.DateField(_("valid until before"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"))
    channel = models.CharField(_("how"), max_length=20, choices=RenewalChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("consent renewal")
        verbose_name_plural = _("consent renewals")
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.consent} -> {self.valid_until}"
