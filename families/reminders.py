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
from families.models import (
    Administration,
    Family,
    GoalRatingRound,
    Parent,
    RatingMoment,
    RequestStatus,
    SupportRequest,
)
from families.selectors import moment_in_words


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


def _coordinator_will_call(request: SupportRequest, parent: Parent, *, at=None) -> Reminder:
    """The parent's email that a coordinator will call, with the planned time when
    there is one. The first one is keyed on the moment the intake was planned (the
    catch-up planner below finds the same key); a new time is told at the moment
    it is planned (`at`)."""
    context = {
        "reference_code": request.reference_code,
        "parent_first_name": parent.first_name,
    }
    if request.intake_planned_for is not None:
        context["intake_at"] = request.intake_planned_for.isoformat()
    if at is not None:
        context["replanned"] = True
    return Reminder(
        "coordinator_will_call",
        at or request.status_changed_at,
        request,
        recipient_email=parent.email,
        language=request.language,
        context=context,
    )


def coordinator_will_call_schedule(*, request: SupportRequest, replanned: bool = False) -> int:
    """Called by the services that plan the intake, in their transaction: tell a
    parent with an email address that a coordinator will call, and when. After a
    new time (`replanned`) an updated email goes out and a pending one with the
    old time is cancelled (see `_intake_time_still_planned`)."""
    parent = request.family.parents.filter(is_primary_contact=True).exclude(email="").first()
    if parent is None:
        return 0
    at = timezone.now() if replanned else None
    return notifications_schedule_many([_coordinator_will_call(request, parent, at=at)])


def _plan_coordinator_will_call(now: datetime) -> int:
    """Catch-up for the service above (the unique key makes it a no-op when the
    service already scheduled it): intakes planned in the last two days."""
    requests = list(
        SupportRequest.objects.filter(
            status=RequestStatus.INTAKE_PLANNED, status_changed_at__gte=now - timedelta(days=2)
        ).only(
            "pk",
            "reference_code",
            "family_id",
            "language",
            "status_changed_at",
            "intake_planned_for",
        )
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


def _intake_time_in_words(notification) -> dict:
    """The planned time of the intake, written at send time in the parent's language."""
    told = notification.context.get("intake_at")
    if not told:
        return {}
    words = moment_in_words(datetime.fromisoformat(told))
    return {"intake_day": words["day"], "intake_time": words["time"]}


def _intake_time_still_planned(request: SupportRequest, notification) -> bool:
    """ "A coordinator will call (at this time)" matters while the intake is still
    planned, and for the time it names: a later time has its own email."""
    if request.status != RequestStatus.INTAKE_PLANNED:
        return False
    told = notification.context.get("intake_at")
    planned = request.intake_planned_for
    if not told or planned is None:
        return True
    return datetime.fromisoformat(told) == planned


def _rating_round_open(round: GoalRatingRound, notification) -> bool:
    """An invitation to rate the goals matters while nobody rated them for that
    moment yet: during the support for intake and evaluations, after closure for
    the closure rating (a withdrawn request is asked nothing)."""
    if not round.is_open:
        return False
    if round.moment == RatingMoment.CLOSURE:
        return round.request.status == RequestStatus.CLOSED
    return round.request.is_open


def _rounds_visible_to(user):
    return GoalRatingRound.objects.filter(request__in=SupportRequest.objects.visible_to(user))


register_target(SupportRequest, SupportRequest.objects.visible_to)
register_target(GoalRatingRound, _rounds_visible_to)
register_reminder("goal_rating_invitation", still_relevant=_rating_round_open)
register_target(Family, Family.objects.visible_to)
register_planner("request_waiting", _plan_requests_waiting)
register_planner("coordinator_will_call", _plan_coordinator_will_call)
register_reminder("request_waiting", still_relevant=_request_new)
register_reminder(
    "coordinator_will_call",
    still_relevant=_intake_time_still_planned,
    send_context=_intake_time_in_words,
)


def _questionnaire_still_open(administration: Administration, notification) -> bool:
    """A questionnaire reminder matters while it is unanswered and the request open;
    the invitation, sent at once, only while the request is open."""
    if not administration.request.is_open:
        return False
    return notification.kind == "questionnaire_invitation" or not administration.is_complete


def _administrations_visible_to(user):
    return Administration.objects.filter(request__in=SupportRequest.objects.held_by(user))


register_target(Administration, _administrations_visible_to)
register_reminder("questionnaire_invitation", still_relevant=_questionnaire_still_open)
register_reminder("questionnaire_reminder", still_relevant=_questionnaire_still_open)
# Consent that runs out and answers within a deadline: their own module, same registry.
import families.deadline_reminders  # noqa: E402, F401
