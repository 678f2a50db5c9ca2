"""Families who ask for support, their requests, consents and referrals.

One module per topic; every model is imported here, where Django and the rest of
the platform look for them (`from families.models import SupportRequest`).
"""

from families.models.api_client import ApiClient
from families.models.consent import Consent
from families.models.duplicates import DuplicateCandidate, DuplicateDecision, FamilyMerge
from families.models.family import Child, ContactPreference, Family, Parent
from families.models.referral import ProgrammeReferral, ProgrammeReferralStatus, Referral
from families.models.request import (
    OPEN_REQUEST_STATUSES,
    REFERENCE_ALPHABET,
    REQUEST_TRANSITIONS,
    SPECIAL_CATEGORY_SITUATIONS,
    RequestSource,
    RequestStatus,
    RequestStatusChange,
    Situation,
    SupportRequest,
    new_reference_code,
)
from families.models.webhook import WebhookDelivery

__all__ = [
    "OPEN_REQUEST_STATUSES",
    "REFERENCE_ALPHABET",
    "REQUEST_TRANSITIONS",
    "SPECIAL_CATEGORY_SITUATIONS",
    "ApiClient",
    "Child",
    "Consent",
    "ContactPreference",
    "DuplicateCandidate",
    "DuplicateDecision",
    "Family",
    "FamilyMerge",
    "Parent",
    "ProgrammeReferral",
    "ProgrammeReferralStatus",
    "Referral",
    "RequestSource",
    "RequestStatus",
    "RequestStatusChange",
    "Situation",
    "SupportRequest",
    "WebhookDelivery",
    "new_reference_code",
]
