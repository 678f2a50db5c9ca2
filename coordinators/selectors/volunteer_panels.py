"""The volunteer panels of today's work: applicants waiting for an intake, screening
still incomplete, VOGs running out, approved volunteers without a family. One
selector each, in one query, with the columns its template shows."""

from __future__ import annotations

import datetime as dt

from django.db.models import DateField, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from coalition.programmes.models import VOG_NOTICE_DAYS, ScreeningKind
from coordinators.selectors.panels import PANEL_LIMIT, Waiting, local_day, start_of_local_day
from matching.models import OPEN_MATCH_STATUSES, Match
from volunteers.models import ScreeningStep, Volunteer, VolunteerStatus
from volunteers.selectors import screening_incomplete, screening_missing

IDLE_VOLUNTEER_DAYS = 30

# Volunteers whose VOG still matters: those in screening or available for a match.
VOG_RELEVANT_STATUSES = (
    VolunteerStatus.SCREENING,
    VolunteerStatus.APPROVED,
    VolunteerStatus.ACTIVE,
    VolunteerStatus.PAUSED,
)

VOLUNTEER_ROW = (
    "first_name",
    "last_name",
    "pc4",
    "status",
    "status_changed_at",
    "applied_at",
    "wijk__name",
)


def applicants_panel(*, user, today: dt.date) -> list[Waiting]:
    applicants = (
        Volunteer.objects.visible_to(user)
        .filter(status=VolunteerStatus.APPLIED)
        .select_related("wijk")
        .only(*VOLUNTEER_ROW)
        .order_by("applied_at")[:PANEL_LIMIT]
    )
    return [Waiting(v, (today - local_day(v.applied_at)).days) for v in applicants]


def screening_incomplete_panel(*, user, today: dt.date) -> list[Waiting]:
    """Volunteers in screening with a step missing, and which steps."""
    in_screening = (
        Volunteer.objects.visible_to(user)
        .filter(screening_incomplete(on=today), status=VolunteerStatus.SCREENING)
        .prefetch_related("screening", "household_members", "programmes")
        .order_by("status_changed_at", "pk")[:PANEL_LIMIT]
    )
    labels = dict(ScreeningKind.choices)
    rows = []
    # The query already keeps only volunteers with a step missing; this names the steps.
    for volunteer in in_screening:
        missing = {
            kind
            for programme in volunteer.programmes.all()
            for kind in screening_missing(volunteer=volunteer, programme=programme, on=today)
        }
        rows.append(
            Waiting(
                volunteer,
                (today - local_day(volunteer.status_changed_at)).days,
                extra=sorted(str(labels[k]) for k in missing),
            )
        )
    return rows


def vogs_expiring(*, user, until: dt.date, since: dt.date | None = None) -> QuerySet[ScreeningStep]:
    """VOGs (the volunteer's or a household member's) that expire by `until`, of
    volunteers for whom they still matter; from `since` on, or expired ones too."""
    steps = ScreeningStep.objects.filter(
        volunteer__in=Volunteer.objects.visible_to(user)
        .filter(status__in=VOG_RELEVANT_STATUSES)
        .values("pk"),
        kind__in=[ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG],
        exempt=False,
        expires_on__lte=until,
    )
    if since is not None:
        steps = steps.filter(expires_on__gte=since)
    return (
        steps.select_related("volunteer", "household_member")
        .only(
            "expires_on",
            "volunteer__first_name",
            "volunteer__last_name",
            "household_member__first_name",
        )
        .order_by("expires_on")
    )


def vogs_expiring_panel(*, user, today: dt.date) -> list[ScreeningStep]:
    until = today + dt.timedelta(days=VOG_NOTICE_DAYS)
    return list(vogs_expiring(user=user, until=until)[:PANEL_LIMIT])


def idle_volunteers_panel(*, user, today: dt.date) -> list[Waiting]:
    """Volunteers free for IDLE_VOLUNTEER_DAYS days or more, counted in Amsterdam days
    like the days the panel shows (not in 24-hour periods since now)."""
    free_before = start_of_local_day(today - dt.timedelta(days=IDLE_VOLUNTEER_DAYS - 1))
    volunteer_matches = Match.objects.filter(volunteer=OuterRef("pk"))
    idle = (
        Volunteer.objects.visible_to(user)
        .filter(
            status__in=[VolunteerStatus.APPROVED, VolunteerStatus.ACTIVE],
            status_changed_at__lt=free_before,
        )
        .exclude(Exists(volunteer_matches.filter(status__in=list(OPEN_MATCH_STATUSES))))
        .exclude(
            Exists(volunteer_matches.filter(ended_on__gt=today - dt.timedelta(IDLE_VOLUNTEER_DAYS)))
        )
        .annotate(
            last_ended=Subquery(
                volunteer_matches.filter(ended_on__isnull=False)
                .order_by("-ended_on")
                .values("ended_on")[:1]
            )
        )
        # Free since the later of approval (Amsterdam days) and the last match's end:
        # ordered by it, the days shown descend (by approval alone they mixed up).
        .annotate(
            free_since=Greatest(
                TruncDate("status_changed_at", tzinfo=timezone.get_current_timezone()),
                Coalesce("last_ended", Value(dt.date.min, output_field=DateField())),
                output_field=DateField(),
            )
        )
        .select_related("wijk")
        .only(*VOLUNTEER_ROW)
        .order_by("free_since", "pk")[:PANEL_LIMIT]
    )
    return [Waiting(volunteer, (today - volunteer.free_since).days) for volunteer in idle]
