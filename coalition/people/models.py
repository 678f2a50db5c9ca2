"""People who log in, their roles and programmes, and the audit log of what they did."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.programmes.models import Organisation, Programme, Wijk


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
        "programmes.Organisation",
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
    PostgreSQL refuses UPDATE and DELETE on this table (people migration 0002).
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
