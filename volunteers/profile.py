"""The volunteer keeps their own details current: contact, languages, how far they
travel, which children suit them, and who lives with them.

A change that touches the screening (another adult in the household, a move to
another postcode) takes effect, and the coordinators of the volunteer's
programmes hear of it: a new adult's VOG is then simply missing, so no new match
is proposed until a coordinator has seen to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.recipients import programme_coordinators, user_recipient
from coalition.notifications.services import notification_schedule
from coalition.programmes.geography import locate, normalise_pc4
from coalition.programmes.models import Wijk
from volunteers.models import HouseholdMember, Volunteer


@dataclass(frozen=True)
class ProfileChange:
    """What the volunteer changed that a coordinator must know about."""

    adults_added: tuple[str, ...] = ()
    members_removed: tuple[str, ...] = ()
    moved: bool = False

    def matters_for_screening(self) -> bool:
        return bool(self.adults_added or self.members_removed or self.moved)


def _household_update(
    volunteer: Volunteer, members: list[tuple[str, int]]
) -> tuple[list[str], list[str]]:
    """Keep members that stay (same name and birth year, with their VOG), remove the
    ones who left, add the new ones; return (adults added, members removed)."""
    wanted = [(name.strip(), year) for name, year in members]
    current = list(volunteer.household_members.all())
    removed = [m for m in current if (m.first_name, m.birth_year) not in wanted]
    kept = {(m.first_name, m.birth_year) for m in current if m not in removed}
    today = timezone.localdate()
    added_adults = []
    for name, year in wanted:
        if (name, year) in kept:
            continue
        member = HouseholdMember.objects.create(
            volunteer=volunteer, first_name=name, birth_year=year
        )
        if member.is_adult_on(today):
            added_adults.append(name)
    for member in removed:
        member.delete()
    return added_adults, [m.first_name for m in removed]


def _coordinators_notify(volunteer: Volunteer, change: ProfileChange) -> None:
    staff = programme_coordinators(p.pk for p in volunteer.programmes.all())
    recipients = {u.pk: u for users in staff.values() for u in users}
    context = {
        "volunteer_first_name": volunteer.first_name,
        "adults_added": list(change.adults_added),
        "members_removed": list(change.members_removed),
        "moved": change.moved,
    }
    for user in recipients.values():
        notification_schedule(
            kind="volunteer_profile_changed",
            due_at=timezone.now(),
            target=volunteer,
            context=context,
            **user_recipient(user),
        )


@transaction.atomic
def volunteer_update_profile(
    *,
    volunteer: Volunteer,
    phone: str,
    postcode: str,
    travel_radius_km: Decimal,
    languages: list[str],
    child_age_min: int,
    child_age_max: int,
    has_children: bool,
    has_pets: bool,
    smokes: bool,
    household_members: list[tuple[str, int]],
) -> ProfileChange:
    """Save the volunteer's own details; tell their coordinators what touches screening."""
    locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    pc4 = normalise_pc4(postcode)
    if pc4 is None:
        raise ValidationError(_("Fill in a Dutch postcode, for example 5038 AB."), code="postcode")
    if child_age_min > child_age_max:
        raise ValidationError(_("The oldest age must not be below the youngest age."), code="ages")
    moved = pc4 != locked.pc4
    if moved:
        wijk_code = locate(pc4).wijk_code
        locked.pc4 = pc4
        locked.wijk = Wijk.objects.filter(pk=wijk_code).first() if wijk_code else None
    locked.phone = phone
    locked.travel_radius_km = travel_radius_km
    locked.languages = list(languages)
    locked.child_age_min, locked.child_age_max = child_age_min, child_age_max
    locked.has_children, locked.has_pets, locked.smokes = has_children, has_pets, smokes
    locked.save()
    added, removed = _household_update(locked, household_members)
    change = ProfileChange(tuple(added), tuple(removed), moved)
    if change.matters_for_screening():
        _coordinators_notify(locked, change)
    volunteer.refresh_from_db()
    return change
