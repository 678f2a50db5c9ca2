"""Matches (koppelingen) between a request and a volunteer, their follow-ups and notes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.status_machine import StatusChange, StatusMachine

# The pulse, expectations, cadences, health rules and closure: their own module,
# imported here so that Django finds their models in this app.
from matching.care_models import (  # noqa: F401
    AsAgreed,
    ContactCadence,
    EndedBy,
    EndingKind,
    Expectation,
    Fit,
    Frequency,
    HealthRule,
    MatchClosure,
    Pulse,
    PulseAnchor,
    PulseOccasion,
    PulseStep,
    Side,
)
from matching.querysets import (
    ContactNoteQuerySet,
    FollowUpQuerySet,
    MatchQuerySet,
)


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    VOLUNTEER_AGREED = "volunteer_agreed", _("Volunteer agreed")
    FAMILY_AGREED = "family_agreed", _("Family agreed")
    INTRODUCTION = "introduction", _("Introduction meeting")
    TRIAL = "trial", _("Trial period")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


MATCH_STAGES = (
    MatchStatus.PROPOSED,
    MatchStatus.VOLUNTEER_AGREED,
    MatchStatus.FAMILY_AGREED,
    MatchStatus.INTRODUCTION,
    MatchStatus.TRIAL,
    MatchStatus.ACTIVE,
)
# Each stage moves to the next one, and any match can end. An ended match can
# be re-opened (back to active, or to the stage it ended in).
MATCH_TRANSITIONS: dict[str, frozenset[str]] = {
    stage: frozenset({MATCH_STAGES[i + 1], MatchStatus.ENDED})
    for i, stage in enumerate(MATCH_STAGES[:-1])
}
MATCH_TRANSITIONS[MatchStatus.ACTIVE] = frozenset({MatchStatus.ENDED})
MATCH_TRANSITIONS[MatchStatus.ENDED] = frozenset(MATCH_STAGES)

# Matches that take up a volunteer's capacity.
OPEN_MATCH_STATUSES = frozenset(MATCH_STAGES)


class EndReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Goals reached, support no longer needed")
    PLANNED_END = "planned_end", _("Planned end of the period")
    NO_CLICK = "no_click", _("No click between family and volunteer")
    FAMILY_WITHDREW = "family_withdrew", _("The family stopped")
    VOLUNTEER_STOPPED = "volunteer_stopped", _("The volunteer stopped")
    MOVED = "moved", _("Family or volunteer moved")
    PROFESSIONAL_CARE = "professional_care", _("Professional care needed instead")
    NOT_STARTED = "not_started", _("Did not start")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    GOALS_MET = "met", _("Goals met")
    PARTLY_MET = "partly", _("Goals partly met")
    NOT_MET = "not_met", _("Goals not met")
    UNKNOWN = "unknown", _("Unknown")


# End reasons of a planned ending; every other reason is premature unless the coordinator says so.
PLANNED_END_REASONS = frozenset({EndReason.GOALS_REACHED, EndReason.PLANNED_END})


class Match(StatusMachine, MatchClosure, models.Model):
    request = models.ForeignKey(
        "families.SupportRequest", on_delete=models.PROTECT, related_name="matches"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.PROTECT, related_name="matches"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="matches"
    )
    # The responsible coordinator: hears the match's reminders and can hand it over.
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="matches",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MatchStatus.choices,
        default=MatchStatus.PROPOSED,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    planned_start_on = models.DateField(_("planned start"), null=True, blank=True)
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    introduction_on = models.DateField(_("introduction meeting"), null=True, blank=True)
    trial_started_on = models.DateField(_("trial started"), null=True, blank=True)
    trial_ends_on = models.DateField(_("trial ends"), null=True, blank=True)
    started_on = models.DateField(_("active since"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=30, choices=EndReason.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    end_note = models.TextField(_("note on the ending"), blank=True)

    status_transitions = MATCH_TRANSITIONS
    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-proposed_at"]
        # "Does this volunteer have an open match?" is asked for every volunteer on
        # the dashboard and in matching: one index lookup instead of a bitmap AND.
        indexes = [models.Index(fields=["volunteer", "status"], name="match_volunteer_status")]
        constraints = [
            # One open match per request and volunteer; a new one may follow an ended one.
            models.UniqueConstraint(
                fields=["request", "volunteer"],
                condition=~models.Q(status="ended"),
                name="one_open_match_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ended") | ~models.Q(end_reason=""),
                name="ended_match_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} ↔ {self.volunteer}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_MATCH_STATUSES

    def clean(self) -> None:
        if self.status == MatchStatus.ENDED and not self.end_reason:
            raise ValidationError({"end_reason": _("Say why the match ended.")})
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("A match cannot end before it started.")})


class MatchStatusChange(StatusChange):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=MatchStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=MatchStatus.choices)
    # A hand-over: the status stays (from_status == to_status), the coordinator changes.
    to_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class FollowUpKind(models.TextChoices):
    EVALUATION = "evaluation", _("Evaluation")
    TRIAL_END = "trial_end", _("End of the trial period")
    CHECK_IN = "check_in", _("Check-in")


class FollowUp(models.Model):
    """A scheduled evaluation or check-in of a match, due within a window of days."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField(_("kind"), max_length=20, choices=FollowUpKind.choices)
    due_on = models.DateField(_("due on"), db_index=True)
    window_days = models.PositiveSmallIntegerField(_("window (days either side)"), default=7)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    # Moved by a coordinator: the original day and why, kept for the history.
    rescheduled_from = models.DateField(_("originally due on"), null=True, blank=True)
    reschedule_reason = models.TextField(_("reason for the new date"), blank=True)
    # No longer needed because the match ended before it was due.
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "kind", "due_on"], name="one_followup_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Home visit")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("Email or message")
    OTHER = "other", _("Other")


