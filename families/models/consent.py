"""Consent: what a family agreed to, with the exact text they were shown."""

from __future__ import annotations

from django.db import models

from coalition.privacy.models import ConsentRecord
from families.models.family import Family


class Consent(ConsentRecord):
    """A family's consent: to process their request, to a partner's referral, to
    sharing their request with another programme."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
