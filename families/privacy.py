"""What the privacy room must know about families: how a family is erased, which
families are due for it, what their export withholds. Registered in
`coalition.privacy.registry` when the privacy room starts (see its apps.py)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from coalition.people.access import can_see_special_category
from coalition.privacy import registry
from coalition.privacy.erasure import ErasureReport, collected_erase
from coalition.privacy.export import WITHHELD
from coalition.privacy.retention import retention_cutoff
from coalition.privacy.walk import collect
from families.models import (
    SPECIAL_CATEGORY_SITUATIONS,
    Administration,
    Child,
    Consent,
    ConsentRenewal,
    DuplicateCandidate,
    Family,
    FamilyMerge,
    Goal,
    GoalRating,
    GoalRatingRound,
    NetworkMap,
    Parent,
    ProgrammeReferral,
    Referral,
    RequestStatus,
    RequestStatusChange,
    SupportRequest,
)
from families.services import request_change_status

logger = logging.getLogger(__name__)


def _withdraw_open_requests(family: Family, by) -> None:
    """Without a name or a phone number nobody can help the family any more."""
    reason = "Personal data erased at the family's request."
    for request in SupportRequest.objects.filter(family=family).open():
        request_change_status(
            request=request, to_status=RequestStatus.WITHDRAWN, by=by, reason=reason
        )


@transaction.atomic
def family_erase(*, family: Family, by=None) -> ErasureReport:
    """Remove a family's personal data everywhere; keep anonymous statistics.
    Open matches are ended first (by the apps that registered an erasure step)
    and open requests withdrawn, through the usual services."""
    registry.erasure_steps_run(subject=family, by=by)
    _withdraw_open_requests(family, by)
    collected = collect(family)
    parents = list(family.parents.all())
    emails = {p.email.lower() for p in parents if p.email}
    # Other people's notifications may name the parent (a volunteer's check-in).
    names = {name for p in parents for name in (p.first_name, p.last_name)}
    report = ErasureReport()
    collected_erase(collected=collected, emails=emails, report=report, names=names)
    logger.info("family %s erased: %s", family.pk, report.as_dict())
    return report


def families_due():
    """Families whose every request ended more than the period ago (the apps above
    add their own holds: a family with an open or recently ended match waits)."""
    cutoff = retention_cutoff(settings.RETENTION_CLOSED_REQUEST_DAYS)
    recent_or_open = SupportRequest.objects.filter(family=OuterRef("pk")).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=cutoff)
    )
    return Family.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff).exclude(
        Exists(recent_or_open)
    )


def _situation_without_special_category(request: SupportRequest) -> list[str]:
    return [code for code in request.situation if code not in SPECIAL_CATEGORY_SITUATIONS]


def _special_category_filter(rows, user):
    """Health information is exported only to whom may see it on the pages."""
    health_label = str(SupportRequest._meta.get_field("health_notes").verbose_name)
    situation_label = str(SupportRequest._meta.get_field("situation").verbose_name)

    def apply(request: SupportRequest, data: dict) -> None:
        if can_see_special_category(user, request):
            return
        if request.health_notes:
            data[health_label] = WITHHELD
        if set(request.situation) & SPECIAL_CATEGORY_SITUATIONS:
            data[situation_label] = [*_situation_without_special_category(request), WITHHELD]

    return apply


registry.register_subject(Family, erase=lambda family: family_erase(family=family))
registry.register_erasure_rules(Family, keep_fields=["pc4", "languages"])
registry.register_erasure_rules(Parent, delete=True)
registry.register_erasure_rules(
    SupportRequest,
    keep_fields=["reference_code", "language"],
    anonymisers={"situation": _situation_without_special_category},
)
registry.register_erasure_rules(Consent, keep_fields=["text_version", "text"])
# Goals: the parent's words go, the life domain, the scores and the network map
# (codes only) stay for the outcome statistics; the rating link's hash goes.
registry.register_erasure_rules(Goal, keep_fields=["domain"])
registry.register_erasure_rules(NetworkMap, keep_fields=["answers"])
registry.register_erasure_rules(GoalRatingRound, keep_fields=["occasion"])
# A questionnaire's answers go; its scores stay as anonymous figures for the reports.
registry.register_erasure_rules(Administration, keep_fields=["scores", "language"])
# A possible duplicate and a merge record only serve the intake while the family is
# known: once it is erased there is nothing to compare, merge or undo.
registry.register_erasure_rules(DuplicateCandidate, delete=True)
registry.register_erasure_rules(FamilyMerge, delete=True)
registry.register_export_filter(SupportRequest, _special_category_filter)
registry.register_retention_rule(
    kind="families",
    model=Family,
    due=families_due,
    erase=lambda family: family_erase(family=family).files_deleted,
    order=10,
)

# A family's own rows: every field is about the family (people and references to
# staff, partners and programmes by number or name only).
registry.register_export_fields(
    Family,
    Family,
    about_subject="id postcode pc4 wijk languages needs_shared_language contact_preference "
    "contact_times excludes_pets excludes_smoking created_at anonymised_at merged_into",
)
registry.register_export_fields(
    Family, Parent, about_subject="id family first_name last_name phone email is_primary_contact"
)
registry.register_export_fields(
    Family, Child, about_subject="id family first_name birth_year birth_month notes"
)
registry.register_export_fields(
    Family,
    Consent,
    about_subject="id purpose text_version text given_at given_by recorded_by withdrawn_at family "
    "method valid_until shared_again_on",
)
registry.register_export_fields(
    Family,
    ConsentRenewal,
    about_subject="id consent previous_valid_until valid_until channel recorded_by recorded_at",
)
registry.register_export_fields(
    Family,
    SupportRequest,
    about_subject="id reference_code family programme help_me_choose situation situation_text "
    "health_notes availability language source status status_changed_at status_reason "
    "created_at intake_planned_for intake_done_on matched_on closed_at "
    "status_token_revoked_at children owner waiting_since call_back helped_by helped_as",
)
registry.register_export_fields(
    Family,
    RequestStatusChange,
    about_subject="id changed_at changed_by reason request from_status to_status "
    "from_programme to_programme to_owner",
)
registry.register_export_fields(
    Family,
    Referral,
    about_subject="id request organisation referred_by reason advised_programme "
    "parents_agreed_on consent created_at answer_due_on",
)
registry.register_export_fields(
    Family,
    ProgrammeReferral,
    about_subject="id request from_programme to_programme reason status created_at created_by "
    "decided_at decided_by decision_note sender_handled_at answer_due_on",
)
registry.register_export_fields(
    Family,
    Goal,
    about_subject="id request position text domain created_at",
    about_others="created_by",
)
registry.register_export_fields(
    Family,
    GoalRating,
    about_subject="id goal score moment rater rated_at round",
    about_others="recorded_by",
)
registry.register_export_fields(
    Family,
    GoalRatingRound,
    about_subject="id request moment occasion created_at completed_at cancelled_at",
)
registry.register_export_fields(
    Family,
    NetworkMap,
    about_subject="id request moment answers rater recorded_at",
    about_others="recorded_by",
)
registry.register_export_fields(
    Family,
    Administration,
    about_subject="id request instrument moment mode language created_at answers scores "
    "completed_at",
    about_others="created_by",
)
registry.register_export_fields(
    Family,
    DuplicateCandidate,
    about_subject="id family other score reasons found_at decision decided_at decided_by",
)
registry.register_export_fields(
    Family,
    FamilyMerge,
    about_subject="id survivor merged candidate moved merged_at merged_by undone_at undone_by",
)
