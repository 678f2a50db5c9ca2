"""Reads for the volunteer pipeline and the volunteer page."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, QuerySet

from coalition.programmes.models import ScreeningKind
from coordinators.selectors.panels import VOG_WARNING_DAYS
from matching.models import Match
from volunteers.models import HouseholdMember, Volunteer, VolunteerStatus
from volunteers.selectors import household_adults, household_vog_label

# --- Volunteers --------------------------------------------------------------

PIPELINE_STATUSES = (
    VolunteerStatus.APPLIED,
    VolunteerStatus.SCREENING,
    VolunteerStatus.APPROVED,
    VolunteerStatus.ACTIVE,
    VolunteerStatus.PAUSED,
)
PIPELINE_LIMIT = 30


def volunteer_pipeline(*, user) -> list[dict]:
    """Volunteers per status column, with the count of each column."""
    volunteers = Volunteer.objects.visible_to(user)
    counts = dict(
        volunteers.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    labels = dict(VolunteerStatus.choices)
    columns = []
    for status in PIPELINE_STATUSES:
        rows = list(
            volunteers.filter(status=status)
            .select_related("wijk")
            .order_by("status_changed_at")[:PIPELINE_LIMIT]
        )
        columns.append(
            {
                "status": status,
                "label": labels[status],
                "count": counts.get(status, 0),
                "volunteers": rows,
            }
        )
    return columns


def volunteer_for_page(*, user) -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.visible_to(user)
        .select_related("wijk", "user")
        .prefetch_related(
            "programmes",
            "household_members",
            "screening",
            Prefetch("status_changes", to_attr="history"),
        )
    )


def volunteer_matches(*, user, volunteer: Volunteer) -> list[Match]:
    return list(
        Match.objects.visible_to(user)
        .filter(volunteer=volunteer)
        .select_related("request", "programme")
        .order_by("-proposed_at")
    )


def screening_checklist(*, volunteer: Volunteer, today: dt.date) -> list[dict]:
    """One row per screening step, and one per other adult in the household for
    their own VOG; `required` says whether any of the volunteer's programmes asks
    for it. Uses the prefetched programmes, screening and household members."""
    required: list[str] = []
    for programme in volunteer.programmes.all():
        for kind in programme.required_screening:
            if kind not in required:
                required.append(kind)
    labels = dict(ScreeningKind.choices)
    steps = list(volunteer.screening.all())

    def row(kind: str, label: str, member: HouseholdMember | None) -> dict:
        member_id = member.pk if member else None
        step = next(
            (s for s in steps if s.kind == kind and s.household_member_id == member_id), None
        )
        return {
            "kind": kind,
            "label": label,
            "household_member": member,
            "required": kind in required,
            "step": step,
            "valid": bool(step and step.is_valid_on(today)),
            "is_vog": kind in (ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG),
            "expiring": bool(
                step
                and step.expires_on
                and not step.exempt
                and step.expires_on <= today + dt.timedelta(days=VOG_WARNING_DAYS)
            ),
        }

    rows = [
        row(kind, labels[kind], None)
        for kind in ScreeningKind.values
        if kind != ScreeningKind.HOUSEHOLD_VOG
    ]
    rows += [
        row(ScreeningKind.HOUSEHOLD_VOG, household_vog_label(adult), adult)
        for adult in household_adults(volunteer=volunteer, on=today)
    ]
    return rows
