"""Consent records: what a person agreed to, with the exact text they were shown.

The record is abstract: each app keeps the consents of its own people
(`families.Consent`, `volunteers.VolunteerConsent`), so no app points at one above it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    REQUEST = "request", _("Process my data to find support for my family")
    REFERRAL = "referral", _("Parents agreed that a partner refers them to the coalition")
    VOLUNTEER = "volunteer", _("Process my data as a volunteer applicant")
    SHARE_WITH_PROGRAMME = "share", _("Share the request with another programme")
    RATINGS_WITH_VOLUNTEER = "ratings_volunteer", _("The volunteer may see how I rate my goals")
    SHARE_IN_COALITION = (
        "coalition",
        _("The programmes of the coalition see each other's summary of the family's requests"),
    )


class ConsentRecord(models.Model):
    """A record of consent, with the exact text version that was agreed to."""

    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("text version"), max_length=20)
    text = models.TextField(_("text shown"))
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    given_by = models.CharField(
        _("given by"), max_length=200, help_text=_("Who agreed, e.g. 'parent via web form'.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("The partner or coordinator who recorded consent given to them."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        abstract = True
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.text_version})"
