"""Support moments: which kinds a programme has (data), the moments of a match, and
the volunteer's private calendar feed."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.programmes.models import SupportMode
from matching.moments.querysets import MomentQuerySet


class MomentKind(models.TextChoices):
    DAGDEEL = "dagdeel", _("Dagdeel (part of a day)")
    OVERNIGHT = "overnight", _("Overnight stay")
    VISIT = "visit", _("Visit")


class MomentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HAPPENED = "happened", _("Happened")
    CANCELLED = "cancelled", _("Cancelled")


class CancelledBy(models.TextChoices):
    FAMILY = "family", _("The family")
    VOLUNTEER = "volunteer", _("The volunteer")
    OTHER = "other", _("Something else")
    # Set by the platform only: the match ended before the moment.
    MATCH_ENDED = "match_ended", _("The match ended")


# The kinds a programme has when the administrator has not set its own: by the way
# the programme supports a family (itself data of the programme), never by its name.
DEFAULT_KINDS_BY_MODE: dict[str, tuple[str, ...]] = {
    SupportMode.HOSTING: (MomentKind.DAGDEEL, MomentKind.OVERNIGHT),
    SupportMode.HOME_VISIT: (MomentKind.VISIT,),
    SupportMode.ALONGSIDE: (MomentKind.VISIT,),
}
# When a kind usually starts and how long it lasts (the plan form's defaults).
DEFAULT_TIMES: dict[str, tuple[time, int]] = {
    MomentKind.DAGDEEL: (time(13, 0), 4 * 60),
    MomentKind.OVERNIGHT: (time(17, 0), 17 * 60),
    MomentKind.VISIT: (time(10, 0), 2 * 60),
}


class ProgrammeMomentKind(models.Model):
    """One kind of moment a programme plans, with its usual start and length."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="moment_kinds",
        verbose_name=_("programme"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MomentKind.choices)
    usual_start = models.TimeField(_("usual start"), default=time(13, 0))
    usual_minutes = models.PositiveSmallIntegerField(
        _("usual length (minutes)"),
        default=240,
        validators=[MinValueValidator(15), MaxValueValidator(72 * 60)],
    )

    class Meta:
        verbose_name = _("kind of support moment")
        verbose_name_plural = _("kinds of support moment")
        ordering = ["programme", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="one_moment_kind_each")
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_kind_display()}"


class Moment(models.Model):
    """A planned dagdeel, overnight stay or visit of a match, and what became of it."""

    match = models.ForeignKey("matching.Match", on_delete=models.CASCADE, related_name="moments")
    kind = models.CharField(_("kind"), max_length=20, choices=MomentKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MomentStatus.choices,
        default=MomentStatus.PLANNED,
    )
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=20, choices=CancelledBy.choices, blank=True
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    planned_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = MomentQuerySet.as_manager()

    class Meta:
        verbose_name = _("support moment")
        verbose_name_plural = _("support moments")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["match", "starts_at"], name="moment_match_start"),
            models.Index(fields=["status", "starts_at"], name="moment_status_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="moment_ends_after_start",
            ),
            # Who cancelled is said exactly when the moment was cancelled.
            models.CheckConstraint(
                condition=(models.Q(status="cancelled") & ~models.Q(cancelled_by=""))
                | (~models.Q(status="cancelled") & models.Q(cancelled_by="")),
                name="moment_cancelled_says_by_whom",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A moment ends after it starts.")})
        if self.status == MomentStatus.HAPPENED and self.starts_at > timezone.now():
            raise ValidationError(_("A moment that has not started yet cannot have happened."))

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def to_confirm(self) -> bool:
        return self.status == MomentStatus.PLANNED and self.is_past


class CalendarFeed(models.Model):
    """A volunteer's private calendar address: only the hash of its secret is kept
    (like the parent's status link). Renewing replaces the hash, so the old address
    stops at once; revoking deletes the row."""

    volunteer = models.OneToOneField(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.created_at:%Y-%m-%d}"
