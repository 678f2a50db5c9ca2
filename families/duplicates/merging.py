"""Merge two families into one, undo it, or say they are not the same.

A merge moves every row that points at the merged family (found through the
model relations, so a model added later moves too) to the surviving family and
writes down which rows moved; an undo moves exactly those back. The merged
family stays as an empty row (`merged_into`), so it comes back with its own id.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.models import Notification
from families.models import (
    DuplicateCandidate,
    DuplicateDecision,
    Family,
    FamilyMerge,
    Parent,
)

# Relations to Family that are about the merge itself, not about the family: they stay.
NOT_MOVED = frozenset(
    {
        "families.duplicatecandidate.family",
        "families.duplicatecandidate.other",
        "families.familymerge.survivor",
        "families.familymerge.merged",
    }
)
NOTIFICATIONS = "notifications.notification.target"
DEMOTED = "demoted_primary_contacts"


def family_relations() -> list[tuple[str, type[models.Model], str]]:
    """(key, model, field name) of every foreign key to Family that a merge moves."""
    found = []
    for relation in Family._meta.related_objects:
        if relation.many_to_many:
            raise NotImplementedError(
                f"{relation.related_model._meta.label} points at Family through a "
                "many-to-many: teach families.duplicates.merging to move it."
            )
        key = f"{relation.related_model._meta.label_lower}.{relation.field.name}"
        if key not in NOT_MOVED:
            found.append((key, relation.related_model, relation.field.name))
    return found


def _check_open(candidate: DuplicateCandidate) -> None:
    if candidate.decision != DuplicateDecision.OPEN:
        raise ValidationError(
            _("This pair was already answered (%(decision)s).")
            % {"decision": candidate.get_decision_display()},
            code="answered",
        )
    if candidate.family.merged_into_id or candidate.other.merged_into_id:
        raise ValidationError(
            _("One of these families was merged into another one meanwhile."), code="merged"
        )


@transaction.atomic
def duplicate_merge(*, candidate: DuplicateCandidate, survivor: Family, by=None) -> FamilyMerge:
    """Fold the other family of the pair into `survivor`: requests, consents,
    parents, children, notes and everything else that points at it move."""
    candidate = (
        DuplicateCandidate.objects.select_for_update()
        .select_related("family", "other")
        .get(pk=candidate.pk)
    )
    _check_open(candidate)
    if survivor.pk not in (candidate.family_id, candidate.other_id):
        raise ValidationError(_("Choose one of the two families to keep."), code="survivor")
    merged = candidate.other if survivor.pk == candidate.family_id else candidate.family
    moved: dict[str, list[int]] = {}
    # The family that stays keeps its primary contact; the other's becomes a second parent.
    if Parent.objects.filter(family=survivor, is_primary_contact=True).exists():
        demoted = list(
            Parent.objects.filter(family=merged, is_primary_contact=True).values_list(
                "pk", flat=True
            )
        )
        Parent.objects.filter(pk__in=demoted).update(is_primary_contact=False)
        moved[DEMOTED] = demoted
    for key, model, field_name in family_relations():
        rows = model._base_manager.filter(**{field_name: merged.pk})
        pks = list(rows.values_list("pk", flat=True))
        if pks:
            model._base_manager.filter(pk__in=pks).update(**{field_name: survivor.pk})
            moved[key] = pks
    notifications = Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(Family), target_id=merged.pk
    )
    if pks := list(notifications.values_list("pk", flat=True)):
        Notification.objects.filter(pk__in=pks).update(target_id=survivor.pk)
        moved[NOTIFICATIONS] = pks
    Family.objects.filter(pk=merged.pk).update(merged_into=survivor)
    candidate.decision = DuplicateDecision.MERGED
    candidate.decided_at = timezone.now()
    candidate.decided_by = by
    candidate.save(update_fields=["decision", "decided_at", "decided_by"])
    return FamilyMerge.objects.create(
        survivor=survivor, merged=merged, candidate=candidate, moved=moved, merged_by=by
    )


@transaction.atomic
def family_merge_undo(*, merge: FamilyMerge, by=None) -> FamilyMerge:
    """Give the merged family back exactly what moved; the pair is open again."""
    merge = FamilyMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.is_undone:
        raise ValidationError(_("This merge was already undone."), code="undone")
    survivor = Family.objects.get(pk=merge.survivor_id)
    if survivor.merged_into_id is not None:
        raise ValidationError(
            _("The family was merged again since; undo that merge first."), code="merged_again"
        )
    later = FamilyMerge.objects.filter(
        survivor_id=merge.survivor_id, undone_at__isnull=True, merged_at__gt=merge.merged_at
    )
    if later.exists():
        raise ValidationError(
            _("Another family was merged into this one later; undo that merge first."),
            code="later_merge",
        )
    relations = {key: (model, field_name) for key, model, field_name in family_relations()}
    for key, pks in merge.moved.items():
        if key == DEMOTED:
            Parent.objects.filter(pk__in=pks).update(is_primary_contact=True)
        elif key == NOTIFICATIONS:
            Notification.objects.filter(pk__in=pks).update(target_id=merge.merged_id)
        else:
            model, field_name = relations[key]
            model._base_manager.filter(pk__in=pks).update(**{field_name: merge.merged_id})
    Family.objects.filter(pk=merge.merged_id).update(merged_into=None)
    if merge.candidate_id:
        DuplicateCandidate.objects.filter(pk=merge.candidate_id).update(
            decision=DuplicateDecision.OPEN, decided_at=None, decided_by=None
        )
    merge.undone_at = timezone.now()
    merge.undone_by = by
    merge.save(update_fields=["undone_at", "undone_by"])
    return merge


@transaction.atomic
def duplicate_mark_not_same(*, candidate: DuplicateCandidate, by=None) -> DuplicateCandidate:
    """Two different families: remembered, the pair is never suggested again."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision != DuplicateDecision.OPEN:
        raise ValidationError(_("This pair was already answered."), code="answered")
    candidate.decision = DuplicateDecision.NOT_THE_SAME
    candidate.decided_at = timezone.now()
    candidate.decided_by = by
    candidate.save(update_fields=["decision", "decided_at", "decided_by"])
    return candidate
