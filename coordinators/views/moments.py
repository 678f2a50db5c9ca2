"""Support moments for coordinators: a month of their programmes' moments, plan a
moment (or weekly) on the match page, correct what was confirmed."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import audit_list, get_visible_or_404
from coordinators.views._actions import run_action, run_form_action
from matching.models import Match
from matching.moments import services
from matching.moments.forms import MomentOutcomeForm, MomentPlanForm
from matching.moments.models import Moment
from matching.moments.selectors import (
    calendar_month,
    match_moments,
    month_from,
    planned_moment_kinds,
)


def match_moments_context(match: Match) -> dict:
    """What the match page shows of its moments (its panel and plan form)."""
    panel = match_moments(match)
    return {
        "moments": panel,
        "moment_form": MomentPlanForm(kinds=panel.kinds, auto_id="moment_%s"),
    }


@require_safe
@coordinator_required
def moment_calendar(request):
    audit_list(request, target_type="matching.moment")
    first = month_from(request.GET.get("maand"), today=timezone.localdate())
    month = calendar_month(Moment.objects.visible_to(request.user), first=first)
    return render(request, "coordinators/moment_calendar.html", {"month": month, "nav": "moments"})


@require_POST
@coordinator_required
def match_moment_plan(request, pk: int):
    match = get_visible_or_404(
        request, Match.objects.visible_to(request.user).select_related("programme"), pk=pk
    )
    form = MomentPlanForm(request.POST, kinds=planned_moment_kinds(match.programme))
    run_form_action(
        request,
        form,
        lambda data: services.moments_plan(
            match=match,
            kind=data["kind"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            weeks=data["weeks"],
            by=request.user,
        ),
        _("Moments planned."),
    )
    return redirect("coordinators:match_detail", pk=pk)


@require_POST
@coordinator_required
def match_moment_correct(request, pk: int, moment_pk: int):
    match = get_visible_or_404(request, Match.objects.visible_to(request.user), pk=pk)
    moment = get_visible_or_404(
        request, Moment.objects.visible_to(request.user).filter(match=match), pk=moment_pk
    )
    form = MomentOutcomeForm(request.POST)
    if form.is_valid():
        outcome, cancelled_by = form.recorded()
        run_action(
            request,
            lambda: services.moment_correct(
                moment=moment, outcome=outcome, cancelled_by=cancelled_by, by=request.user
            ),
            _("Moment saved."),
        )
    else:
        run_form_action(request, form, lambda data: None, "")
    return redirect("coordinators:match_detail", pk=pk)
