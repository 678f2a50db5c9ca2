"""Possible duplicate families, the coordinator's answer, and merges that can be undone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models.family import Family
from families.querysets import DuplicateCandidateQuerySet, FamilyMergeQuerySet


class DuplicateDecision(models.TextChoices):
    OPEN = "open", _("To check")
    MERGED = "merged", _("Merged")
    NOT_THE_SAME = "not_same", _("Not the same family")


class DuplicateCandidate(models.Model):
    """Two families that may be one: found by `families.duplicates.detect`, with
    the reasons in codes (put into words on the page). The pair is stored once,
    lowest id first, whatever the answer: "not the same" is never suggested again."""

    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="duplicate_candidates"
    )
    other = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="duplicate_candidates_as_other"
    )
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    # [{"code": "phone"}, {"code": "name", "percent": 92}, {"code": "child", "month": "03-2019"}]
    reasons = models.JSONField(_("reasons"), default=list)
    found_at = models.DateTimeField(_("found"), default=timezone.now)
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=DuplicateDecision.choices,
        default=DuplicateDecision.OPEN,
        db_index=True,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DuplicateCandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-score", "-found_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["family", "other"], name="duplicate_pair_once"),
            models.CheckConstraint(
                condition=Q(family__lt=F("other")), name="duplicate_pair_lowest_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family_id} ~ {self.other_id}"


class FamilyMerge(models.Model):
    """One merge: `merged` was folded into `survivor`. `moved` lists, per relation,
    the ids of the rows that moved (and the parents no longer primary contact), so
    that an undo moves back exactly those."""

    survivor = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="merges_kept")
    merged = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="merges_undergone")
    candidate = models.ForeignKey(
        DuplicateCandidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moved = models.JSONField(_("what moved"), default=dict)
    merged_at = models.DateTimeField(_("merged"), default=timezone.now)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = FamilyMergeQuerySet.as_manager()

    class Meta:
        verbose_name = _("family merge")
        verbose_name_plural = _("family merges")
        ordering = ["-merged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.merged_id} -> {self.survivor_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
