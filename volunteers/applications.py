"""One volunteer across programmes: applying to a second programme, and which of
the screening already done the new programme accepts instead of asking again.

A step counts for the programme applied to when that programme recorded it, or
when a `ScreeningAcceptance` of that programme names the programme that did (the
programme on the step; for an older step without one, any programme the volunteer
belongs to), the step was done at most `max_age_months` ago, and, if the rule names
a screening profile, the step has it. An exemption is the granting programme's own
decision and is never carried over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.programmes.models import Programme, ScreeningKind
from volunteers.models import (
    ApplicationStatus,
    HouseholdMember,
    ProgrammeApplication,
    ScreeningAcceptance,
    ScreeningStep,
    Volunteer,
)
from volunteers.selectors import household_adults, household_vog_label


@dataclass(frozen=True)
class ApplicationStep:
    """One requirement of the programme applied to, as its coordinator reads it."""

    kind: str
    label: str
    household_member: HouseholdMember | None
    step: ScreeningStep | None = None  # the step that counts, if any
    accepted_from: Programme | None = None  # set when another programme did it

    @property
    def done(self) -> bool:
        return self.step is not None


def _acceptance(
    *, step: ScreeningStep, programme: Programme, sources: set[int], rules, on: date
) -> Programme | None:
    """The programme whose step `programme` accepts, or None."""
    if step.exempt or step.done_on is None:
        return None
    for rule in rules:
        if rule.kind != step.kind or rule.from_programme_id not in sources:
            continue
        if step.done_on < on - relativedelta(months=rule.max_age_months):
            continue
        if rule.screening_profile and rule.screening_profile != step.screening_profile:
            continue
        return rule.from_programme
    return None


def application_checklist(
    *, volunteer: Volunteer, programme: Programme, on: date
) -> list[ApplicationStep]:
    """The programme's screening requirements for a volunteer applying to it: each
    done for it, accepted from another programme ("accepted from X on <date>"), or
    still to do."""
    rules = list(
        ScreeningAcceptance.objects.filter(programme=programme).select_related("from_programme")
    )
    enrolled = {p.pk for p in volunteer.programmes.all()}
    steps = list(volunteer.screening.all())
    labels = dict(ScreeningKind.choices)
    wanted = [
        (kind, str(labels[kind]), None)
        for kind in programme.required_screening
        if kind != ScreeningKind.HOUSEHOLD_VOG
    ]
    if ScreeningKind.HOUSEHOLD_VOG in programme.required_screening:
        wanted += [
            (ScreeningKind.HOUSEHOLD_VOG, household_vog_label(adult), adult)
            for adult in household_adults(volunteer=volunteer, on=on)
        ]
    checklist = []
    for kind, label, member in wanted:
        found = ApplicationStep(kind=kind, label=label, household_member=member)
        for step in steps:
            if step.kind != kind or step.household_member_id != (member.pk if member else None):
                continue
            if not step.is_valid_on(on):
                continue
            if step.programme_id == programme.pk:
                found = ApplicationStep(kind, label, member, step=step)
                break
            sources = {step.programme_id} if step.programme_id else enrolled
            source = _acceptance(
                step=step, programme=programme, sources=sources, rules=rules, on=on
            )
            if source is not None:
                found = ApplicationStep(kind, label, member, step=step, accepted_from=source)
        checklist.append(found)
    return checklist


def application_missing(*, volunteer: Volunteer, programme: Programme, on: date) -> list[str]:
    return [
        row.label
        for row in application_checklist(volunteer=volunteer, programme=programme, on=on)
        if not row.done
    ]


@transaction.atomic
def application_create(
    *, volunteer: Volunteer, programme: Programme, motivation: str = ""
) -> ProgrammeApplication:
    """The volunteer (one person, one account) asks to join another programme."""
    if not programme.is_active:
        raise ValidationError(_("This programme does not take volunteers now."), code="inactive")
    if volunteer.programmes.filter(pk=programme.pk).exists():
        raise ValidationError(_("You already volunteer for this programme."), code="member")
    if volunteer.applications.filter(
        programme=programme, status=ApplicationStatus.PENDING
    ).exists():
        raise ValidationError(_("You already applied to this programme."), code="pending")
    return ProgrammeApplication.objects.create(
        volunteer=volunteer, programme=programme, motivation=motivation.strip()
    )


@transaction.atomic
def application_decide(
    *, application: ProgrammeApplication, accept: bool, by=None
) -> ProgrammeApplication:
    """The programme's coordinator accepts the volunteer (their screening for it is
    complete, counting the steps it accepts from other programmes) or declines."""
    locked = ProgrammeApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This application has been decided already."), code="decided")
    volunteer = locked.volunteer
    if accept:
        missing = application_missing(
            volunteer=volunteer, programme=locked.programme, on=timezone.localdate()
        )
        if missing:
            raise ValidationError(
                _("Screening is not complete: %s.") % ", ".join(missing),
                code="screening_incomplete",
            )
        volunteer.programmes.add(locked.programme)
    locked.status = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    return locked
