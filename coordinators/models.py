"""People and reference data of the coalition: users, organisations, programmes, wijken."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordinators.querysets import NotificationQuerySet


class Role(models.TextChoices):
    COALITION_ADMIN = "admin", _("Coalition administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    INTAKE_COORDINATOR = "intake", _("Intake coordinator")
    PARTNER = "partner", _("Partner organisation")
    VOLUNTEER = "volunteer", _("Volunteer")


STAFF_ROLES = frozenset({Role.COALITION_ADMIN, Role.COORDINATOR, Role.INTAKE_COORDINATOR})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.COALITION_ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """Anyone who logs in. Parents never do: they use their private status link."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "coordinators.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="nl")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        if self.role == Role.PARTNER and not self.organisation_id:
            raise ValidationError({"organisation": _("A partner user belongs to an organisation.")})

    @property
    def is_coalition_admin(self) -> bool:
        return self.role == Role.COALITION_ADMIN

    @property
    def is_coordinator(self) -> bool:
        return self.role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR)

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER

    @property
    def is_volunteer(self) -> bool:
        return self.role == Role.VOLUNTEER

    @property
    def is_staff_member(self) -> bool:
        return self.role in STAFF_ROLES


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


# The field of a programme that makes each screening step required.
SCREENING_REQUIREMENTS = {
    ScreeningKind.INTAKE_INTERVIEW: "requires_intake_interview",
    ScreeningKind.VOG: "requires_vog",
    ScreeningKind.REFERENCES: "requires_references",
    ScreeningKind.TRAINING: "requires_training",
    ScreeningKind.HOUSEHOLD_VOG: "requires_household_vog",
}


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
        return self.child_min_age <= age <= self.child_max_age

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


class Coordinator(models.Model):
    """A professional who does intake, matching and supervision for programmes."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="coordinator", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    programmes = models.ManyToManyField(
        Programme, related_name="coordinators", verbose_name=_("programmes"), blank=True
    )
    wijken = models.ManyToManyField(
        Wijk, related_name="coordinators", verbose_name=_("wijken covered"), blank=True
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def handles_intake(self) -> bool:
        return self.user.role == Role.INTAKE_COORDINATOR


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent (no email wanted or no address)")
    CANCELLED = "cancelled", _("Cancelled")
    NEEDS_ATTENTION = "attention", _("Needs a coordinator's attention")
    DIGEST = "digest", _("Kept for the weekly digest")


class Notification(models.Model):
    """A message to one person, due at a moment: the database is the source of truth.

    Created by the service that causes it, in the same transaction; a periodic
    sweep sends what is due. `key` makes scheduling idempotent: the same
    reminder for the same object and moment exists once.
    """

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    recipient_user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    recipient_email = models.EmailField(_("email"), blank=True)
    language = models.CharField(max_length=8, default="nl")
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    due_at = models.DateTimeField(_("due"), db_index=True)
    # Non-sensitive parameters for the template only (never health or intake notes).
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The weekly digest that carried this notification, when its recipient chose the digest.
    digest = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="digested"
    )
    # When the recipient answered the question in it (the volunteer's monthly check-in).
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["target_type", "target_id"], name="notification_target"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient_user__isnull=False) | ~models.Q(recipient_email=""),
                name="notification_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_user or self.recipient_email} @ {self.due_at}"


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    EXPORT = "export", _("Exported")
    ERASE = "erase", _("Erased")
    DENIED = "denied", _("Access denied")


class AuditEventQuerySet(models.QuerySet):
    """Append-only: the application may add rows and read them, nothing else."""

    def update(self, **kwargs):
        raise PermissionError("Audit events cannot be changed.")

    def delete(self):
        raise PermissionError("Audit events cannot be deleted (retention purges them).")


class AuditEvent(models.Model):
    """Who did what to which family, request, volunteer or match, and from where.

    Never holds names, notes or special-category text: only ids and labels.
    The actor is kept as a plain id plus the email at that moment (no foreign
    key), so that deleting or anonymising a user never has to touch the log;
    PostgreSQL refuses UPDATE and DELETE on this table (migration 0004).
    """

    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(_("user id"), null=True, blank=True, db_index=True)
    actor_email = models.CharField(_("user"), max_length=254, blank=True)
    actor_role = models.CharField(_("role"), max_length=20, blank=True)
    organisation_id = models.BigIntegerField(_("organisation id"), null=True, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    target_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events cannot be deleted (retention purges them).")


class NotificationDelivery(models.TextChoices):
    EMAIL = "email", _("Email straight away")
    DIGEST = "digest", _("In my weekly digest")
    SITE_ONLY = "none", _("Only on this site, no email")


class NotificationPreference(models.Model):
    """How one user wants one kind of notification; no row means email straight away."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(
        _("delivery"),
        max_length=10,
        choices=NotificationDelivery.choices,
        default=NotificationDelivery.EMAIL,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.delivery}"
