"""What coordinators do with a request: intake, waiting list, ending, referring to another programme."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.reminders import reminders_cancel_stale
from coalition.people.access import may_hand_over
from coalition.privacy.models import ConsentPurpose
from coalition.programmes.models import Programme
from families.answers import answer_due_on
from families.duplicates.detection import duplicates_detect_later
from families.models import (
    Consent,
    Family,
    ProgrammeReferral,
    ProgrammeReferralStatus,
    RequestSource,
    RequestStatus,
    SupportRequest,
)
from families.reminders import coordinator_will_call_schedule
from families.services.consents import request_check_consent_holds
from families.services.owners import request_take_if_unowned
from families.services.requests import (
    request_change_status,
    request_check_may_move,
    request_check_not_on_offer,
    request_choose_programme,
    request_move_to_programme,
)


@transaction.atomic
def request_plan_intake(*, request: SupportRequest, when, by=None) -> SupportRequest:
    """Plan (or re-plan) the intake conversation with the family.

    The parent with an email address is told the time in their language; a new
    time is told again (a pending email with the old time is cancelled), the same
    time is not. The coordinator who plans it becomes responsible for the request
    when nobody is yet."""
    if when is None:
        raise ValidationError(_("Choose a date and time for the intake."), code="when_required")
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    request_check_not_on_offer(locked, by=by)
    if locked.status not in (RequestStatus.NEW, RequestStatus.INTAKE_PLANNED):
        raise ValidationError(
            _("An intake can only be planned for a new request (this one is “%(status)s”).")
            % {"status": locked.get_status_display()},
            code="illegal_transition",
        )
    previous = locked.intake_planned_for
    locked.intake_planned_for = when
    locked.save(update_fields=["intake_planned_for"])
    request_take_if_unowned(locked, by=by)
    if locked.status == RequestStatus.NEW:
        # The status step tells the parent (coordinator_will_call_schedule), with the time.
        request_change_status(request=locked, to_status=RequestStatus.INTAKE_PLANNED, by=by)
    elif previous != when:
        coordinator_will_call_schedule(request=locked, replanned=True)
        reminders_cancel_stale(locked)
    locked.refresh_from_db()
    request.refresh_from_db()
    return locked


@transaction.atomic
def request_confirm_intake(
    *,
    request: SupportRequest,
    by=None,
    done_on: date | None = None,
    situation: list[str] | None = None,
    programme: Programme | None = None,
    availability: int | None = None,
    languages: list[str] | None = None,
    needs_shared_language: bool | None = None,
    excludes_pets: bool | None = None,
    excludes_smoking: bool | None = None,
    health_notes: str | None = None,
) -> SupportRequest:
    """After the intake conversation: what was confirmed with the family is stored
    on the request and family, and the request moves to intake done. An answer left
    at None stays as it was.

    `health_notes=None` leaves the special-category notes untouched (the caller
    may not be allowed to see them). The conversation itself is a contact note,
    kept by `matching.intake.request_record_intake`."""
    locked = SupportRequest.objects.select_for_update().select_related("family").get(pk=request.pk)
    locked.check_can_move_to(RequestStatus.INTAKE_DONE)
    request_check_not_on_offer(locked, by=by)
    day = done_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError(_("An intake cannot be recorded in the future."), code="future")
    if programme is not None and programme.pk != locked.programme_id:
        request_choose_programme(request=locked, programme=programme, by=by)
    _request_apply_intake(
        locked,
        day=day,
        situation=situation,
        availability=availability,
        health_notes=health_notes,
    )
    _family_apply_intake(
        locked.family,
        languages=languages,
        needs_shared_language=needs_shared_language,
        excludes_pets=excludes_pets,
        excludes_smoking=excludes_smoking,
    )
    request_change_status(request=locked, to_status=RequestStatus.INTAKE_DONE, by=by)
    request_take_if_unowned(locked, by=by)
    # What the intake confirmed (a corrected name or number) may reveal a duplicate.
    duplicates_detect_later(family_id=locked.family_id)
    request.refresh_from_db()
    return request


def _request_apply_intake(
    request: SupportRequest,
    *,
    day: date,
    situation: list[str] | None,
    availability: int | None,
    health_notes: str | None,
) -> None:
    if situation is not None:
        request.situation = list(situation)
    if availability is not None:
        request.availability = availability
    if health_notes is not None:
        request.health_notes = health_notes
    request.intake_done_on = day
    request.full_clean(exclude=["family", "programme", "children"])
    request.save()


def _family_apply_intake(family: Family, **answers: bool | list[str] | None) -> None:
    """Store the family's answers that were given (not None)."""
    changed = [name for name, value in answers.items() if value is not None]
    for name in changed:
        setattr(family, name, answers[name])
    if changed:
        family.save(update_fields=changed)


@transaction.atomic
def request_mark_waiting(*, request: SupportRequest, by=None) -> SupportRequest:
    """After intake: the family joins the waiting list of its programme."""
    locked = request_change_status(
        request=request, to_status=RequestStatus.WAITING_FOR_MATCH, by=by
    )
    request_take_if_unowned(locked, by=by)
    request.refresh_from_db()
    return locked


