"""Families who ask for support, their requests, consents and referrals.

One module per topic; every model is imported here, where Django and the rest of
the platform look for them (`from families.models import SupportRequest`).
"""

from families.models.api_client import ApiClient
from families.models.consent import Consent, ConsentMethod, ConsentRenewal, RenewalChannel
from families.models.duplicates import DuplicateCandidate, DuplicateDecision, FamilyMerge
from families.models.family import Child, ContactPreference, Family, Parent
from families.models.goals import (
    MAX_GOALS,
    NETWORK_MOMENTS,
    Goal,
    GoalRating,
    GoalRatingRound,
    Helper,
    LifeDomain,
    NetworkDomain,
    NetworkMap,
    Rater,
    RatingMoment,
)
from families.models.questionnaire import Administration, AdministrationMode
from families.models.referral import ProgrammeReferral, ProgrammeReferralStatus, Referral
from families.models.request import (
    OPEN_REQUEST_STATUSES,
    REFERENCE_ALPHABET,
    REQUEST_TRANSITIONS,
    SPECIAL_CATEGORY_SITUATIONS,
    HelperKind,
    RequestSource,
    RequestStatus,
    RequestStatusChange,
    Situation,
    SupportRequest,
    new_reference_code,
)
from families.models.webhook import WebhookDelivery, WebhookEndpoint

__all__ = [
    "MAX_GOALS",
    "NETWORK_MOMENTS",
    "OPEN_REQUEST_STATUSES",
    "REFERENCE_ALPHABET",
    "REQUEST_TRANSITIONS",
    "SPECIAL_CATEGORY_SITUATIONS",
    "Administration",
    "AdministrationMode",
    "ApiClient",
    "Child",
    "Consent",
    "ConsentMethod",
    "ConsentRenewal",
    "ContactPreference",
    "DuplicateCandidate",
    "DuplicateDecision",
    "Family",
    "FamilyMerge",
    "Goal",
    "GoalRating",
    "GoalRatingRound",
    "Helper",
    "HelperKind",
    "LifeDomain",
    "NetworkDomain",
    "NetworkMap",
    "Parent",
    "ProgrammeReferral",
    "ProgrammeReferralStatus",
    "Rater",
    "RatingMoment",
    "Referral",
    "RenewalChannel",
    "RequestSource",
    "RequestStatus",
    "RequestStatusChange",
    "Situation",
    "SupportRequest",
    "WebhookDelivery",
    "WebhookEndpoint",
    "new_reference_code",
]
