"""A family's reminders: a request waiting past the intake promise, and the parent told
that a coordinator will call. Registered with the notifications room (see its registry.py)."""

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
from coalition.notifications.registry import register_planner, register_reminder, register_target
from coalition.notifications.services import Reminder, notifications_schedule_many
from coalition.workdays import add_working_days
from families.models import Family, Parent, RequestStatus, SupportRequest


def _plan_requests_waiting(now: datetime) -> int:
    """The day after the intake promise, a request still new reminds its coordinators
    (the intake coordinators when it has no programme yet)."""
    requests = list(
        SupportRequest.objects.filter(status=RequestStatus.NEW).only(
            "pk", "reference_code", "programme_id", "created_at"
        )
    )
    staff = programme_coordinators(r.programme_id for r in requests if r.programme_id)
    intake = intake_coordinators() if any(r.programme_id is None for r in requests) else []
    reminders = []
    for request in requests:
        received = timezone.localdate(request.created_at)
        promise = add_working_days(received, settings.INTAKE_PROMISE_WORKING_DAYS)
        due = local_moment(add_working_days(promise, 1))
        recipients = staff.get(request.programme_id, []) if request.programme_id else intake
        context = {
            "reference_code": request.reference_code,
            "received_on": received.isoformat(),
            "promise_on": promise.isoformat(),
        }
        reminders += [
            Reminder("request_waiting", due, request, context=context, **user_recipient(user))
            for user in recipients
        ]
    return notifications_schedule_many(reminders)


def _coordinator_will_call(request: SupportRequest, parent: Parent) -> Reminder:
    # The moment of the status change makes the key: planned again later, told again.
    return Reminder(
        "coordinator_will_call",
        request.status_changed_at,
        request,
        recipient_email=parent.email,
        language=request.language,
        context={
            "reference_code": request.reference_code,
            "parent_first_name": parent.first_name,
        },
    )


def coordinator_will_call_schedule(*, request: SupportRequest) -> int:
    """Called by the service that plans the intake, in its transaction: tell a
    parent with an email address that a coordinator will call."""
    parent = request.family.parents.filter(is_primary_contact=True).exclude(email="").first()
    if parent is None:
        return 0
    return notifications_schedule_many([_coordinator_will_call(request, parent)])


def _plan_coordinator_will_call(now: datetime) -> int:
    """Catch-up for the service above (the unique key makes it a no-op when the
    service already scheduled it): intakes planned in the last two days."""
    requests = list(
        SupportRequest.objects.filter(
            status=RequestStatus.INTAKE_PLANNED, status_changed_at__gte=now - timedelta(days=2)
        ).only("pk", "reference_code", "family_id", "language", "status_changed_at")
    )
    parents = {
        p.family_id: p
        for p in Parent.objects.filter(
            family_id__in=[r.family_id for r in requests], is_primary_contact=True
        ).exclude(email="")
    }
    reminders = [
        _coordinator_will_call(request, parents[request.family_id])
        for request in requests
        if request.family_id in parents
    ]
    return notifications_schedule_many(reminders)


def _request_new(request: SupportRequest, notification) -> bool:
    return request.status == RequestStatus.NEW


def _request_open(request: SupportRequest, notification) -> bool:
    return request.is_open


register_target(SupportRequest, SupportRequest.objects.visible_to)
register_target(Family, Family.objects.visible_to)
register_planner("request_waiting", _plan_requests_waiting)
register_planner("coordinator_will_call", _plan_coordinator_will_call)
register_reminder("request_waiting", still_relevant=_request_new)
register_reminder("coordinator_will_call", still_relevant=_request_open)
