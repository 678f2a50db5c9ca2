"""Reminders that time alone makes due for partner referrals (registered from reminders.py):

- a family's consent runs out in CONSENT_REMINDER_DAYS days: the coordinator who holds
  the request hears it once (cancelled when the consent is renewed or the request closes);
- after it ran out, the partner's systems hear "consent_expired" once (webhook);
- a referral nobody accepted or declined by its due day: the receiving coordinators
  hear it once, and the partner's systems get "referral.overdue" once (webhook).

Every step is idempotent (a reminder's key holds its due moment, a webhook row is unique
per change), so the periodic plan may run as often as it likes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from coalition.notifications.moments import local_moment
from coalition.notifications.recipients import (
    intake_coordinators,
    programme_coordinators,
    user_recipient,
)
from coalition.notifications.registry import register_planner, register_reminder
from coalition.notifications.services import Reminder, notifications_schedule_many
from families.models import (
    OPEN_REQUEST_STATUSES,
    ProgrammeReferral,
    ProgrammeReferralStatus,
    Referral,
    RequestStatus,
    SupportRequest,
)
from families.services.webhooks import referral_overdue_webhook_queue, referral_webhooks_queue

# The plan looks this far back for changes it may have missed (a beat that was down).
CATCH_UP_DAYS = 14


def _receivers(requests, staff, intake) -> dict[int, list]:
    return {r.pk: staff.get(r.programme_id, []) if r.programme_id else intake for r in requests}


def _plan_consents_expiring(now: datetime) -> int:
    today = timezone.localdate(now)
    notice = timedelta(days=settings.CONSENT_REMINDER_DAYS)
    referrals = list(
        Referral.objects.filter(
            consent__valid_until__gte=today,
            consent__valid_until__lte=today + notice,
            request__status__in=OPEN_REQUEST_STATUSES,
        ).select_related("consent", "request__owner")
    )
    no_owner = [r.request for r in referrals if r.request.owner_id is None]
    staff = programme_coordinators(r.programme_id for r in no_owner if r.programme_id)
    intake = intake_coordinators() if any(r.programme_id is None for r in no_owner) else []
    reminders = []
    for referral in referrals:
        request, valid_until = referral.request, referral.consent.valid_until
        recipients = (
            [request.owner]
            if request.owner_id and request.owner.is_active
            else (staff.get(request.programme_id, []) if request.programme_id else intake)
        )
        due = local_moment(valid_until - notice)
        context = {"reference_code": request.reference_code, "ends_on": valid_until.isoformat()}
        reminders += [
            Reminder("consent_expiring", due, request, context=context, **user_recipient(user))
            for user in recipients
        ]
    return notifications_schedule_many(reminders)


def _consent_still_running_out(request: SupportRequest, notification) -> bool:
    """Only while the request is open, the consent still ends on the day the reminder
    names (a renewal moved it), and, for an owned request, to its owner."""
    if not request.is_open:
        return False
    if request.owner_id is not None and notification.recipient_user_id != request.owner_id:
        return False
    valid_until = (
        Referral.objects.filter(request_id=request.pk)
        .values_list("consent__valid_until", flat=True)
        .first()
    )
    return valid_until is not None and valid_until.isoformat() == notification.context.get(
        "ends_on"
    )


def _plan_consents_expired(now: datetime) -> int:
    today = timezone.localdate(now)
    ids = Referral.objects.filter(
        consent__valid_until__lt=today,
        consent__valid_until__gte=today - timedelta(days=CATCH_UP_DAYS),
    ).values_list("request_id", flat=True)
    return sum(len(referral_webhooks_queue(request_id=pk)) for pk in ids)


def _plan_answers_overdue(now: datetime) -> int:
    """Partner referrals still new after their due day, and programme referrals still
    pending: a reminder to whoever must answer, and the partner's webhook."""
    today = timezone.localdate(now)
    since = today - timedelta(days=CATCH_UP_DAYS)
    referrals = list(
        Referral.objects.filter(
            answer_due_on__lt=today, answer_due_on__gte=since, request__status=RequestStatus.NEW
        ).select_related("request")
    )
    offers = list(
        ProgrammeReferral.objects.filter(
            answer_due_on__lt=today,
            answer_due_on__gte=since,
            status=ProgrammeReferralStatus.PENDING,
        ).select_related("request")
    )
    programme_ids = [r.request.programme_id for r in referrals] + [
        o.to_programme_id for o in offers
    ]
    staff = programme_coordinators(pk for pk in programme_ids if pk)
    intake = intake_coordinators() if any(not r.request.programme_id for r in referrals) else []
    reminders = []
    for referral in referrals:
        request = referral.request
        referral_overdue_webhook_queue(request_id=request.pk)
        recipients = staff.get(request.programme_id, []) if request.programme_id else intake
        reminders += _overdue_reminders(request, referral.answer_due_on, recipients)
    for offer in offers:
        reminders += _overdue_reminders(
            offer.request,
            offer.answer_due_on,
            staff.get(offer.to_programme_id, []),
            programme_referral=offer.pk,
        )
    return notifications_schedule_many(reminders)


def _overdue_reminders(request, due_on, recipients, **extra) -> list[Reminder]:
    context = {
        "reference_code": request.reference_code,
        "answer_due_on": due_on.isoformat(),
        **extra,
    }
    moment = local_moment(due_on + timedelta(days=1))
    return [
        Reminder("referral_overdue", moment, request, context=context, **user_recipient(user))
        for user in recipients
    ]


def _referral_still_unanswered(request: SupportRequest, notification) -> bool:
    offer = notification.context.get("programme_referral")
    if offer:
        return ProgrammeReferral.objects.filter(
            pk=offer, status=ProgrammeReferralStatus.PENDING
        ).exists()
    return request.status == RequestStatus.NEW


register_planner("consent_expiring", _plan_consents_expiring)
register_planner("consent_expired", _plan_consents_expired)
register_planner("referral_overdue", _plan_answers_overdue)
register_reminder("consent_expiring", still_relevant=_consent_still_running_out)
register_reminder("referral_overdue", still_relevant=_referral_still_unanswered)
