"""Writes that change a family's request: every status change goes through here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordinators.geography import locate, normalise_pc4
from coordinators.models import Programme, Wijk
from families.models import (
    Consent,
    ConsentPurpose,
    Family,
    ProgrammeReferral,
    ProgrammeReferralStatus,
    RequestStatus,
    RequestStatusChange,
    SupportRequest,
)

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
    RequestStatusChange.objects.create(
        request=locked,
        from_status=locked.status,
        to_status=to_status,
        changed_at=now,
        changed_by=by,
        reason=reason,
    )
    locked.status = to_status
    locked.status_changed_at = now
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


# --- Coordinator actions on a request ---------------------------------------


@transaction.atomic
def request_plan_intake(*, request: SupportRequest, when, by=None) -> SupportRequest:
    """Plan (or re-plan) the intake conversation with the family."""
    if when is None:
        raise ValidationError(_("Choose a date and time for the intake."), code="when_required")
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status == RequestStatus.NEW:
        request_change_status(request=locked, to_status=RequestStatus.INTAKE_PLANNED, by=by)
        locked.refresh_from_db()
    elif locked.status != RequestStatus.INTAKE_PLANNED:
        raise ValidationError(
            _("An intake can only be planned for a new request (this one is “%(status)s”).")
            % {"status": locked.get_status_display()},
            code="illegal_transition",
        )
    locked.intake_planned_for = when
    locked.save(update_fields=["intake_planned_for"])
    request.refresh_from_db()
    return locked


@transaction.atomic
def request_record_intake(
    *,
    request: SupportRequest,
    by=None,
    done_on=None,
    situation: list[str] | None = None,
    programme: Programme | None = None,
    availability: int | None = None,
    languages: list[str] | None = None,
    needs_shared_language: bool | None = None,
    excludes_pets: bool | None = None,
    excludes_smoking: bool | None = None,
    health_notes: str | None = None,
    notes: str = "",
    notes_confidential: bool = True,
) -> SupportRequest:
    """Record the intake conversation: what was confirmed with the family is
    stored on the request and family, the conversation itself as a contact note.

    `health_notes=None` leaves the special-category notes untouched (the caller
    may not be allowed to see them)."""
    from matching.models import ContactKind, ContactNote

    locked = SupportRequest.objects.select_for_update().select_related("family").get(pk=request.pk)
    locked.check_can_move_to(RequestStatus.INTAKE_DONE)
    day = done_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError(_("An intake cannot be recorded in the future."), code="future")
    if programme is not None and programme.pk != locked.programme_id:
        request_choose_programme(request=locked, programme=programme, by=by)
    if situation is not None:
        locked.situation = list(situation)
    if availability is not None:
        locked.availability = availability
    if health_notes is not None:
        locked.health_notes = health_notes
    locked.intake_done_on = day
    locked.full_clean(exclude=["family", "programme", "children"])
    locked.save()
    family = locked.family
    family_fields = {
        "languages": languages,
        "needs_shared_language": needs_shared_language,
        "excludes_pets": excludes_pets,
        "excludes_smoking": excludes_smoking,
    }
    changed = [name for name, value in family_fields.items() if value is not None]
    for name in changed:
        setattr(family, name, family_fields[name])
    if changed:
        family.save(update_fields=changed)
    request_change_status(request=locked, to_status=RequestStatus.INTAKE_DONE, by=by)
    if notes.strip():
        ContactNote.objects.create(
            family=family,
            kind=ContactKind.MEETING,
            text=notes.strip(),
            confidential=notes_confidential,
            author=by,
        )
    request.refresh_from_db()
    return request


def request_mark_waiting(*, request: SupportRequest, by=None) -> SupportRequest:
    """After intake: the family joins the waiting list of its programme."""
    return request_change_status(request=request, to_status=RequestStatus.WAITING_FOR_MATCH, by=by)


def request_end(*, request: SupportRequest, to_status: str, reason: str, by=None) -> SupportRequest:
    """Withdraw or close a request, always with a reason."""
    if to_status not in (RequestStatus.CLOSED, RequestStatus.WITHDRAWN):
        raise ValidationError(_("Choose close or withdraw."), code="illegal_transition")
    return request_change_status(request=request, to_status=to_status, by=by, reason=reason)


@transaction.atomic
def request_refer_to_programme(
    *,
    request: SupportRequest,
    to_programme: Programme,
    reason: str,
    family_agreed: bool,
    by=None,
) -> ProgrammeReferral:
    """Offer a request to another programme of the coalition, with the family's consent.

    The receiving programme sees the request from now on and accepts or declines."""
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if not reason.strip():
        raise ValidationError(_("Say why you refer this family."), code="reason_required")
    if not family_agreed:
        raise ValidationError(
            _("Ask the family's consent before sharing their request with another programme."),
            code="consent_required",
        )
    if not locked.is_open:
        raise ValidationError(_("This request is no longer open."), code="request_closed")
    if locked.programme_id is None:
        raise ValidationError(
            _("A request in the intake queue is routed by choosing a programme, not referred."),
            code="no_programme",
        )
    if locked.programme_id == to_programme.pk:
        raise ValidationError(
            _("The request already belongs to %s.") % to_programme.name, code="same_programme"
        )
    if ProgrammeReferral.objects.filter(
        request=locked, to_programme=to_programme, status=ProgrammeReferralStatus.PENDING
    ).exists():
        raise ValidationError(
            _("%s has not answered the previous referral yet.") % to_programme.name,
            code="already_pending",
        )
    Consent.objects.create(
        purpose=ConsentPurpose.SHARE_WITH_PROGRAMME,
        text_version="coordinator",
        text=_("The family agreed that their request is shared with %s.") % to_programme.name,
        family_id=locked.family_id,
        given_by=_("parent, to the coordinator"),
        recorded_by=by,
    )
    return ProgrammeReferral.objects.create(
        request=locked,
        from_programme_id=locked.programme_id,
        to_programme=to_programme,
        reason=reason.strip(),
        created_by=by,
    )


@transaction.atomic
def programme_referral_decide(
    *, referral: ProgrammeReferral, accept: bool, by=None, note: str = ""
) -> ProgrammeReferral:
    """The receiving programme answers a referral. Accepting moves the request to it."""
    locked = (
        ProgrammeReferral.objects.select_for_update()
        .select_related("request", "to_programme")
        .get(pk=referral.pk)
    )
    if locked.status != ProgrammeReferralStatus.PENDING:
        raise ValidationError(
            _("This referral was already answered (%s).") % locked.get_status_display(),
            code="already_decided",
        )
    if not accept and not note.strip():
        raise ValidationError(_("Say why you decline, for the sender."), code="reason_required")
    if accept:
        if not locked.request.is_open:
            raise ValidationError(_("This request is no longer open."), code="request_closed")
        request_choose_programme(request=locked.request, programme=locked.to_programme, by=by)
    locked.status = ProgrammeReferralStatus.ACCEPTED if accept else ProgrammeReferralStatus.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.decision_note = note.strip()
    locked.save()
    referral.refresh_from_db()
    return locked
