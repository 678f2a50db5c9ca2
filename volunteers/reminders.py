"""A volunteer's reminders: an applicant waiting, screening steps still missing, a VOG
running out. Registered with the notifications room (see its registry.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.moments import local_moment
from coalition.notifications.recipients import programme_coordinators, user_recipient
from coalition.notifications.registry import register_planner, register_reminder, register_target
from coalition.notifications.services import Reminder, notifications_schedule_many
from coalition.programmes.models import VOG_NOTICE_DAYS, ScreeningKind
from coalition.workdays import add_working_days
from volunteers.models import ScreeningStep, Volunteer, VolunteerStatus
from volunteers.selectors import screening_missing

VOLUNTEER_INTAKE_WORKING_DAYS = 5
SCREENING_REMINDER_DAYS = 14
SCREENING_NUDGE_DAYS = 7
# Statuses in which a volunteer still hears that a VOG runs out, and still needs one.
_VOG_STATUSES = (
    VolunteerStatus.APPROVED,
    VolunteerStatus.ACTIVE,
    VolunteerStatus.PAUSED,
    VolunteerStatus.SCREENING,
)


def volunteer_recipient(volunteer: Volunteer) -> dict:
    """The volunteer's account when it is active, otherwise the address they applied with."""
    if volunteer.user_id and volunteer.user.is_active:
        return user_recipient(volunteer.user)
    return {"recipient_email": volunteer.email, "language": settings.LANGUAGE_CODE}


def _coordinators_of(volunteer: Volunteer, staff: dict) -> list:
    """Each coordinator of the volunteer's programmes once."""
    recipients = {u.pk: u for p in volunteer.programmes.all() for u in staff.get(p.pk, [])}
    return list(recipients.values())


def _screening_nudge(volunteer: Volunteer, since, today) -> Reminder | None:
    """The volunteer's own nudge about the screening steps still missing."""
    missing = sorted(
        {
            kind
            for programme in volunteer.programmes.all()
            for kind in screening_missing(volunteer=volunteer, programme=programme, on=today)
        }
    )
    if not missing:
        return None
    return Reminder(
        "screening_steps",
        local_moment(since + timedelta(days=SCREENING_NUDGE_DAYS), 10),
        volunteer,
        context={"volunteer_first_name": volunteer.first_name, "missing": missing},
        **volunteer_recipient(volunteer),
    )


def _volunteer_approved(volunteer: Volunteer) -> Reminder:
    """The volunteer's welcome after approval, keyed on the moment of approval: one
    email per approval, however often it is scheduled. Only the approving service
    schedules it (no periodic catch-up: a volunteer approved before this existed,
    or loaded as data, is not welcomed out of the blue)."""
    return Reminder(
        "volunteer_approved",
        volunteer.status_changed_at,
        volunteer,
        context={
            "volunteer_first_name": volunteer.first_name,
            "programmes": sorted(p.name for p in volunteer.programmes.all()),
            "home_url": settings.SITE_URL + reverse("volunteers:home"),
        },
        **volunteer_recipient(volunteer),
    )


def volunteer_approved_schedule(*, volunteer: Volunteer) -> int:
    """Called by the service that approves a volunteer, in its transaction."""
    return notifications_schedule_many([_volunteer_approved(volunteer)])


def _plan_volunteers_waiting(now: datetime) -> int:
    """An applicant not yet screened, or a screening that takes long, reminds the
    volunteer's coordinators; a volunteer in screening hears what is still missing."""
    volunteers = list(
        Volunteer.objects.filter(
            status__in=(VolunteerStatus.APPLIED, VolunteerStatus.SCREENING),
            anonymised_at__isnull=True,
        )
        .select_related("user")
        .prefetch_related("programmes", "screening", "household_members")
    )
    staff = programme_coordinators(p.pk for v in volunteers for p in v.programmes.all())
    reminders = []
    today = timezone.localdate(now)
    for volunteer in volunteers:
        since = timezone.localdate(volunteer.status_changed_at)
        context = {
            "volunteer_first_name": volunteer.first_name,
            "status": volunteer.status,
            "since_on": since.isoformat(),
        }
        if volunteer.status == VolunteerStatus.APPLIED:
            due = local_moment(add_working_days(since, VOLUNTEER_INTAKE_WORKING_DAYS))
        else:
            due = local_moment(since + timedelta(days=SCREENING_REMINDER_DAYS))
        reminders += [
            Reminder("volunteer_waiting", due, volunteer, context=context, **user_recipient(u))
            for u in _coordinators_of(volunteer, staff)
        ]
        if volunteer.status == VolunteerStatus.SCREENING:
            nudge = _screening_nudge(volunteer, since, today)
            if nudge is not None:
                reminders.append(nudge)
    return notifications_schedule_many(reminders)


