"""The intake agenda: the planned intakes a coordinator may see, per day, and one
intake as a calendar file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.calendar import calendar_event
from coalition.people.models import Role, User
from coalition.programmes.models import Programme
from families.models import RequestStatus, SupportRequest

# Whose intakes the agenda shows: the user's own (they own the request), all of
# their programmes', or one colleague's (a user id).
MINE = "mine"
PROGRAMMES = "programmes"
# Planned intakes whose moment passed without being recorded stay on the agenda
# this long (they still need a "record intake" or a new time).
AGENDA_PAST_DAYS = 14
# A page of the agenda lists at most this many intakes (it is a plan, not an archive).
AGENDA_LIMIT = 200
INTAKE_DURATION = dt.timedelta(hours=1)


def planned_intakes(user) -> QuerySet[SupportRequest]:
    """Open requests with a planned intake that the user may see, soonest first."""
    return (
        SupportRequest.objects.visible_to(user)
        .filter(status=RequestStatus.INTAKE_PLANNED, intake_planned_for__isnull=False)
        .order_by("intake_planned_for", "pk")
    )


def agenda_colleagues(user) -> QuerySet[User]:
    """Colleagues whose agenda the user may look at: the active coordinators of the
    user's programmes, and the intake coordinators for an intake coordinator (the
    central queue is shared). Every staff member for the coalition administrator."""
    staff = User.objects.filter(
        is_active=True, role__in=[Role.COORDINATOR, Role.INTAKE_COORDINATOR]
    )
    if user.role != Role.COALITION_ADMIN:
        shared = Q(coordinator__programmes__in=Programme.objects.coordinated_by(user))
        if user.role == Role.INTAKE_COORDINATOR:
            shared |= Q(role=Role.INTAKE_COORDINATOR)
        staff = staff.filter(shared)
    return staff.exclude(pk=user.pk).distinct().order_by("first_name", "last_name", "pk")


@dataclass
class AgendaDay:
    day: dt.date
    intakes: list[SupportRequest] = field(default_factory=list)


@dataclass
class Agenda:
    upcoming: list[AgendaDay]
    # Planned for a moment that has passed, not yet recorded: the oldest first.
    overdue: list[AgendaDay]
    truncated: bool


def _by_day(intakes: list[SupportRequest]) -> list[AgendaDay]:
    days: list[AgendaDay] = []
    for intake in intakes:
        day = timezone.localdate(intake.intake_planned_for)
        if not days or days[-1].day != day:
            days.append(AgendaDay(day))
        days[-1].intakes.append(intake)
    return days


def intake_agenda(*, user, who: str | User, now: dt.datetime | None = None) -> Agenda:
    """The planned intakes of `who` (MINE, PROGRAMMES or a colleague), grouped by
    day in Amsterdam time: upcoming first, then those whose moment passed without
    an intake being recorded. One query, however many rows."""
    now = now or timezone.now()
    intakes = planned_intakes(user).filter(
        intake_planned_for__gte=now - dt.timedelta(days=AGENDA_PAST_DAYS)
    )
    if who == MINE:
        intakes = intakes.filter(owner=user)
    elif isinstance(who, User):
        intakes = intakes.filter(owner=who)
    rows = list(
        intakes.select_related("programme", "owner", "family__wijk").only(
            "reference_code",
            "intake_planned_for",
            "programme__name",
            "owner__first_name",
            "owner__last_name",
            "owner__email",
            "family__pc4",
            "family__wijk__name",
        )[: AGENDA_LIMIT + 1]
    )
    truncated = len(rows) > AGENDA_LIMIT
    rows = rows[:AGENDA_LIMIT]
    return Agenda(
        upcoming=_by_day([r for r in rows if r.intake_planned_for >= now]),
        overdue=_by_day([r for r in rows if r.intake_planned_for < now]),
        truncated=truncated,
    )


def intake_calendar(request: SupportRequest) -> bytes:
    """One planned intake as an .ics file for the coordinator's own calendar.

    A calendar leaves the platform (it syncs to phones and calendar services), so
    the event holds the reference code, the time and a link to the request page
    (which needs a login) only: no name of the family (a first name with a time
    and the coordinator's calendar already says who gets support), no address or
    phone number, no programme (a programme's name can tell a family's situation,
    special-category data). The coordinator opens the request page for the rest.
    The UID is the request's, so downloading it again after a new time moves
    the same event."""
    code = request.reference_code
    url = settings.SITE_URL + reverse("coordinators:request_detail", args=[request.pk])
    start = request.intake_planned_for
    return calendar_event(
        uid=f"intake-{request.pk}",
        summary=_("Intake %(code)s") % {"code": code},
        description=_("Intake conversation for request %(code)s. Phone number and details: %(url)s")
        % {"code": code, "url": url},
        start=start,
        end=start + INTAKE_DURATION,
        url=url,
    )


__all__ = [
    "AGENDA_LIMIT",
    "MINE",
    "PROGRAMMES",
    "agenda_colleagues",
    "intake_agenda",
    "intake_calendar",
    "planned_intakes",
]
