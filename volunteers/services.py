"""Writes about volunteers: status changes and screening."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.reminders import reminders_cancel_stale
from coalition.people.models import Role, User
from coalition.privacy.files import stored_file_replace
from coalition.privacy.models import ConsentPurpose
from coalition.privacy.uploads import validate_screening_document
from coalition.programmes.geography import locate, normalise_pc4
from coalition.programmes.models import Programme, ScreeningKind, Wijk
from coalition.status_machine import status_history_start, status_step_record
from volunteers.models import (
    VOLUNTEER_TRANSITIONS,
    HouseholdMember,
    ScreeningStep,
    Volunteer,
    VolunteerConsent,
    VolunteerKind,
    VolunteerStatus,
)
from volunteers.reminders import volunteer_approved_schedule
from volunteers.selectors import (
    household_adults_without_vog,
    household_vog_label,
    screening_missing,
)

# A volunteer's matches sit above this app: matching registers what a pause or a
# stop does to them (see `register_volunteer_status_hook`).
_status_hooks: list[Callable[..., None]] = []


def register_volunteer_status_hook(hook: Callable[..., None]) -> None:
    """`hook(volunteer=, to_status=, by=, open_matches=)` runs in the transaction of
    every status change, after the step is recorded."""
    if hook not in _status_hooks:
        _status_hooks.append(hook)


@transaction.atomic
def volunteer_change_status(
    *, volunteer: Volunteer, to_status: str, by=None, reason: str = "", open_matches: str = "task"
) -> Volunteer:
    """Move a volunteer to `to_status`. On a pause or stop their open matches end
    (`open_matches="end"`) or stay open as the coordinator's task (`"task"`)."""
    locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    locked.check_can_move_to(to_status)
    if to_status == VolunteerStatus.APPROVED:
        today = timezone.localdate()
        missing = {
            kind
            for programme in locked.programmes.all()
            for kind in screening_missing(volunteer=locked, programme=programme, on=today)
        }
        if missing:
            raise ValidationError(
                _("Screening is not complete: %s.")
                % ", ".join(_missing_labels(volunteer=locked, missing=missing, on=today)),
                code="screening_incomplete",
            )
    status_step_record(subject=locked, to_status=to_status, by=by, reason=reason)
    locked.save(update_fields=["status", "status_changed_at"])
    for hook in _status_hooks:
        hook(volunteer=locked, to_status=to_status, by=by, open_matches=open_matches)
    reminders_cancel_stale(locked)
    if to_status == VolunteerStatus.APPROVED:
        volunteer_approved_schedule(volunteer=locked)
    volunteer.refresh_from_db()
    return locked


def _missing_labels(*, volunteer: Volunteer, missing: set[str], on: date) -> list[str]:
    """The missing steps in checklist order; a household VOG names the adults it is for."""
    labels = dict(ScreeningKind.choices)
    result = []
    for kind in ScreeningKind.values:
        if kind not in missing:
            continue
        if kind == ScreeningKind.HOUSEHOLD_VOG:
            result.extend(
                household_vog_label(adult)
                for adult in household_adults_without_vog(volunteer=volunteer, on=on)
            )
        else:
            result.append(str(labels[kind]))
    return result


def _check_household_member(
    *, volunteer: Volunteer, kind: str, household_member: HouseholdMember | None
) -> None:
    """A household VOG belongs to one adult of this volunteer's household; every
    other step belongs to the volunteer themselves."""
    if kind == ScreeningKind.HOUSEHOLD_VOG:
        if household_member is None or household_member.volunteer_id != volunteer.pk:
            raise ValidationError(
                _("Choose the household member this VOG is for."), code="household_member"
            )
    elif household_member is not None:
        raise ValidationError(
            _("Only a household VOG is recorded for a household member."),
            code="household_member",
        )


