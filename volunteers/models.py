"""Volunteers (persons or households), their screening and availability."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.privacy.models import ConsentRecord
from coalition.programmes.ages import age_fits
from coalition.programmes.models import ScreeningKind
from coalition.status_machine import StatusChange, StatusMachine
from volunteers.querysets import VolunteerQuerySet


class VolunteerKind(models.TextChoices):
    STEUNGEZIN = "steungezin", _("Support family (Buurtgezinnen)")
    STEUNOUDER = "steunouder", _("Support parent (Steunouder)")
    MEELEEFGEZIN = "meeleefgezin", _("MeeleefGezin family")
    HOME_START = "home_start", _("Home-Start volunteer")
    SAMEN_OPLOPEN = "samen_oplopen", _("Samen Oplopen volunteer")


class VolunteerStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SCREENING = "screening", _("Screening")
    APPROVED = "approved", _("Approved")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    STOPPED = "stopped", _("Stopped")
    REJECTED = "rejected", _("Not accepted")


VOLUNTEER_TRANSITIONS: dict[str, frozenset[str]] = {
    VolunteerStatus.APPLIED: frozenset(
        {VolunteerStatus.SCREENING, VolunteerStatus.REJECTED, VolunteerStatus.STOPPED}
    ),
    VolunteerStatus.SCREENING: frozenset(
        {VolunteerStatus.APPROVED, VolunteerStatus.REJECTED, VolunteerStatus.STOPPED}
    ),
    VolunteerStatus.APPROVED: frozenset(
        {VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED, VolunteerStatus.STOPPED}
    ),
    VolunteerStatus.ACTIVE: frozenset({VolunteerStatus.PAUSED, VolunteerStatus.STOPPED}),
    VolunteerStatus.PAUSED: frozenset({VolunteerStatus.ACTIVE, VolunteerStatus.STOPPED}),
    VolunteerStatus.STOPPED: frozenset({VolunteerStatus.SCREENING}),
    VolunteerStatus.REJECTED: frozenset(),
}

# Volunteers who may take on a (new) match.
AVAILABLE_STATUSES = frozenset({VolunteerStatus.APPROVED, VolunteerStatus.ACTIVE})


class Volunteer(StatusMachine, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=VolunteerKind.choices)
    is_household = models.BooleanField(
        _("a household (family) rather than one person"), default=False
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    pc4 = models.CharField(_("postcode (4 digits)"), max_length=4, db_index=True)
    wijk = models.ForeignKey(
        "programmes.Wijk",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteers",
    )
    travel_radius_km = models.DecimalField(
        _("travel radius (km)"),
        max_digits=4,
        decimal_places=1,
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
    )
    programmes = models.ManyToManyField(
        "programmes.Programme", related_name="volunteers", verbose_name=_("programmes")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.PositiveIntegerField(_("available dagdelen"), default=0)
    capacity = models.PositiveSmallIntegerField(
        _("matches at the same time"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    child_age_min = models.PositiveSmallIntegerField(_("youngest child age"), default=0)
    child_age_max = models.PositiveSmallIntegerField(_("oldest child age"), default=17)
    has_children = models.BooleanField(_("children in the household"), default=False)
    has_pets = models.BooleanField(_("pets in the household"), default=False)
    smokes = models.BooleanField(_("someone smokes in the household"), default=False)
    motivation = models.TextField(_("motivation"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VolunteerStatus.choices,
        default=VolunteerStatus.APPLIED,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # The sign-up form's key: a double tap finds this volunteer (families.submission).
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    status_transitions = VOLUNTEER_TRANSITIONS
    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(child_age_min__lte=models.F("child_age_max")),
                name="volunteer_age_preference_ordered",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="volunteer_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        if self.child_age_min > self.child_age_max:
            raise ValidationError(
                {"child_age_max": _("The oldest age must not be below the youngest age.")}
            )

    def accepts_child_age(self, age: int) -> bool:
        return age_fits(age, youngest=self.child_age_min, oldest=self.child_age_max)


class VolunteerStatusChange(StatusChange):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=VolunteerStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=VolunteerStatus.choices)


class VolunteerConsent(ConsentRecord):
    """A volunteer applicant's consent to process their data."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="consents")


