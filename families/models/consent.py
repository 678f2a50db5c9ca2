"""Consent: what a family agreed to, with the exact text they were shown."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.privacy.models import ConsentRecord
from families.models.family import Family


class ConsentMethod(models.TextChoices):
    WEB_FORM = "web_form", _("Ticked by the parent on the web form")
    IN_PERSON = "in_person", _("Given in person to the one who helped fill in the form")
    TO_PARTNER = "to_partner", _("Given to the referring partner")


class Consent(ConsentRecord):
    """A family's consent: to process their request, to a partner's referral, to
    sharing their request with another programme."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    method = models.CharField(
        _("how consent was given"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