@transaction.atomic
def screening_record(
    *,
    volunteer: Volunteer,
    kind: str,
    done_on: date,
    by=None,
    household_member: HouseholdMember | None = None,
    notes: str = "",
    document=None,
    programme: Programme | None = None,
    screening_profile: str = "",
) -> ScreeningStep:
    """Record a completed screening step, with its scanned document if given (both
    or neither are saved). A VOG is valid for the shortest period any of the
    volunteer's programmes allows. `programme`: the programme whose screening this
    is (another programme accepts it by its `ScreeningAcceptance` rules)."""
    _check_household_member(volunteer=volunteer, kind=kind, household_member=household_member)
    expires_on = None
    if kind in (ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG):
        programmes = list(volunteer.programmes.all())
        if programmes:
            expires_on = min(p.vog_valid_until(done_on) for p in programmes)
    step, _created = ScreeningStep.objects.update_or_create(
        volunteer=volunteer,
        kind=kind,
        household_member=household_member,
        defaults={
            "done_on": done_on,
            "expires_on": expires_on,
            "checked_by": by,
            "exempt": False,
            "exemption_reason": "",
            "notes": notes,
            "programme": programme,
            "screening_profile": screening_profile.strip(),
        },
    )
    if document:
        screening_attach_document(step=step, document=document, by=by)
    return step


@transaction.atomic
def screening_exempt(
    *,
    volunteer: Volunteer,
    kind: str,
    reason: str,
    by=None,
    household_member: HouseholdMember | None = None,
) -> ScreeningStep:
    if not reason.strip():
        raise ValidationError(_("Give the reason for the exemption."), code="reason_required")
    _check_household_member(volunteer=volunteer, kind=kind, household_member=household_member)
    step, _created = ScreeningStep.objects.update_or_create(
        volunteer=volunteer,
        kind=kind,
        household_member=household_member,
        defaults={"exempt": True, "exemption_reason": reason, "checked_by": by},
    )
    return step


# --- The volunteers' front door -------------------------------------------------

# The volunteer's first programme decides the kind of volunteer they are.
KIND_BY_PROGRAMME = {
    "buurtgezinnen": VolunteerKind.STEUNGEZIN,
    "steunouder": VolunteerKind.STEUNOUDER,
    "meeleefgezin": VolunteerKind.MEELEEFGEZIN,
    "home-start": VolunteerKind.HOME_START,
    "samen-oplopen": VolunteerKind.SAMEN_OPLOPEN,
}


@transaction.atomic
def volunteer_apply(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    phone: str,
    programmes: list[Programme],
    is_household: bool,
    household_members: list[tuple[str, int]],
    has_children: bool,
    has_pets: bool,
    smokes: bool,
    availability: int,
    languages: list[str],
    postcode: str,
    travel_radius_km: Decimal,
    child_age_min: int,
    child_age_max: int,
    motivation: str,
    consent_text: str,
    consent_version: str,
    language: str,
    submission_key: str | None = None,
) -> Volunteer:
    """A new volunteer applies: an account (email not yet verified) and a Volunteer in
    status applied, with household, consent and the first step of the history."""
    email, pc4, hashed = _application_check(
        programmes=programmes, email=email, postcode=postcode, password=password
    )
    ordered = sorted(programmes, key=lambda p: p.name)
    volunteer = Volunteer(
        kind=KIND_BY_PROGRAMME.get(ordered[0].slug, VolunteerKind.STEUNGEZIN),
        is_household=is_household,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        pc4=pc4,
        wijk=_wijk_of(pc4),
        travel_radius_km=travel_radius_km,
        languages=list(languages),
        availability=availability,
        child_age_min=child_age_min,
        child_age_max=child_age_max,
        has_children=has_children,
        has_pets=has_pets,
        smokes=smokes,
        motivation=motivation,
        status=VolunteerStatus.APPLIED,
        submission_key=submission_key or None,
    )
    volunteer.user = _volunteer_account_create(volunteer, hashed=hashed, language=language)
    _volunteer_save_new(
        volunteer,
        programmes=ordered,
        household_members=household_members,
        consent=(consent_version, consent_text),
    )
    return volunteer


def _application_check(
    *, programmes: list[Programme], email: str, postcode: str, password: str
) -> tuple[str, str, str]:
    """Refuse an application without a programme or outside the Netherlands; give
    back the normalised address, the PC4 and the password's hash. The hash (the slow
    part of a sign-up) is made first, whether or not the address has an account."""
    hashed = make_password(password)
    if not programmes:
        raise ValidationError(_("Choose at least one programme."), code="no_programme")
    email = email.strip().lower()
    pc4 = normalise_pc4(postcode)
    if pc4 is None:
        raise ValidationError(_("Fill in a Dutch postcode, for example 5038 AB."), code="postcode")
    return email, pc4, hashed


