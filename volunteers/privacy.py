"""What the privacy room must know about volunteers: how a volunteer is erased and
when their data is due for it. Registered in `coalition.privacy.registry` when the
privacy room starts (see its apps.py)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from coalition.people.models import Role
from coalition.people.services import user_delete_sessions
from coalition.privacy import registry
from coalition.privacy.erasure import (
    ErasureReport,
    collected_erase,
    files_delete,
    notifications_delete,
)
from coalition.privacy.retention import retention_cutoff
from coalition.privacy.walk import collect
from volunteers.models import (
    HouseholdMember,
    ProgrammeApplication,
    ScreeningStep,
    Volunteer,
    VolunteerConsent,
    VolunteerStatus,
    VolunteerStatusChange,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def volunteer_erase(*, volunteer: Volunteer) -> ErasureReport:
    """Remove a volunteer's personal data; a volunteer no other record needs (no
    match) is deleted altogether, one with matches stays as an anonymous row (the
    matches count in the statistics). Their login account is deleted."""
    collected = collect(volunteer)
    emails = {volunteer.email.lower()} if volunteer.email else set()
    # Other people's notifications may name the volunteer (a coordinator's reminder).
    names = {volunteer.first_name, volunteer.last_name}
    user = volunteer.user
    report = ErasureReport()
    if registry.statistics_need(volunteer):
        collected_erase(collected=collected, emails=emails, report=report, names=names)
    else:
        notifications_delete(collected=collected, emails=emails, report=report, names=names)
        # Screening scans and any document kept with the volunteer go with the rows.
        files_delete(rows=list(collected), report=report)
        _deleted, per_model = volunteer.delete()
        report.deleted.update({name.lower(): count for name, count in per_model.items()})
    if user is not None and user.role == Role.VOLUNTEER:
        user_delete_sessions(user)
        report.deleted["people.user"] += 1
        user.delete()
    logger.info("volunteer %s erased: %s", volunteer.pk, report.as_dict())
    return report


def volunteers_due():
    """Rejected and stopped volunteers, each after their own period."""
    rejected = Q(
        status=VolunteerStatus.REJECTED,
        status_changed_at__lt=retention_cutoff(settings.RETENTION_REJECTED_VOLUNTEER_DAYS),
    )
    stopped = Q(
        status=VolunteerStatus.STOPPED,
        status_changed_at__lt=retention_cutoff(settings.RETENTION_STOPPED_VOLUNTEER_DAYS),
    )
    return Volunteer.objects.filter(anonymised_at__isnull=True).filter(rejected | stopped)


registry.register_subject(Volunteer, erase=lambda volunteer: volunteer_erase(volunteer=volunteer))
registry.register_erasure_rules(Volunteer, keep_fields=["pc4", "languages"])
registry.register_erasure_rules(HouseholdMember, delete=True)
# Screening has no use once the person is anonymous (and an exempted step must keep
# its reason, so it cannot be cleared).
registry.register_erasure_rules(ScreeningStep, delete=True)
registry.register_erasure_rules(VolunteerConsent, keep_fields=["text_version", "text"])
registry.register_erasure_rules(ProgrammeApplication, delete=True)
registry.register_retention_rule(
    kind="volunteers",
    model=Volunteer,
    due=volunteers_due,
    erase=lambda volunteer: volunteer_erase(volunteer=volunteer).files_deleted,
    order=30,
)

# A volunteer's own rows: every field is about the volunteer.
registry.register_export_fields(
    Volunteer,
    Volunteer,
    about_subject="id user kind is_household first_name last_name email phone pc4 wijk "
    "travel_radius_km languages availability capacity child_age_min child_age_max has_children "
    "has_pets smokes motivation status status_changed_at applied_at anonymised_at programmes",
)
registry.register_export_fields(
    Volunteer, HouseholdMember, about_subject="id volunteer first_name birth_year"
)
registry.register_export_fields(
    Volunteer,
    ScreeningStep,
    about_subject="id volunteer kind household_member done_on expires_on checked_by exempt "
    "exemption_reason notes document programme screening_profile",
)
registry.register_export_fields(
    Volunteer,
    ProgrammeApplication,
    about_subject="id volunteer programme motivation status applied_at decided_at decided_by",
)
registry.register_export_fields(
    Volunteer,
    VolunteerConsent,
    about_subject="id purpose text_version text given_at given_by recorded_by withdrawn_at "
    "volunteer",
)
registry.register_export_fields(
    Volunteer,
    VolunteerStatusChange,
    about_subject="id changed_at changed_by reason volunteer from_status to_status",
)
