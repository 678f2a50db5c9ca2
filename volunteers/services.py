"""Writes about volunteers: status changes and screening."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordinators.models import ScreeningKind
from volunteers.models import (
    HouseholdMember,
    ScreeningStep,
    Volunteer,
    VolunteerStatus,
    VolunteerStatusChange,
)
from volunteers.selectors import screening_missing


@transaction.atomic
def volunteer_change_status(
    *, volunteer: Volunteer, to_status: str, by=None, reason: str = ""
) -> Volunteer:
    locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    locked.check_can_move_to(to_status)
    if to_status == VolunteerStatus.APPROVED:
        today = timezone.localdate()
        missing = {
            kind
            for programme in locked.programmes.all()
            for kind in screening_missing(volunteer=locked, programme=programme, on=today)
        }
        if missing:
            labels = dict(ScreeningKind.choices)
            raise ValidationError(
                _("Screening is not complete: %s.") % ", ".join(str(labels[k]) for k in missing),
                code="screening_incomplete",
            )
    now = timezone.now()
    VolunteerStatusChange.objects.create(
        volunteer=locked,
        from_status=locked.status,
        to_status=to_status,
        changed_at=now,
        changed_by=by,
        reason=reason,
    )
    locked.status = to_status
    locked.status_changed_at = now
    locked.save(update_fields=["status", "status_changed_at"])
    volunteer.refresh_from_db()
    return locked


@transaction.atomic
def screening_record(
    *,
    volunteer: Volunteer,
    kind: str,
    done_on: date,
    by=None,
    household_member: HouseholdMember | None = None,
    notes: str = "",
) -> ScreeningStep:
    """Record a completed screening step. A VOG is valid for the shortest period
    any of the volunteer's programmes allows."""
    expires_on = None
    if kind in (ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG):
        programmes = list(volunteer.programmes.all())
        if programmes:
            expires_on = min(p.vog_valid_until(done_on) for p in programmes)
    step, _created = ScreeningStep.objects.update_or_create(
        volunteer=volunteer,
        kind=kind,
        household_member=household_member,
        defaults={
            "done_on": done_on,
            "expires_on": expires_on,
            "checked_by": by,
            "exempt": False,
            "exemption_reason": "",
            "notes": notes,
        },
    )
    return step


@transaction.atomic
def screening_exempt(*, volunteer: Volunteer, kind: str, reason: str, by=None) -> ScreeningStep:
    if not reason.strip():
        raise ValidationError(_("Give the reason for the exemption."), code="reason_required")
    step, _created = ScreeningStep.objects.update_or_create(
        volunteer=volunteer,
        kind=kind,
        household_member=None,
        defaults={"exempt": True, "exemption_reason": reason, "checked_by": by},
    )
    return step


@transaction.atomic
def screening_attach_document(*, step: ScreeningStep, document, by=None) -> ScreeningStep:
    """Keep the scanned document of a screening step (for example a VOG) with the step."""
    if not document:
        raise ValidationError(_("Choose a file to upload."), code="file_required")
    step.document = document
    step.checked_by = by or step.checked_by
    step.save(update_fields=["document", "checked_by"])
    return step
