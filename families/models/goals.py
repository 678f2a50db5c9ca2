"""A parent's own goals, their 0-10 ratings over time, and the family's network map.

The goals are the parent's words, tied to a life domain; each rating says who gave
it (the parent on their private link, or a coordinator in a conversation) and at
which moment (intake, an evaluation, closure). The network map says, per domain,
who helps the family at intake and at closure.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models.request import SupportRequest

MAX_GOALS = 3


class LifeDomain(models.TextChoices):
    DAILY_CARE = "daily_care", _("Daily care and structure")
    PARENTING = "parenting", _("Parenting")
    CHILD_DEVELOPMENT = "child_development", _("My child's development")
    SOCIAL_NETWORK = "social_network", _("People around us")
    TIME_FOR_YOURSELF = "own_time", _("Time for myself")
    PRACTICAL = "practical", _("Practical matters")


class RatingMoment(models.TextChoices):
    INTAKE = "intake", _("Intake")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSURE = "closure", _("Closure")


class Rater(models.TextChoices):
    PARENT = "parent", _("The parent, on their own")
    COORDINATOR = "coordinator", _("A coordinator, in a conversation")


class NetworkDomain(models.TextChoices):
    DAILY_CARE = "daily_care", _("Daily care")
    SOMEONE_TO_TALK_TO = "talk", _("Someone to talk to")
    PRACTICAL_HELP = "practical", _("Practical help")
    TIME_FOR_YOURSELF = "own_time", _("Time for yourself")
    PARENTING_QUESTIONS = "parenting", _("Questions about parenting")


class Helper(models.TextChoices):
    FAMILY = "family", _("We ourselves")
    OWN_NETWORK = "network", _("Family, friends or neighbours")
    VOLUNTEER = "volunteer", _("The volunteer")
    PROFESSIONAL = "professional", _("A professional")
    NOBODY = "nobody", _("Nobody")


# The network map is drawn at the start and at the end, not at evaluations.
NETWORK_MOMENTS = (RatingMoment.INTAKE, RatingMoment.CLOSURE)


class Goal(models.Model):
    """One of the parent's own goals for the support, in their own words."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(MAX_GOALS)]
    )
    text = models.CharField(_("goal in the parent's words"), max_length=300)
    domain = models.CharField(_("life domain"), max_length=20, choices=LifeDomain.choices)
    created_at = models.DateTimeField(_("set"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["request", "position"]
        constraints = [
            models.UniqueConstraint(fields=["request", "position"], name="one_goal_per_position"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=MAX_GOALS),
                name="at_most_three_goals",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} #{self.position}"


class GoalRatingRound(models.Model):
    """One moment at which the goals are rated: the parent's private link to it
    (only its hash is kept) and whether it is done or no longer asked."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="goal_rounds"
    )
    moment = models.CharField(_("moment"), max_length=12, choices=RatingMoment.choices)
    # "intake", "closure", or the evaluation it belongs to ("evaluation-<follow-up>"):
    # one round per occasion, so an invitation goes out exactly once.
    occasion = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    completed_at = models.DateTimeField(_("rated"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("no longer asked"), null=True, blank=True)

    class Meta:
        verbose_name = _("rating moment")
        verbose_name_plural = _("rating moments")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "occasion"], name="one_rating_round_per_occasion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.occasion}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None and self.cancelled_at is None


class GoalRating(models.Model):
    """A 0-10 rating of one goal: how far the family is, by whom and at which moment."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(
        _("score (0–10)"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    moment = models.CharField(_("moment"), max_length=12, choices=RatingMoment.choices)
    rater = models.CharField(_("rated by"), max_length=12, choices=Rater.choices)
    rated_at = models.DateTimeField(_("rated"), default=timezone.now)
    # The coordinator who noted it in a conversation; empty when the parent rated.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    round = models.ForeignKey(
        GoalRatingRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="ratings"
    )

    class Meta:
        verbose_name = _("goal rating")
        verbose_name_plural = _("goal ratings")
        ordering = ["rated_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=10), name="goal_score_0_to_10"
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.score} ({self.moment})"


class NetworkMap(models.Model):
    """Who helps the family, per domain, at intake or at closure.

    `answers` maps each NetworkDomain to a list of Helper values (several may help)."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="network_maps"
    )
    moment = models.CharField(_("moment"), max_length=12, choices=RatingMoment.choices)
    answers = models.JSONField(_("who helps"), default=dict)
    rater = models.CharField(_("filled in by"), max_length=12, choices=Rater.choices)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("network map")
        verbose_name_plural = _("network maps")
        constraints = [
            models.UniqueConstraint(fields=["request", "moment"], name="one_network_map_per_moment")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.moment}"

    def clean(self) -> None:
        if self.moment not in NETWORK_MOMENTS:
            raise ValidationError(_("The network map is drawn at intake and at closure."))
        domains, helpers = set(NetworkDomain.values), set(Helper.values)
        if set(self.answers) - domains:
            raise ValidationError(_("Unknown domain in the network map."))
        for chosen in self.answers.values():
            if not isinstance(chosen, list) or set(chosen) - helpers:
                raise ValidationError(_("Unknown helper in the network map."))
            if Helper.NOBODY in chosen and len(chosen) > 1:
                raise ValidationError(_("'Nobody' cannot go together with someone who helps."))
