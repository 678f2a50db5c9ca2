"""A questionnaire of the instrument registry given to a family at a moment, and its answers.

The answers are the parent's own account of how they are doing: only the
coordinators of the programme that holds the request read them (never a partner,
a volunteer or another programme); reports use the scores, aggregated."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.instruments.models import Moment


class AdministrationMode(models.TextChoices):
    LINK = "link", _("Parent fills it in through a private link")
    CONVERSATION = "conversation", _("Coordinator enters the answers in a conversation")


class Administration(models.Model):
    request = models.ForeignKey(
        "families.SupportRequest", on_delete=models.CASCADE, related_name="administrations"
    )
    instrument = models.ForeignKey(
        "instruments.Instrument", on_delete=models.PROTECT, related_name="administrations"
    )
    moment = models.CharField(_("moment"), max_length=12, choices=Moment.choices)
    mode = models.CharField(_("how"), max_length=12, choices=AdministrationMode.choices)
    language = models.CharField(_("language"), max_length=8, default="nl")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Only a hash of the parent's private link is kept (as for the status link).
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # {item number: answer value}; saved as the parent goes, so they can come back.
    answers = models.JSONField(default=dict, blank=True)
    # {scale code: score or None}, computed once when the questionnaire is complete.
    scores = models.JSONField(default=dict, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "instrument", "moment"],
                condition=models.Q(moment__in=["intake", "closure"]),
                name="one_intake_and_closure_per_instrument",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} · {self.get_moment_display()}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    def clean(self) -> None:
        if self.completed_at is None and self.scores:
            raise ValidationError(_("Only a completed questionnaire has scores."))