class HouseholdMember(models.Model):
    """Someone else living in a hosting household; adults need their own VOG."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="household_members"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    birth_year = models.PositiveSmallIntegerField(_("birth year"))

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")

    def __str__(self) -> str:
        return self.first_name

    def is_adult_on(self, day: date) -> bool:
        return day.year - self.birth_year >= 18


class ScreeningStep(models.Model):
    """One screening requirement for a volunteer: done, still valid, or exempted."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="screening")
    kind = models.CharField(_("step"), max_length=20, choices=ScreeningKind.choices)
    household_member = models.ForeignKey(
        HouseholdMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="screening",
        help_text=_("For the VOG of another adult in the household."),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    exempt = models.BooleanField(_("exempted"), default=False)
    exemption_reason = models.TextField(_("reason for exemption"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    document = models.FileField(_("document"), upload_to="screening/%Y/", blank=True)
    # The programme whose screening recorded the step. Empty for steps recorded
    # before a volunteer could join a second programme: they count for the
    # programmes the volunteer belonged to.
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded for programme"),
    )
    screening_profile = models.CharField(
        _("screening profile (VOG)"),
        max_length=100,
        blank=True,
        help_text=_("As printed on the certificate, for example 45 (childcare)."),
    )

    class Meta:
        verbose_name = _("screening step")
        verbose_name_plural = _("screening steps")
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "kind"],
                condition=models.Q(household_member__isnull=True),
                name="one_screening_step_per_kind",
            ),
            models.UniqueConstraint(
                fields=["volunteer", "kind", "household_member"],
                condition=models.Q(household_member__isnull=False),
                name="one_household_vog_per_member",
            ),
            models.CheckConstraint(
                condition=models.Q(exempt=False) | ~models.Q(exemption_reason=""),
                name="exemption_needs_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(done_on__isnull=True)
                | models.Q(expires_on__gte=models.F("done_on")),
                name="screening_expires_after_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.volunteer}"

    def clean(self) -> None:
        if self.exempt and not self.exemption_reason.strip():
            raise ValidationError({"exemption_reason": _("Give the reason for the exemption.")})
        if self.done_on and self.expires_on and self.expires_on < self.done_on:
            raise ValidationError({"expires_on": _("A step cannot expire before it was done.")})

    def is_valid_on(self, day: date) -> bool:
        if self.exempt:
            return True
        if self.done_on is None or self.done_on > day:
            return False
        return self.expires_on is None or self.expires_on >= day


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the programme")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not accepted")


class ProgrammeApplication(models.Model):
    """A volunteer of one programme asks to join another: the same person and
    account, one application per programme. Accepted, the programme is added to
    `Volunteer.programmes`; until then its matching does not see the volunteer."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="applications")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="volunteer_applications"
    )
    motivation = models.TextField(_("motivation"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = _("application to a programme")
        verbose_name_plural = _("applications to a programme")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "programme"],
                condition=models.Q(status="pending"),
                name="one_pending_application_per_programme",
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.programme}"


class ScreeningAcceptance(models.Model):
    """Data: `programme` accepts a screening step that `from_programme` recorded,
    when it was done at most `max_age_months` ago (and, for a VOG, with the
    screening profile named here), so a volunteer joining it is not asked again."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="screening_accepted"
    )
    from_programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("from programme"),
    )
    kind = models.CharField(_("step"), max_length=20, choices=ScreeningKind.choices)
    max_age_months = models.PositiveSmallIntegerField(
        _("done at most (months) ago"), validators=[MinValueValidator(1)]
    )
    screening_profile = models.CharField(
        _("screening profile (VOG)"),
        max_length=100,
        blank=True,
        help_text=_("Empty: any profile."),
    )

    class Meta:
        ordering = ["programme", "from_programme", "kind"]
        verbose_name = _("screening accepted from another programme")
        verbose_name_plural = _("screening accepted from other programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "from_programme", "kind"], name="one_acceptance_per_step"
            ),
            models.CheckConstraint(
                condition=~models.Q(programme=models.F("from_programme")),
                name="acceptance_from_another_programme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} ← {self.from_programme}: {self.get_kind_display()}"
