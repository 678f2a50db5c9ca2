"""Who belongs to the coalition: organisations, programmes and their rules as data, wijken."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.programmes.ages import age_fits


class OrganisationKind(models.TextChoices):
    PROGRAMME_PROVIDER = "provider", _("Programme provider")
    SCHOOL = "school", _("School")
    WIJKTEAM = "wijkteam", _("Wijkteam (neighbourhood team)")
    YOUTH_HEALTH = "jgz", _("Youth health care (JGZ)")
    GP = "gp", _("General practitioner (huisarts)")
    COALITION_OFFICE = "coalition", _("Coalition office")
    OTHER = "other", _("Other partner")


REFERRING_KINDS = frozenset(
    {
        OrganisationKind.SCHOOL,
        OrganisationKind.WIJKTEAM,
        OrganisationKind.YOUTH_HEALTH,
        OrganisationKind.GP,
        OrganisationKind.OTHER,
    }
)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def can_refer(self) -> bool:
        return self.kind in REFERRING_KINDS


class Wijk(models.Model):
    """A CBS statistical district of Tilburg (Kadaster / CBS, 2024 division)."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    lat = models.FloatField()
    lon = models.FloatField()

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self) -> str:
        return self.name


class SupportMode(models.TextChoices):
    HOSTING = "hosting", _("The child stays with the volunteer")
    HOME_VISIT = "home_visit", _("The volunteer visits the family at home")
    ALONGSIDE = "alongside", _("The volunteer goes alongside the family or youth")


class ScreeningKind(models.TextChoices):
    INTAKE_INTERVIEW = "intake", _("Intake interview")
    VOG = "vog", _("Certificate of conduct (VOG)")
    REFERENCES = "references", _("References")
    TRAINING = "training", _("Training")
    HOUSEHOLD_VOG = "household_vog", _("VOG of other adults in the household")


# How long before a VOG runs out its volunteer and coordinators hear of it (the
# reminders, the digest and the dashboard all warn from this moment on).
VOG_NOTICE_DAYS = 60


# The field of a programme that makes each screening step required.
SCREENING_REQUIREMENTS = {
    ScreeningKind.INTAKE_INTERVIEW: "requires_intake_interview",
    ScreeningKind.VOG: "requires_vog",
    ScreeningKind.REFERENCES: "requires_references",
    ScreeningKind.TRAINING: "requires_training",
    ScreeningKind.HOUSEHOLD_VOG: "requires_household_vog",
}


class ProgrammeQuerySet(models.QuerySet):
    def coordinated_by(self, user) -> ProgrammeQuerySet:
        """The programmes a coordinator works for: the one place that decides it."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(coordinators__user=user)


class Programme(models.Model):
    """One of the coalition's programmes, with its working practice as data."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    summary = models.TextField(_("what it offers"), help_text=_("Two plain sentences."))
    asks_of_family = models.TextField(_("what it asks of the family"))
    asks_of_volunteer = models.TextField(_("what it asks of the volunteer"))
    support_mode = models.CharField(_("support mode"), max_length=20, choices=SupportMode.choices)
    child_min_age = models.PositiveSmallIntegerField(
        _("youngest child age"), default=0, validators=[MaxValueValidator(23)]
    )
    child_max_age = models.PositiveSmallIntegerField(
        _("oldest child age"), default=17, validators=[MaxValueValidator(23)]
    )
    requires_intake_interview = models.BooleanField(_("intake interview required"), default=True)
    requires_vog = models.BooleanField(_("VOG required"), default=True)
    requires_references = models.BooleanField(_("references required"), default=False)
    requires_training = models.BooleanField(_("training required"), default=False)
    requires_household_vog = models.BooleanField(
        _("VOG required for other adults in the household"), default=False
    )
    vog_validity_months = models.PositiveSmallIntegerField(
        _("VOG valid for (months)"), default=36, validators=[MinValueValidator(1)]
    )
    trial_weeks = models.PositiveSmallIntegerField(_("trial period (weeks)"), default=6)
    answer_within_working_days = models.PositiveSmallIntegerField(
        _("answer a referral within (working days)"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("Accept or decline a referral within this many working days."),
    )
    first_evaluation_weeks = models.PositiveSmallIntegerField(
        _("first evaluation after start (weeks)"),
        default=6,
        help_text=_("Usually at the end of the trial period."),
    )
    evaluation_interval_weeks = models.PositiveSmallIntegerField(
        _("then every (weeks)"), default=13, validators=[MinValueValidator(1)]
    )
    typical_duration_months = models.PositiveSmallIntegerField(
        _("typical duration (months)"), default=12
    )
    min_dagdelen = models.PositiveSmallIntegerField(
        _("minimum shared dagdelen"), default=1, validators=[MaxValueValidator(21)]
    )
    max_distance_km = models.DecimalField(
        _("maximum distance (km)"), max_digits=5, decimal_places=1, default=10
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(child_min_age__lte=models.F("child_max_age")),
                name="programme_age_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.child_min_age > self.child_max_age:
            raise ValidationError(
                {"child_max_age": _("The oldest age must not be below the youngest age.")}
            )

    @property
    def required_screening(self) -> list[str]:
        return [kind for kind, flag in SCREENING_REQUIREMENTS.items() if getattr(self, flag)]

    def accepts_child_age(self, age: int) -> bool:
        return age_fits(age, youngest=self.child_min_age, oldest=self.child_max_age)

    def vog_valid_until(self, issued_on: date) -> date:
        return issued_on + relativedelta(months=self.vog_validity_months)

    def evaluation_dates(self, start: date, until: date) -> list[date]:
        """Evaluation moments from the programme's schedule, from `start` up to `until`."""
        moments: list[date] = []
        due = start + relativedelta(weeks=self.first_evaluation_weeks)
        while due <= until:
            moments.append(due)
            due = due + relativedelta(weeks=self.evaluation_interval_weeks)
        return moments
