from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from coalition.programmes.models import SCREENING_REQUIREMENTS, Programme, ScreeningKind
from volunteers.models import HouseholdMember, ScreeningStep, Volunteer


def household_adults(*, volunteer: Volunteer, on: date) -> list[HouseholdMember]:
    """The other adults in the volunteer's household: each needs a VOG of their own
    when a programme requires it. Uses `volunteer.household_members.all()`."""
    return [m for m in volunteer.household_members.all() if m.is_adult_on(on)]


def household_adults_without_vog(*, volunteer: Volunteer, on: date) -> list[HouseholdMember]:
    """The household's adults whose VOG is not done or not valid on `on`."""
    steps = [s for s in volunteer.screening.all() if s.kind == ScreeningKind.HOUSEHOLD_VOG]
    return [
        adult
        for adult in household_adults(volunteer=volunteer, on=on)
        if not any(s.household_member_id == adult.pk and s.is_valid_on(on) for s in steps)
    ]


def household_vog_label(member: HouseholdMember) -> str:
    return _("VOG of %(name)s (household member)") % {"name": member.first_name}


def screening_missing(*, volunteer: Volunteer, programme: Programme, on: date) -> list[str]:
    """The programme's screening requirements that are not done or not valid on `on`.

    Uses `volunteer.screening.all()` and `volunteer.household_members.all()`, so a
    caller that prefetched them pays no queries per volunteer.
    """
    steps = list(volunteer.screening.all())
    missing: list[str] = []
    for kind in programme.required_screening:
        if kind == ScreeningKind.HOUSEHOLD_VOG:
            if household_adults_without_vog(volunteer=volunteer, on=on):
                missing.append(kind)
            continue
        if not any(
            s.kind == kind and s.household_member_id is None and s.is_valid_on(on) for s in steps
        ):
            missing.append(kind)
    return missing


def _valid_on(on: date) -> Q:
    return Q(exempt=True) | (
        Q(done_on__lte=on) & (Q(expires_on__isnull=True) | Q(expires_on__gte=on))
    )


def screening_incomplete(*, on: date) -> Exists:
    """Volunteers with a step that one of their programmes requires and that is not
    valid on `on`: the rule of `screening_missing` as a condition for a query, so a
    list can filter before it is cut off (a test holds the two together).

    Written as one EXISTS over the volunteer's programmes with the step checks nested
    inside it: PostgreSQL then looks up the few steps of each volunteer by index,
    where five side-by-side EXISTS made it hash the whole screening tables (3x slower
    on the benchmark data set)."""
    volunteer = OuterRef(OuterRef("pk"))
    own_steps = ScreeningStep.objects.filter(
        _valid_on(on), volunteer=volunteer, household_member__isnull=True
    )
    member_vogs = ScreeningStep.objects.filter(
        _valid_on(on), household_member=OuterRef("pk"), kind=ScreeningKind.HOUSEHOLD_VOG
    )
    adults_without_vog = HouseholdMember.objects.filter(
        ~Exists(member_vogs), volunteer=volunteer, birth_year__lte=on.year - 18
    )
    lacking = Q()
    for kind, flag in SCREENING_REQUIREMENTS.items():
        if kind == ScreeningKind.HOUSEHOLD_VOG:
            gap = Exists(adults_without_vog)
        else:
            gap = ~Exists(own_steps.filter(kind=kind))
        lacking |= Q(**{flag: True}) & gap
    return Exists(Programme.objects.filter(lacking, volunteers=OuterRef("pk")))


# --- The volunteer's own page ---------------------------------------------------


@dataclass(frozen=True)
class ScreeningRow:
    kind: str
    label: str
    done: bool
    done_on: date | None
    valid_until: date | None
    exempt: bool


@dataclass(frozen=True)
class ProgrammeProgress:
    programme: Programme
    rows: list[ScreeningRow]

    @property
    def complete(self) -> bool:
        return all(row.done for row in self.rows)


@dataclass(frozen=True)
class MatchForVolunteer:
    """Only what a volunteer needs: no intake notes, no situation, no health."""

    programme: str
    status: str
    status_label: str
    children: list[tuple[str, int]]
    parent_first_name: str
    parent_phone: str
    # The parent's goals (families.outcomes: ratings only if the parent agreed).
    goals: object = None
    # The pulse this volunteer can answer now from their account (matching fills it).
    open_pulse_id: int | None = None


def volunteer_for_user(user) -> Volunteer | None:
    return (
        Volunteer.objects.visible_to(user)
        .prefetch_related("screening", "household_members", "programmes")
        .first()
    )


def screening_progress(*, volunteer: Volunteer, on: date) -> list[ProgrammeProgress]:
    labels = dict(ScreeningKind.choices)
    steps = {s.kind: s for s in volunteer.screening.all() if s.household_member_id is None}
    progress = []
    for programme in volunteer.programmes.all():
        missing = set(screening_missing(volunteer=volunteer, programme=programme, on=on))
        rows = []
        for kind in programme.required_screening:
            step = steps.get(kind)
            rows.append(
                ScreeningRow(
                    kind=kind,
                    label=str(labels[kind]),
                    done=kind not in missing,
                    done_on=step.done_on if step else None,
                    valid_until=step.expires_on if step else None,
                    exempt=bool(step and step.exempt),
                )
            )
        progress.append(ProgrammeProgress(programme=programme, rows=rows))
    return progress


# A volunteer's matches sit above this app: matching registers how to read them
# (see `register_volunteer_matches`).
VolunteerMatches = Callable[..., list[MatchForVolunteer]]
_volunteer_matches: list[VolunteerMatches] = []


def register_volunteer_matches(provider: VolunteerMatches) -> None:
    """`provider(user=..., on=...)` returns the open matches the user may see as a volunteer."""
    _volunteer_matches[:] = [provider]


def matches_for_volunteer(*, user, on: date) -> list[MatchForVolunteer]:
    if not _volunteer_matches:
        return []
    return _volunteer_matches[0](user=user, on=on)
