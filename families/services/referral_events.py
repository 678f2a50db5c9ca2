"""What the referring partner hears when the support of a family they referred starts or ends."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.services import notification_schedule
from families.models import Referral
from families.services.webhooks import referral_webhooks_queue

REFERRAL_EVENTS = {"started": "referral_support_started", "ended": "referral_support_ended"}


def referral_notify_support_change(*, match, event: str):
    """Tell the referring partner that support started or ended ("started" / "ended").

    Call it inside the transaction that activates or ends the match. Does nothing
    for requests that no partner referred. Scheduled once per event and day.
    """
    if event not in REFERRAL_EVENTS:
        raise ValueError(f"Unknown event {event!r}.")
    referral_webhooks_queue(request_id=match.request_id)
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