class ContactNote(models.Model):
    """A note of contact with a family, a volunteer or about a match."""

    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
    )
    match = models.ForeignKey(
        Match, on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices)
    text = models.TextField(_("note"))
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only coordinators of the programme see confidential notes."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ContactNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact note")
        verbose_name_plural = _("contact notes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(family__isnull=False, volunteer__isnull=True, match__isnull=True)
                    | models.Q(family__isnull=True, volunteer__isnull=False, match__isnull=True)
                    | models.Q(family__isnull=True, volunteer__isnull=True, match__isnull=False)
                ),
                name="note_about_exactly_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class MatchingWeights(models.Model):
    """How much each soft criterion counts when the engine ranks volunteers for a
    programme. A programme without a row uses the defaults below."""

    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="matching_weights",
        verbose_name=_("programme"),
    )
    distance = models.PositiveSmallIntegerField(
        _("short distance"), default=30, validators=[MaxValueValidator(100)]
    )
    availability = models.PositiveSmallIntegerField(
        _("shared dagdelen"), default=25, validators=[MaxValueValidator(100)]
    )
    language = models.PositiveSmallIntegerField(
        _("shared language"), default=10, validators=[MaxValueValidator(100)]
    )
    age_fit = models.PositiveSmallIntegerField(
        _("children's ages fit the preference"), default=10, validators=[MaxValueValidator(100)]
    )
    same_wijk = models.PositiveSmallIntegerField(
        _("same wijk"), default=10, validators=[MaxValueValidator(100)]
    )
    waiting = models.PositiveSmallIntegerField(
        _("waiting time of the family"),
        default=10,
        validators=[MaxValueValidator(100)],
        help_text=_("Families who have waited longer get priority when volunteers are scarce."),
    )
    load = models.PositiveSmallIntegerField(
        _("volunteer has free places"), default=5, validators=[MaxValueValidator(100)]
    )
    waiting_full_days = models.PositiveSmallIntegerField(
        _("waiting counts fully after (days)"),
        default=180,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")

    def __str__(self) -> str:
        return str(self.programme)


# The engine's suggestions and the rules of which programme fits: modules of their
# own, imported here so that Django finds their models in this app.
from matching.fit_rules import SituationFit  # noqa: E402, F401

# Support moments live in a package of their own; Django finds their models here.
from matching.moments.models import (  # noqa: E402, F401
    CalendarFeed,
    Moment,
    ProgrammeMomentKind,
)
from matching.proposal_models import (  # noqa: E402, F401
    MatchProposal,
    ProposalBatch,
    ProposalStatus,
)