def _plan_vogs(now: datetime) -> int:
    """A VOG that expires within VOG_NOTICE_DAYS: its coordinators and the volunteer
    hear it that many days ahead (or straight away when it was recorded later)."""
    today = timezone.localdate(now)
    steps = list(
        ScreeningStep.objects.filter(
            kind__in=(ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG),
            exempt=False,
            expires_on__range=(today, today + timedelta(days=VOG_NOTICE_DAYS)),
            volunteer__status__in=_VOG_STATUSES,
        )
        .select_related("volunteer__user", "household_member")
        .prefetch_related("volunteer__programmes")
    )
    staff = programme_coordinators(p.pk for s in steps for p in s.volunteer.programmes.all())
    reminders = []
    for step in steps:
        volunteer = step.volunteer
        due = local_moment(step.expires_on - timedelta(days=VOG_NOTICE_DAYS))
        context = {
            "volunteer_first_name": volunteer.first_name,
            "expires_on": step.expires_on.isoformat(),
            "household_member_first_name": (
                step.household_member.first_name if step.household_member else ""
            ),
        }
        reminders += [
            Reminder("vog_expiring", due, step, context=context, **user_recipient(u))
            for u in _coordinators_of(volunteer, staff)
        ]
        reminders.append(
            Reminder("vog_renewal", due, step, context=context, **volunteer_recipient(volunteer))
        )
    return notifications_schedule_many(reminders)


def _volunteer_still_waiting(volunteer: Volunteer, notification) -> bool:
    return volunteer.status == notification.context.get("status")


def _volunteer_screening(volunteer: Volunteer, notification) -> bool:
    return volunteer.status in (VolunteerStatus.APPLIED, VolunteerStatus.SCREENING)


def _volunteer_still_approved(volunteer: Volunteer, notification) -> bool:
    return volunteer.status in (VolunteerStatus.APPROVED, VolunteerStatus.ACTIVE)


def _vog_unchanged(step: ScreeningStep, notification) -> bool:
    expires = step.expires_on.isoformat() if step.expires_on else ""
    return expires == notification.context.get("expires_on") and step.volunteer.status not in (
        VolunteerStatus.STOPPED,
        VolunteerStatus.REJECTED,
    )


def _missing_labels(notification) -> dict:
    labels = dict(ScreeningKind.choices)
    return {
        "missing_labels": [
            str(labels.get(kind, kind)) for kind in notification.context.get("missing", [])
        ]
    }


def _screening_steps_visible_to(user):
    # Screening steps have no scope of their own: their volunteer's.
    return ScreeningStep.objects.filter(volunteer__in=Volunteer.objects.visible_to(user))


register_target(Volunteer, Volunteer.objects.visible_to)
register_target(ScreeningStep, _screening_steps_visible_to)
register_planner("volunteer_waiting", _plan_volunteers_waiting)
register_planner("vog", _plan_vogs)
register_reminder("volunteer_waiting", still_relevant=_volunteer_still_waiting)
register_reminder(
    "screening_steps", still_relevant=_volunteer_screening, send_context=_missing_labels
)
register_reminder("volunteer_approved", still_relevant=_volunteer_still_approved)
register_reminder("vog_expiring", still_relevant=_vog_unchanged)
register_reminder("vog_renewal", still_relevant=_vog_unchanged)
