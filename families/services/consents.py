"""Consent that expires: the check every sharing step makes, and the renewal.

A consent holds up to and including its `valid_until`. From the day after, what was
shared under it stops: the partner's status freezes at "consent expired" (portal, API,
webhooks: families.selectors.partner_rows) and the request is not shared with another
programme (request_refer_to_programme, accepting a programme referral). A coordinator
records the parents' renewal: the new last day, who recorded it, and how it was given.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.reminders import reminders_cancel_stale
from coalition.privacy.models import ConsentPurpose
from families.models import Consent, ConsentMethod, ConsentRenewal, RenewalChannel, SupportRequest
from families.services.webhooks import referral_webhooks_queue


def request_consent(request: SupportRequest) -> Consent | None:
    """The consent with an end date that a request was shared under (a partner's referral)."""
    return Consent.objects.filter(referral__request_id=request.pk).first()


def request_check_consent_holds(request: SupportRequest) -> None:
    """Refuse to share a request further once its consent has run out."""
    consent = request_consent(request)
    if consent is not None and consent.has_expired():
        raise ValidationError(
            _(
                "The family's consent ran out on %(day)s. Record the renewal before "
                "sharing the request."
            )
            % {"day": consent.valid_until.strftime("%d-%m-%Y")},
            code="consent_expired",
        )


def referral_consent_record(
    *, family, organisation, by, given_on: date, text: str, version: str, valid_until: date | None
) -> Consent:
    """The consent the parents gave a referring partner: valid after the day it was
    given and not already run out."""
    consent = Consent(
        purpose=ConsentPurpose.REFERRAL,
        text_version=version,
        text=text,
        family=family,
        # The day is what the partner knows; noon keeps it that day in every time zone.
        given_at=timezone.make_aware(datetime.combine(given_on, time(12))),
        given_by=f"parent, to {organisation.name}",
        recorded_by=by,
        method=ConsentMethod.TO_PARTNER,
        valid_until=valid_until,
    )
    consent.clean()
    if consent.valid_until is not None and consent.valid_until < timezone.localdate():
        raise ValidationError(
            {"valid_until": _("This consent has already run out.")}, code="expired"
        )
    consent.save()
    return consent


@transaction.atomic
def consent_renew(
    *, request: SupportRequest, valid_until: date, channel: str, by
) -> ConsentRenewal:
    """The parents agreed again (in person, by phone, on paper) until `valid_until`.

    A consent that had run out is shared again from today: the partner hears the
    referral's current status once more (webhook), the coordinator's pending reminder
    about the old end date is cancelled."""
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    consent = Consent.objects.select_for_update().filter(referral__request_id=locked.pk).first()
    if consent is None:
        raise ValidationError(_("This request has no consent with an end date."), code="none")
    if not locked.is_open:
        raise ValidationError(_("This request is no longer open."), code="request_closed")
    if channel not in RenewalChannel.values:
        raise ValidationError(_("Say how the parents agreed."), code="channel")
    today = timezone.localdate()
    if valid_until <= today:
        raise ValidationError(
            _("A renewed consent must hold after today."), code="valid_until_past"
        )
    was_expired = consent.has_expired(today)
    renewal = ConsentRenewal.objects.create(
        consent=consent,
        previous_valid_until=consent.valid_until,
        valid_until=valid_until,
        channel=channel,
        recorded_by=by,
    )
    consent.valid_until = valid_until
    if was_expired:
        consent.shared_again_on = today
    consent.clean()
    consent.save(update_fields=["valid_until", "shared_again_on"])
    reminders_cancel_stale(locked)
    referral_webhooks_queue(request_id=locked.pk)
    return renewal
