"""A request's status and programme: every status change goes through here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.programmes.geography import locate, normalise_pc4
from coalition.programmes.models import Programme, Wijk
from coalition.status_machine import status_step_record
from families.models import (
    Family,
    RequestStatus,
    SupportRequest,
)
from families.reminders import coordinator_will_call_schedule

_CLOSING_STATUSES = frozenset(
    {RequestStatus.CLOSED, RequestStatus.WITHDRAWN, RequestStatus.REFERRED_ELSEWHERE}
)


def family_set_postcode(*, family: Family, postcode: str) -> None:
    """Store the postcode with its PC4 and the wijk it lies in (None outside Tilburg)."""
    pc4 = normalise_pc4(postcode)
    if pc4 is None:
        raise ValidationError(
            {"postcode": _("Fill in a Dutch postcode, for example 5038 AB.")}, code="postcode"
        )
    family.postcode = postcode.strip().upper()
    family.pc4 = pc4
    wijk_code = locate(pc4).wijk_code
    family.wijk = Wijk.objects.filter(pk=wijk_code).first() if wijk_code else None


@transaction.atomic
def request_change_status(
    *, request: SupportRequest, to_status: str, by=None, reason: str = ""
) -> SupportRequest:
    """Move a request to `to_status`, refusing illegal steps, and record the step."""
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    locked.check_can_move_to(to_status)
    if to_status in _CLOSING_STATUSES and not reason.strip():
        raise ValidationError(_("Give a reason when a request ends."), code="reason_required")
    if to_status == RequestStatus.WAITING_FOR_MATCH and locked.programme_id is None:
        raise ValidationError(
            _("Choose a programme before the family waits for a match."), code="no_programme"
        )
    now = timezone.now()
    status_step_record(subject=locked, to_status=to_status, by=by, reason=reason, at=now)
    locked.status_reason = reason
    if to_status == RequestStatus.INTAKE_DONE and locked.intake_done_on is None:
        locked.intake_done_on = timezone.localdate(now)
    if to_status == RequestStatus.MATCHED:
        locked.matched_on = timezone.localdate(now)
    if to_status in _CLOSING_STATUSES:
        locked.closed_at = now
    elif locked.closed_at is not None:
        locked.closed_at = None
    locked.save()
    if to_status == RequestStatus.INTAKE_PLANNED:
        coordinator_will_call_schedule(request=locked)
    request.refresh_from_db()
    return locked


def children_outside_age_range(
    *, request: SupportRequest, programme: Programme, on=None
) -> list[str]:
    """First names of the request's children whose age does not fit the programme."""
    day = on or timezone.localdate()
    return [
        child.first_name
        for child in request.children.all()
        if not programme.accepts_child_age(child.age_on(day))
    ]


@transaction.atomic
def request_choose_programme(
    *, request: SupportRequest, programme: Programme, by=None
) -> SupportRequest:
    """Route a request to a programme; the children's ages must fit its range."""
    outside = children_outside_age_range(request=request, programme=programme)
    if outside:
        raise ValidationError(
            _("%(programme)s is for children of %(min)s to %(max)s years; %(names)s do not fit.")
            % {
                "programme": programme.name,
                "min": programme.child_min_age,
                "max": programme.child_max_age,
                "names": ", ".join(outside),
            },
            code="child_age",
        )
    request.programme = programme
    request.help_me_choose = False
    request.save(update_fields=["programme", "help_me_choose"])
    return request
