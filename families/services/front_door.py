"""The front doors: the parents' request, the private status link, partner referrals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.services import notification_schedule
from coalition.privacy.models import ConsentPurpose
from coalition.private_links import new_link_token
from coalition.programmes.models import Programme
from coalition.status_machine import status_history_start
from families.answers import answer_due_on
from families.duplicates.detection import duplicates_detect_later
from families.models import (
    Child,
    Consent,
    ConsentMethod,
    Family,
    HelperKind,
    Parent,
    Referral,
    RequestSource,
    RequestStatus,
    SupportRequest,
)
from families.services.consents import referral_consent_record
from families.services.requests import (
    children_outside_age_range,
    family_set_postcode,
    request_change_status,
)
from families.services.webhooks import referral_webhooks_queue


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
    kids = family_add_children(family=family, children=children)
    if not kids:
        raise ValidationError(_("Tell us about at least one child."), code="no_children")
    # Every front door: is this family known already? Looked up after the commit, in a task.
    duplicates_detect_later(family_id=family.pk)
    return family, kids


def family_add_children(*, family: Family, children: list[tuple[str, int]]) -> list[Child]:
    """The children as a parent or partner told them: a first name and an age, kept
    as the month of birth that age means today."""
    today = timezone.localdate()
    kids = []
    for name, age in children:
        year, month = Child.birth_from_age(age, today)
        child = Child(family=family, first_name=name, birth_year=year, birth_month=month)
        child.full_clean()
        child.save()
        kids.append(child)
    return kids


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


def _request_save_new(support_request: SupportRequest, *, children: list[Child], by=None) -> str:
    """Save a new request with its first history step, its children and a fresh
    status token; the children's ages must fit the programme chosen, if any."""
    token, support_request.status_token_hash = new_link_token()
    support_request.status = RequestStatus.NEW
    support_request.full_clean(exclude=["family", "programme", "submission_key"])
    support_request.save()
    status_history_start(subject=support_request, by=by, at=support_request.created_at)
    support_request.children.set(children)
    _check_children_fit(support_request, support_request.programme)
    return token


def _request_confirmation_schedule(
    support_request: SupportRequest, *, email: str, first_name: str, token: str
) -> None:
    """The parent's confirmation email, if they gave an address: scheduled, not sent."""
    if not email:
        return
    notification_schedule(
        kind="request_confirmation",
        due_at=timezone.now(),
        target=support_request,
        recipient_email=email,
        language=support_request.language,
        # Reference and link only: never the situation or health choices.
        context={
            "reference_code": support_request.reference_code,
            "status_url": status_url(token),
            "first_name": first_name,
        },
    )


def _request_consent_record(support_request, text: str, version: str, helped_by) -> None:
    """The parent ticked the box themselves, or agreed in person to who helped them."""
    in_person = helped_by is not None
    Consent.objects.create(
        purpose=ConsentPurpose.REQUEST,
        text_version=version,
        text=text,
        family=support_request.family,
        given_at=support_request.created_at,
        given_by="parent, in person" if in_person else "parent via web form",
        recorded_by=helped_by,
        method=ConsentMethod.IN_PERSON if in_person else ConsentMethod.WEB_FORM,
    )


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
    helped_by=None,
    helped_as: str = "",
) -> SubmittedRequest:
    """A parent's request from the public form: everything is saved, or nothing.

    Without a programme the request goes to the central intake queue
    (help_me_choose). A confirmation email is scheduled, never sent from here.
    `helped_by` is the partner or language ambassador who filled it in together
    with the parent (`helped_as` says which): the parent then gave consent to them
    in person, and the consent says so.
    """
    if helped_by is not None and helped_as not in HelperKind.values:
        raise ValidationError(_("Say how you helped the parent."), code="helped_as")
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
        helped_by=helped_by,
        helped_as=helped_as if helped_by is not None else "",
    )
    token = _request_save_new(support_request, children=kids, by=helped_by)
    _request_consent_record(support_request, consent_text, consent_version, helped_by)
    _request_confirmation_schedule(support_request, email=email, first_name=first_name, token=token)
    return SubmittedRequest(request=support_request, status_token=token)


@transaction.atomic
def request_issue_status_link(*, request: SupportRequest) -> str:
    """A new private status link for the request; the old one stops working."""
    token, request.status_token_hash = new_link_token()
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


def _referring_organisation(by, organisation, parents_agreed_on: date):
    """The partner's organisation (the user's, or the API client's); a referral needs
    one, and consent given before today."""
    organisation = organisation or (by.organisation if by is not None else None)
    if organisation is None:
        raise ValidationError(_("Your account is not linked to an organisation."), code="no_org")
    if parents_agreed_on > timezone.localdate():
        raise ValidationError(_("The date the parents agreed is in the future."), code="future")
    return organisation


@transaction.atomic
def referral_create(
    *,
    by=None,
    organisation=None,
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
    consent_valid_until: date | None = None,
    submission_key: str | None = None,
) -> Referral:
    """A partner refers a family, after the parents agreed: one request in the queue of the
    advised programme, or in the central intake queue when the coalition decides. `by` is
    the partner of the web form; the API passes its client's `organisation` and no user."""
    organisation = _referring_organisation(by, organisation, parents_agreed_on)
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
        submission_key=submission_key or None,
    )
    _request_save_new(support_request, children=kids, by=by)
    return _referral_record(
        support_request=support_request,
        organisation=organisation,
        by=by,
        reason=reason,
        parents_agreed_on=parents_agreed_on,
        consent_text=consent_text,
        consent_version=consent_version,
        consent_valid_until=consent_valid_until,
    )


def _referral_record(
    *,
    support_request: SupportRequest,
    organisation,
    by,
    reason: str,
    parents_agreed_on: date,
    consent_text: str,
    consent_version: str,
    consent_valid_until: date | None = None,
) -> Referral:
    """The referral of a saved request, with the consent the parents gave the partner;
    the partner's systems hear of it (webhooks) once the transaction commits."""
    consent = referral_consent_record(
        family=support_request.family,
        organisation=organisation,
        by=by,
        given_on=parents_agreed_on,
        text=consent_text,
        version=consent_version,
        valid_until=consent_valid_until,
    )
    referral = Referral.objects.create(
        answer_due_on=answer_due_on(support_request.programme),
        request=support_request,
        organisation=organisation,
        referred_by=by,
        reason=reason,
        advised_programme=support_request.programme,
        parents_agreed_on=parents_agreed_on,
        consent=consent,
    )
    referral_webhooks_queue(request_id=support_request.pk)
    return referral