def request_end(*, request: SupportRequest, to_status: str, reason: str, by=None) -> SupportRequest:
    """Withdraw, close or refer elsewhere a request, always with a reason; what hangs
    off it ends with it (see `register_request_ending`)."""
    if to_status not in (
        RequestStatus.CLOSED,
        RequestStatus.WITHDRAWN,
        RequestStatus.REFERRED_ELSEWHERE,
    ):
        raise ValidationError(_("Choose close or withdraw."), code="illegal_transition")
    return request_change_status(request=request, to_status=to_status, by=by, reason=reason)


def _check_may_refer(
    locked: SupportRequest, *, to_programme: Programme, reason: str, family_agreed: bool
) -> None:
    """Why a request cannot be offered to `to_programme` now, as a ValidationError."""
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
    pending = (
        ProgrammeReferral.objects.filter(request=locked, status=ProgrammeReferralStatus.PENDING)
        .select_related("to_programme")
        .first()
    )
    if pending is not None:
        # One offer at a time: the request is on offer until that programme answers.
        raise ValidationError(
            _("%s has not answered the previous referral yet.") % pending.to_programme.name,
            code="already_pending",
        )


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
    _check_may_refer(locked, to_programme=to_programme, reason=reason, family_agreed=family_agreed)
    request_check_may_move(locked)
    request_check_consent_holds(locked)
    Consent.objects.create(
        purpose=ConsentPurpose.SHARE_WITH_PROGRAMME,
        text_version="coordinator",
        text=_("The family agreed that their request is shared with %s.") % to_programme.name,
        family_id=locked.family_id,
        given_by=_("parent, to the coordinator"),
        recorded_by=by,
    )
    # The receiving programme's front door: is the family known there already?
    duplicates_detect_later(family_id=locked.family_id)
    return ProgrammeReferral.objects.create(
        request=locked,
        from_programme_id=locked.programme_id,
        to_programme=to_programme,
        reason=reason.strip(),
        created_by=by,
        answer_due_on=answer_due_on(to_programme),
    )


@transaction.atomic
def programme_referral_decide(
    *, referral: ProgrammeReferral, accept: bool, by=None, note: str = ""
) -> ProgrammeReferral:
    """The receiving programme answers a referral. Accepting moves the request to it."""
    locked = (
        ProgrammeReferral.objects.select_for_update()
        .select_related("request", "from_programme", "to_programme")
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
        _request_move_by_referral(locked, by=by)
    locked.status = ProgrammeReferralStatus.ACCEPTED if accept else ProgrammeReferralStatus.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.decision_note = note.strip()
    locked.save()
    referral.refresh_from_db()
    return locked


def _request_move_by_referral(referral: ProgrammeReferral, *, by) -> None:
    """Accepting a referral is the one way a request moves between programmes:
    only while it still belongs to the sender, and only with the family's
    recorded, not withdrawn consent to share it."""
    request = SupportRequest.objects.select_for_update().get(pk=referral.request_id)
    if not request.is_open:
        raise ValidationError(_("This request is no longer open."), code="request_closed")
    if request.programme_id != referral.from_programme_id:
        raise ValidationError(
            _("This request no longer belongs to the programme that referred it."),
            code="moved",
        )
    consented = Consent.objects.filter(
        family_id=request.family_id,
        purpose=ConsentPurpose.SHARE_WITH_PROGRAMME,
        given_at__lte=referral.created_at,
        withdrawn_at__isnull=True,
    ).exists()
    if not consented:
        raise ValidationError(
            _("Ask the family's consent before sharing their request with another programme."),
            code="consent_required",
        )
    request_check_consent_holds(request)
    request_move_to_programme(
        request=request,
        programme=referral.to_programme,
        by=by,
        reason=_("Referral from %s accepted.") % referral.from_programme.name,
    )
    # From now on the request came from another programme of the coalition; the
    # referral (with the sending programme) and any partner referral stay as they are.
    request.source = RequestSource.PROGRAMME
    request.save(update_fields=["source"])
    referral.request.refresh_from_db()


@transaction.atomic
def programme_referral_mark_handled(*, referral: ProgrammeReferral, by) -> ProgrammeReferral:
    """A declined referral is the sender's task until a coordinator of the sending
    programme says it is handled (the family was called, another way was found)."""
    locked = ProgrammeReferral.objects.select_for_update().get(pk=referral.pk)
    if locked.status != ProgrammeReferralStatus.DECLINED:
        raise ValidationError(
            _("Only a declined referral comes back to you as a task."), code="not_declined"
        )
    if locked.sender_handled_at is not None:
        raise ValidationError(_("This declined referral was already handled."), code="handled")
    if by is not None and not may_hand_over(by, programme_id=locked.from_programme_id):
        raise ValidationError(
            _("Only a coordinator of the sending programme handles this referral."),
            code="not_allowed",
        )
    locked.sender_handled_at = timezone.now()
    locked.save(update_fields=["sender_handled_at"])
    referral.refresh_from_db()
    return locked