def _wijk_of(pc4: str) -> Wijk | None:
    wijk_code = locate(pc4).wijk_code
    return Wijk.objects.filter(pk=wijk_code).first() if wijk_code else None


def _volunteer_check(volunteer: Volunteer) -> None:
    """An address that already has an account is refused (code "exists") only after
    the same work as a new one up to the first insert (the password hashed, the whole
    application checked), so neither the answer nor its time tells who volunteers."""
    volunteer.full_clean(exclude=["user", "wijk", "submission_key"])
    if User.objects.filter(email__iexact=volunteer.email).exists():
        raise ValidationError(_("There is already an account for this address."), code="exists")


def _volunteer_save_new(
    volunteer: Volunteer,
    *,
    programmes: list[Programme],
    household_members: list[tuple[str, int]],
    consent: tuple[str, str],
) -> None:
    """Save a new volunteer with their programmes, household, first history step
    and consent (text version, text)."""
    # The database keeps the key unique: a racing second tap is an IntegrityError.
    volunteer.save()
    volunteer.programmes.set(programmes)
    for name, year in household_members:
        HouseholdMember.objects.create(volunteer=volunteer, first_name=name, birth_year=year)
    status_history_start(subject=volunteer, by=volunteer.user)
    text_version, text = consent
    VolunteerConsent.objects.create(
        purpose=ConsentPurpose.VOLUNTEER,
        text_version=text_version,
        text=text,
        volunteer=volunteer,
        given_by="volunteer via web form",
    )


def _volunteer_account_create(volunteer: Volunteer, *, hashed: str, language: str) -> User:
    """The applicant's login; the address counts as verified only after they confirm it."""
    _volunteer_check(volunteer)
    user = User(
        email=User.objects.normalize_email(volunteer.email).lower(),
        password=hashed,
        role=Role.VOLUNTEER,
        first_name=volunteer.first_name,
        last_name=volunteer.last_name,
        preferred_language=language,
    )
    user.save()
    EmailAddress.objects.create(user=user, email=volunteer.email, primary=True, verified=False)
    return user


@transaction.atomic
def volunteer_update_availability(*, volunteer: Volunteer, availability: int) -> Volunteer:
    volunteer.availability = availability
    volunteer.save(update_fields=["availability"])
    return volunteer


# What a volunteer may do themselves from their own page.
SELF_SERVICE_STATUS = {"pause": VolunteerStatus.PAUSED, "stop": VolunteerStatus.STOPPED}


def volunteer_self_actions(volunteer: Volunteer) -> list[str]:
    """The actions ('pause', 'stop') allowed from the volunteer's current status."""
    allowed = VOLUNTEER_TRANSITIONS.get(volunteer.status, frozenset())
    return [action for action, target in SELF_SERVICE_STATUS.items() if target in allowed]


@transaction.atomic
def volunteer_self_change_status(
    *, volunteer: Volunteer, action: str, reason: str = ""
) -> Volunteer:
    """The volunteer pauses or stops; only steps allowed from their current status."""
    if action not in volunteer_self_actions(volunteer):
        raise ValidationError(_("This is not possible at the moment."), code="not_allowed")
    return volunteer_change_status(
        volunteer=volunteer,
        to_status=SELF_SERVICE_STATUS[action],
        by=volunteer.user,
        reason=reason.strip() or f"{action} by the volunteer",
    )


@transaction.atomic
def screening_attach_document(*, step: ScreeningStep, document, by=None) -> ScreeningStep:
    """Keep the scanned document of a screening step (for example a VOG) with the step."""
    if not document:
        raise ValidationError(_("Choose a file to upload."), code="file_required")
    validate_screening_document(document)
    step.checked_by = by or step.checked_by
    stored_file_replace(owner=step, field="document", upload=document, update_fields=["checked_by"])
    return step
