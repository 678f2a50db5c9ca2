"""How a match is looked after: the pulse (a short check-in with both sides), the
expectations each side starts with, and the cadences and warning weights each
programme sets as data. Imported by `matching.models`, so Django sees them there."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EndedBy(models.TextChoices):
    FAMILY = "family", _("The family")
    VOLUNTEER = "volunteer", _("The volunteer")
    COORDINATOR = "coordinator", _("The coordinator")
    CIRCUMSTANCES = "circumstances", _("Circumstances")


class EndingKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PREMATURE = "premature", _("Premature")


class MatchClosure(models.Model):
    """The closure of a match as a step (docs/case-lifecycle.md): who ended it, planned
    or not, the closing talks, and whether the family and volunteer stay in touch."""

    ended_by = models.CharField(_("ended by"), max_length=20, choices=EndedBy.choices, blank=True)
    ending_kind = models.CharField(
        _("planned or premature"), max_length=20, choices=EndingKind.choices, blank=True
    )
    closing_talk_family_on = models.DateField(
        _("closing talk with the family"), null=True, blank=True
    )
    closing_talk_volunteer_on = models.DateField(
        _("closing talk with the volunteer"), null=True, blank=True
    )
    contact_continues = models.BooleanField(_("contact continues informally"), default=False)

    class Meta:
        abstract = True


class Side(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer")
    PARENT = "parent", _("Parent")


class PulseAnchor(models.TextChoices):
    INTRODUCTION = "introduction", _("After the introduction meeting")
    TRIAL_END = "trial_end", _("At the end of the trial period")
    STARTED = "started", _("After the match became active")


class PulseStep(models.Model):
    """One moment of a programme's pulse cadence: `days_after` the anchor, and again
    every `repeat_every_months` (0: once) for the programme's typical duration."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="pulse_steps"
    )
    anchor = models.CharField(_("counted from"), max_length=20, choices=PulseAnchor.choices)
    days_after = models.PositiveSmallIntegerField(_("days after"), default=0)
    repeat_every_months = models.PositiveSmallIntegerField(
        _("then every (months)"), default=0, help_text=_("0: only once.")
    )

    class Meta:
        verbose_name = _("pulse moment")
        verbose_name_plural = _("pulse moments")
        ordering = ["programme", "anchor", "days_after"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "anchor", "days_after"], name="one_pulse_step_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_anchor_display()} +{self.days_after}"


class ContactCadence(models.Model):
    """How often the coordinator should be in touch with a match: `contacts_in_first_period`
    times in the first `first_period_days`, then every `then_every_days`."""

    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.CASCADE, related_name="contact_cadence"
    )
    first_period_days = models.PositiveSmallIntegerField(
        _("first period (days)"), default=30, validators=[MinValueValidator(1)]
    )
    contacts_in_first_period = models.PositiveSmallIntegerField(
        _("contacts in the first period"), default=2, validators=[MinValueValidator(1)]
    )
    then_every_days = models.PositiveSmallIntegerField(
        _("then a contact every (days)"), default=30, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("contact cadence")
        verbose_name_plural = _("contact cadences")

    def __str__(self) -> str:
        return str(self.programme) if self.programme_id else "-"


class HealthRule(models.Model):
    """The weight and threshold of one early-warning rule (docs/match-health.md), for
    every programme (programme empty) or one programme (wins over the general row).
    A weight of 0 switches the rule off."""

    rule = models.CharField(_("rule"), max_length=40)
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="health_rules",
        help_text=_("Empty: every programme."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MaxValueValidator(10)]
    )
    threshold = models.PositiveSmallIntegerField(_("threshold"), default=0)

    class Meta:
        verbose_name = _("early-warning rule")
        verbose_name_plural = _("early-warning rules")
        ordering = ["rule", "programme"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "programme"], name="one_health_rule_per_scope"),
            models.UniqueConstraint(
                fields=["rule"],
                condition=models.Q(programme__isnull=True),
                name="one_general_health_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.programme or _('all programmes')})"


class PulseOccasion(models.TextChoices):
    REGULAR = "regular", _("Pulse")
    EXIT = "exit", _("Exit pulse")


class Fit(models.TextChoices):
    YES = "yes", _("Yes")
    NOT_SURE = "not_sure", _("Not sure")
    NO = "no", _("No")


class AsAgreed(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class Pulse(models.Model):
    """One check-in with one side of a match: asked on `due_on`, answered once."""

    match = models.ForeignKey("matching.Match", on_delete=models.CASCADE, related_name="pulses")
    side = models.CharField(_("from"), max_length=10, choices=Side.choices)
    occasion = models.CharField(
        _("occasion"), max_length=10, choices=PulseOccasion.choices, default=PulseOccasion.REGULAR
    )
    due_on = models.DateField(_("asked on"), db_index=True)
    # The private link's token, hashed; a new link (email, text message) replaces it.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("how it is going (0-10)"), null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    fits = models.CharField(_("does it fit"), max_length=10, choices=Fit.choices, blank=True)
    as_agreed = models.CharField(
        _("support as agreed"), max_length=10, choices=AsAgreed.choices, blank=True
    )
    message = models.TextField(_("for the coordinator"), blank=True)
    wants_call = models.BooleanField(_("would like a call"), default=False)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("pulse")
        verbose_name_plural = _("pulses")
        ordering = ["due_on", "side", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "side", "occasion", "due_on"], name="one_pulse_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_occasion_display()} {self.get_side_display()} {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None and self.cancelled_on is None


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")
    LESS = "less", _("Less often")


class Expectation(models.Model):
    """What one side expects at the start: how long, how often, what for."""

    match = models.ForeignKey(
        "matching.Match", on_delete=models.CASCADE, related_name="expectations"
    )
    side = models.CharField(_("from"), max_length=10, choices=Side.choices)
    months = models.PositiveSmallIntegerField(
        _("how long (months)"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices)
    purpose = models.CharField(_("what for"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("expectation")
        verbose_name_plural = _("expectations")
        constraints = [
            models.UniqueConstraint(fields=["match", "side"], name="one_expectation_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.months}"
