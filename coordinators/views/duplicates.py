"""Possible duplicate families: compare, merge, undo a merge, or say "not the same";
and the family's consent to share between the programmes of the coalition."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import audit_list, get_visible_or_404
from coordinators.views._actions import run_action
from families.duplicates import elsewhere, merging
from families.duplicates.reasons import reasons_text
from families.models import DuplicateCandidate, Family, FamilyMerge, SupportRequest

LIST_LIMIT = 50
RECENT_MERGES = 10


def _family_prefetches(prefix: str) -> list:
    return [
        f"{prefix}__parents",
        f"{prefix}__children",
        Prefetch(
            f"{prefix}__requests",
            queryset=SupportRequest.objects.select_related("programme").order_by("created_at"),
        ),
    ]


@require_safe
@coordinator_required
def duplicate_list(request):
    user = request.user
    audit_list(request, target_type="families.duplicatecandidate")
    candidates = list(
        DuplicateCandidate.objects.visible_to(user)
        .open()
        .select_related("family", "other")
        .prefetch_related(*_family_prefetches("family"), *_family_prefetches("other"))[:LIST_LIMIT]
    )
    merges = list(
        FamilyMerge.objects.visible_to(user)
        .filter(undone_at__isnull=True)
        .select_related("merged_by")[:RECENT_MERGES]
    )
    rows = [{"candidate": c, "reasons": reasons_text(c.reasons)} for c in candidates]
    return render(
        request,
        "coordinators/duplicate_list.html",
        {"rows": rows, "merges": merges, "limit": LIST_LIMIT, "nav": "duplicates"},
    )


def _candidate(request, pk: int) -> DuplicateCandidate:
    return get_visible_or_404(
        request,
        DuplicateCandidate.objects.visible_to(request.user).select_related("family", "other"),
        pk=pk,
    )


@require_POST
@coordinator_required
def duplicate_merge(request, pk: int):
    candidate = _candidate(request, pk)
    keep = request.POST.get("keep", "")
    survivors = {
        str(candidate.family_id): candidate.family,
        str(candidate.other_id): candidate.other,
    }
    if keep not in survivors:
        messages.error(request, _("Choose which family to keep."))
        return redirect("coordinators:duplicate_list")
    run_action(
        request,
        lambda: merging.duplicate_merge(
            candidate=candidate, survivor=survivors[keep], by=request.user
        ),
        _("The families are merged. You can undo this below."),
    )
    return redirect("coordinators:duplicate_list")


@require_POST
@coordinator_required
def duplicate_not_same(request, pk: int):
    candidate = _candidate(request, pk)
    run_action(
        request,
        lambda: merging.duplicate_mark_not_same(candidate=candidate, by=request.user),
        _("Noted: these are two families. They will not be suggested again."),
    )
    return redirect("coordinators:duplicate_list")


@require_POST
@coordinator_required
def merge_undo(request, pk: int):
    merge = get_visible_or_404(request, FamilyMerge.objects.visible_to(request.user), pk=pk)
    run_action(
        request,
        lambda: merging.family_merge_undo(merge=merge, by=request.user),
        _("The merge is undone: both families are back as they were."),
    )
    return redirect("coordinators:duplicate_list")


@require_POST
@coordinator_required
def family_share_consent(request, pk: int):
    """Record that the family gave, or withdrew, its consent to share between programmes."""
    family = get_visible_or_404(request, Family.objects.held_by(request.user), pk=pk)
    if request.POST.get("consent") == "give":
        run_action(
            request,
            lambda: elsewhere.family_share_in_coalition_give(
                family=family,
                text=_(
                    "The family agreed that the programmes of the coalition see each "
                    "other's summary of their requests (no health information)."
                ),
                given_by=_("parent, to the coordinator"),
                by=request.user,
            ),
            _("Consent recorded."),
        )
    elif request.POST.get("consent") == "withdraw":
        run_action(
            request,
            lambda: elsewhere.family_share_in_coalition_withdraw(family=family, by=request.user),
            _("Consent withdrawn: other programmes see the coarse status only."),
        )
    else:
        messages.error(request, _("Choose whether the family gives or withdraws its consent."))
    return redirect("coordinators:family_detail", pk=pk)
