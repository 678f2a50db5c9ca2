"""Writes that change a family's request: every status change goes through here."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordinators.geography import locate, normalise_pc4
from coordinators.models import Programme, Wijk
from coordinators.notifications import notification_schedule
from families.models import (
    Child,
    Consent,
    ConsentPurpose,
    Family,
    Parent,
    ProgrammeReferral,
    ProgrammeReferralStatus,
    Referral,
    RequestSource,
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


# --- Front doors: the parents' request, the status link, partner referrals ---


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def status_url(token: str) -> str:
    return settings.SITE_URL + reverse("families:request_status", args=[token])


@dataclass(frozen=True)
class SubmittedRequest:
    request: SupportRequest
    # The raw token of the private status link: shown once, only its hash is kept.
    status_token: str


def _create_family(
    *,
    first_name: str,
    phone: str,
    email: str,
    contact_preference: str,
    contact_times: str,
    postcode: str,
    children: list[tuple[str, int]],
    languages: list[str],
    needs_shared_language: bool,
) -> tuple[Family, list[Child]]:
    family = Family(
        languages=list(languages),
        needs_shared_language=needs_shared_language,
        contact_preference=contact_preference,
        contact_times=contact_times,
    )
    family_set_postcode(family=family, postcode=postcode)
    family.full_clean()
    family.save()
    parent = Parent(
        family=family, first_name=first_name, phone=phone, email=email, is_primary_contact=True
    )
    parent.full_clean()
    parent.save()
    today = timezone.localdate()
    kids = []
    for name, age in children:
        year, month = Child.birth_from_age(age, today)
        child = Child(family=family, first_name=name, birth_year=year, birth_month=month)
        child.full_clean()
        child.save()
        kids.append(child)
    if not kids:
        raise ValidationError(_("Tell us about at least one child."), code="no_children")
    return family, kids


def _check_children_fit(support_request: SupportRequest, programme: Programme | None) -> None:
    if programme is None:
        return
    outside = children_outside_age_range(request=support_request, programme=programme)
    if outside:
        raise ValidationError(
            _("%(programme)s is for children from %(min)s to %(max)s years old.")
            % {
                "programme": programme.name,
                "min": programme.child_min_age,
                "max": programme.child_max_age,
            },
            code="child_age",
        )


def _request_save_new(support_request: SupportRequest, *, by=None) -> str:
    """Save a new request with its first history step and a fresh status token."""
    token = secrets.token_urlsafe(32)
    support_request.status = RequestStatus.NEW
    support_request.status_token_hash = _token_hash(token)
    support_request.full_clean(exclude=["family", "programme", "submission_key"])
    support_request.save()
    RequestStatusChange.objects.create(
        request=support_request,
        from_status="",
        to_status=RequestStatus.NEW,
        changed_at=support_request.created_at,
        changed_by=by,
    )
    return token


@transaction.atomic
def request_submit(
    *,
    first_name: str,
    phone: str,
    email: str,
    contact_preference: str,
    contact_times: str,
    postcode: str,
    children: list[tuple[str, int]],
    situation: list[str],
    situation_text: str,
    programme: Programme | None,
    availability: int,
    languages: list[str],
    needs_shared_language: bool,
    language: str,
    consent_text: str,
    consent_version: str,
    submission_key: str | None = None,
) -> SubmittedRequest:
    """A parent's request from the public form: everything is saved, or nothing.

    Without a programme the request goes to the central intake queue
    (help_me_choose). A confirmation email is scheduled, never sent from here.
    """
    family, kids = _create_family(
        first_name=first_name,
        phone=phone,
        email=email,
        contact_preference=contact_preference,
        contact_times=contact_times,
        postcode=postcode,
        children=children,
        languages=languages,
        needs_shared_language=needs_shared_language,
    )
    support_request = SupportRequest(
        family=family,
        programme=programme,
        help_me_choose=programme is None,
        situation=list(situation),
        situation_text=situation_text,
        availability=availability,
        language=language,
        source=RequestSource.SELF,
        submission_key=submission_key or None,
    )
    token = _request_save_new(support_request)
    support_request.children.set(kids)
    _check_children_fit(support_request, programme)
    Consent.objects.create(
        purpose=ConsentPurpose.REQUEST,
        text_version=consent_version,
        text=consent_text,
        family=family,
        given_at=support_request.created_at,
        given_by="parent via web form",
    )
    if email:
        notification_schedule(
            kind="request_confirmation",
            due_at=timezone.now(),
            target=support_request,
            recipient_email=email,
            language=language,
            # Reference and link only: never the situation or health choices.
            context={
                "reference_code": support_request.reference_code,
                "status_url": status_url(token),
                "first_name": first_name,
            },
        )
    return SubmittedRequest(request=support_request, status_token=token)


@transaction.atomic
def request_issue_status_link(*, request: SupportRequest) -> str:
    """A new private status link for the request; the old one stops working."""
    token = secrets.token_urlsafe(32)
    request.status_token_hash = _token_hash(token)
    request.status_token_revoked_at = None
    request.save(update_fields=["status_token_hash", "status_token_revoked_at"])
    return token


@transaction.atomic
def request_revoke_status_link(*, request: SupportRequest) -> SupportRequest:
    """Stop the private status link (by the parent, or a coordinator on their behalf)."""
    if request.status_token_revoked_at is None:
        request.status_token_revoked_at = timezone.now()
        request.save(update_fields=["status_token_revoked_at"])
    return request


@transaction.atomic
def request_withdraw_by_parent(*, request: SupportRequest, reason: str = "") -> SupportRequest:
    """The parent stops the request from the status page; a reason is optional for them."""
    note = reason.strip() or "Withdrawn by the parent via the status link."
    return request_change_status(request=request, to_status=RequestStatus.WITHDRAWN, reason=note)


@transaction.atomic
def request_update_contact(
    *, request: SupportRequest, phone: str, email: str, contact_preference: str, contact_times: str
) -> Parent:
    """The parent corrects how to reach them from the status page."""
    family = request.family
    parent = family.parents.filter(is_primary_contact=True).first() or Parent(
        family=family, first_name="-", is_primary_contact=True
    )
    parent.phone = phone
    parent.email = email
    parent.full_clean()
    parent.save()
    family.contact_preference = contact_preference
    family.contact_times = contact_times
    family.save(update_fields=["contact_preference", "contact_times"])
    return parent


@transaction.atomic
def referral_create(
    *,
    by,
    parent_first_name: str,
    phone: str,
    email: str,
    contact_preference: str,
    contact_times: str,
    postcode: str,
    children: list[tuple[str, int]],
    language: str,
    reason: str,
    advised_programme: Programme | None,
    parents_agreed_on: date,
    consent_text: str,
    consent_version: str,
) -> Referral:
    """A partner refers a family, after the parents agreed: one request in the queue
    of the advised programme, or in the central intake queue when the coalition decides."""
    organisation = by.organisation
    if organisation is None:
        raise ValidationError(_("Your account is not linked to an organisation."), code="no_org")
    if parents_agreed_on > timezone.localdate():
        raise ValidationError(_("The date the parents agreed is in the future."), code="future")
    family, kids = _create_family(
        first_name=parent_first_name,
        phone=phone,
        email=email,
        contact_preference=contact_preference,
        contact_times=contact_times,
        postcode=postcode,
        children=children,
        languages=[],
        needs_shared_language=False,
    )
    support_request = SupportRequest(
        family=family,
        programme=advised_programme,
        help_me_choose=advised_programme is None,
        language=language,
        source=RequestSource.PARTNER,
    )
    _request_save_new(support_request, by=by)
    support_request.children.set(kids)
    _check_children_fit(support_request, advised_programme)
    consent = Consent.objects.create(
        purpose=ConsentPurpose.REFERRAL,
        text_version=consent_version,
        text=consent_text,
        family=family,
        given_at=timezone.make_aware(datetime.combine(parents_agreed_on, time(12))),
        given_by=f"parent, to {organisation.name}",
        recorded_by=by,
    )
    return Referral.objects.create(
        request=support_request,
        organisation=organisation,
        referred_by=by,
        reason=reason,
        advised_programme=advised_programme,
        parents_agreed_on=parents_agreed_on,
        consent=consent,
    )


REFERRAL_EVENTS = {"started": "referral_support_started", "ended": "referral_support_ended"}


def referral_notify_support_change(*, match, event: str):
    """Tell the referring partner that support started or ended ("started" / "ended").

    Call it inside the transaction that activates or ends the match. Does nothing
    for requests that no partner referred. Scheduled once per event and day.
    """
    if event not in REFERRAL_EVENTS:
        raise ValueError(f"Unknown event {event!r}.")
    referral = (
        Referral.objects.filter(request_id=match.request_id)
        .select_related("referred_by", "organisation")
        .first()
    )
    if referral is None:
        return None
    user = referral.referred_by if referral.referred_by and referral.referred_by.is_active else None
    if user is None and not referral.organisation.email:
        return None
    day = (match.started_on if event == "started" else match.ended_on) or timezone.localdate()
    # One fixed moment per event and day keeps this idempotent (the key holds due_at):
    # due at once for today or the past, on the morning of a start date still to come.
    moment = time(0) if day <= timezone.localdate() else time(9)
    due_at = timezone.make_aware(datetime.combine(day, moment))
    return notification_schedule(
        kind=REFERRAL_EVENTS[event],
        due_at=due_at,
        target=match.request,
        recipient_user=user,
        recipient_email="" if user else referral.organisation.email,
        language=user.preferred_language if user else settings.LANGUAGE_CODE,
        context={
            "reference_code": match.request.reference_code,
            "programme": match.programme.name,
            "day": day.isoformat(),
            "partner_url": settings.SITE_URL
            + reverse("families:partner_referral_detail", args=[match.request.reference_code]),
        },
    )


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
