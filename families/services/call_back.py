""" "Bel mij terug": the shortest way to ask for help, and what the coordinator does
after the call (complete the request with what the parent told them, or close it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coalition.privacy.models import ConsentPurpose
from coalition.status_machine import status_history_event
from families.models import (
    Consent,
    ConsentMethod,
    ContactPreference,
    Family,
    Parent,
    RequestSource,
    SupportRequest,
)
from families.services.front_door import (
    SubmittedRequest,
    _request_save_new,
    family_add_children,
)
from families.services.requests import family_set_postcode


@transaction.atomic
def call_back_request_submit(
    *,
    first_name: str,
    phone: str,
    language: str,
    best_time: str,
    page_language: str,
    consent_text: str,
    consent_version: str,
    submission_key: str | None = None,
) -> SubmittedRequest:
    """A request of four answers, in the central intake queue and marked "call back".
    `language` is the one to call in (a home language); `page_language` the one of the
    page, used for the status link and any later message."""
    family = Family(
        languages=[language],
        needs_shared_language=False,
        contact_preference=ContactPreference.PHONE,
        contact_times=best_time,
    )
    family.full_clean()
    family.save()
    parent = Parent(family=family, first_name=first_name, phone=phone, is_primary_contact=True)
    parent.full_clean()
    parent.save()
    support_request = SupportRequest(
        family=family,
        programme=None,
        help_me_choose=True,
        call_back=True,
        language=page_language,
        source=RequestSource.SELF,
        submission_key=submission_key or None,
    )
    token = _request_save_new(support_request, children=[])
    Consent.objects.create(
        purpose=ConsentPurpose.REQUEST,
        text_version=consent_version,
        text=consent_text,
        family=family,
        given_at=support_request.created_at,
        given_by="parent via call-back form",
        method=ConsentMethod.WEB_FORM,
    )
    return SubmittedRequest(request=support_request, status_token=token)


@transaction.atomic
def call_back_complete(
    *,
    request: SupportRequest,
    postcode: str,
    children: list[tuple[str, int]],
    situation: list[str],
    situation_text: str,
    by,
) -> SupportRequest:
    """After the call: what the parent told the coordinator makes it a full request,
    still in the central intake queue (routed from there as any other)."""
    locked = SupportRequest.objects.select_for_update().select_related("family").get(pk=request.pk)
    if not locked.call_back or not locked.is_open:
        raise ValidationError(
            _("This request does not wait to be called back."), code="not_call_back"
        )
    if not children:
        raise ValidationError(_("Tell us about at least one child."), code="no_children")
    family = locked.family
    family_set_postcode(family=family, postcode=postcode)
    family.full_clean()
    family.save()
    locked.children.add(*family_add_children(family=family, children=children))
    locked.situation = list(situation)
    locked.situation_text = situation_text
    locked.call_back = False
    locked.full_clean(exclude=["family", "programme", "submission_key"])
    locked.save(update_fields=["situation", "situation_text", "call_back"])
    status_history_event(subject=locked, by=by, reason="Completed after the call-back.")
    request.refresh_from_db()
    return locked
