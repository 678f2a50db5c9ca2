"""The matching engine's suggestions: a batch over a waiting list and its proposed
pairs, each accepted or rejected by a coordinator (matching.engine.batch)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.querysets import MatchProposalQuerySet


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    STALE = "stale", _("No longer possible")


class ProposalBatch(models.Model):
    """One run of the engine over a waiting list: a set of suggestions, nothing more."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposal_batches",
        help_text=_("Empty: every programme at once."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    start_on = models.DateField(_("planned start"))
    requests_considered = models.PositiveIntegerField(default=0)
    volunteers_considered = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0)
    greedy_total_score = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal batch")
        verbose_name_plural = _("proposal batches")

    def __str__(self) -> str:
        return f"{self.programme or _('All programmes')} {self.created_at:%Y-%m-%d %H:%M}"


class MatchProposal(models.Model):
    """A suggested pair from a batch; a coordinator accepts or rejects it."""

    batch = models.ForeignKey(ProposalBatch, on_delete=models.CASCADE, related_name="proposals")
    request = models.ForeignKey(
        "families.SupportRequest", on_delete=models.CASCADE, related_name="proposals"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="proposals"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="proposals"
    )
    score = models.FloatField(_("score"))
    explanation = models.JSONField(_("explanation"), default=list)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.TextField(_("reason"), blank=True)
    match = models.OneToOneField(
        "matching.Match", on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )

    objects = MatchProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("match proposal")
        verbose_name_plural = _("match proposals")

    def __str__(self) -> str:
        return f"{self.request} ↔ {self.volunteer} ({self.score:.1f})"

    @property
    def contributions(self) -> list:
        """The explanation, worded in the reader's language."""
        from matching.engine.scoring import Contribution

        return [Contribution.from_dict(part) for part in self.explanation]
