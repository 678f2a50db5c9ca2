"""The match page: walk a match through its stages, evaluate, end, re-open."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import get_visible_or_404
from coordinators import selectors
from coordinators.forms import NoteForm
from coordinators.match_forms import (
    ClosureForm,
    ExpectationForm,
    FollowUpForm,
    FollowUpRescheduleForm,
    MatchEndForm,
    MatchStepForm,
    ReopenForm,
)
from coordinators.selectors.health import match_care
from coordinators.views._actions import run_action, run_form_action, run_note_action
from coordinators.views.cases import owner_form
from coordinators.views.documents import documents_panel
from coordinators.views.moments import match_moments_context
from families.outcomes.selectors import goals_overview
from matching import case, services
from matching.followups import followup_reschedule
from matching.models import MATCH_STAGES, MATCH_TRANSITIONS, FollowUp, Match, MatchStatus

NEXT_STEP_LABELS = {
    MatchStatus.VOLUNTEER_AGREED: gettext_lazy("The volunteer agreed"),
    MatchStatus.FAMILY_AGREED: gettext_lazy("The family agreed"),
    MatchStatus.INTRODUCTION: gettext_lazy("Introduction meeting held"),
    MatchStatus.TRIAL: gettext_lazy("Start the trial period"),
    MatchStatus.ACTIVE: gettext_lazy("Make the match active"),
}


def next_stage(match: Match) -> str | None:
    if match.status == MatchStatus.ENDED:
        return None
    following = [s for s in MATCH_TRANSITIONS[match.status] if s != MatchStatus.ENDED]
    return following[0] if following else None


def _get_match(request, pk: int) -> Match:
    return get_visible_or_404(request, Match.objects.visible_to(request.user), pk=pk)


@require_safe
@coordinator_required
def match_detail(request, pk: int):
    user = request.user
    match = get_visible_or_404(request, selectors.match_for_page(user=user), pk=pk)
    step = next_stage(match)
    stages = [
        {
            "status": stage,
            "label": MatchStatus(stage).label,
            "done": match.status == MatchStatus.ENDED
            or MATCH_STAGES.index(stage) <= MATCH_STAGES.index(match.status),
            "current": stage == match.status,
        }
        for stage in MATCH_STAGES
    ]
    context = {
        "match": match,
        "stages": stages,
        "next_step": step,
        "next_step_label": str(NEXT_STEP_LABELS.get(step, "")) if step else "",
        "notes": list(selectors.notes_for(user).filter(match=match)),
        "followups": selectors.followup_plan(match),
        "today": timezone.localdate(),
        "care": match_care(match, today=timezone.localdate()),
        "expectation_form": ExpectationForm(auto_id="expect_%s"),
        "closure_form": ClosureForm(
            auto_id="closure_%s",
            initial={
                "closing_talk_family_on": match.closing_talk_family_on,
                "closing_talk_volunteer_on": match.closing_talk_volunteer_on,
                "ended_by": match.ended_by,
                "contact_continues": match.contact_continues,
            },
        ),
        "reschedule_form": FollowUpRescheduleForm(auto_id="reschedule_%s"),
        "end_form": MatchEndForm(auto_id="end_%s"),
        "reopen_form": ReopenForm(auto_id="reopen_%s"),
        "note_form": NoteForm(auto_id="note_%s"),
        "owner_form": owner_form(user, programme_id=match.programme_id),
        "goals": goals_overview(user, match.request),
        "nav": "matches",
        **documents_panel(user, match=match),
        **match_moments_context(match),
    }
    return render(request, "coordinators/match_detail.html", context)


def _back(pk: int):
    return redirect("coordinators:match_detail", pk=pk)


@require_POST
@coordinator_required
def match_step(request, pk: int):
    match = _get_match(request, pk)
    run_form_action(
        request,
        MatchStepForm(request.POST),
        lambda data: services.match_advance(
            match=match, to_status=data["to_status"], by=request.user, on=data["on"]
        ),
        _("Match moved to the next stage."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def match_end(request, pk: int):
    match = _get_match(request, pk)
    run_form_action(
        request,
        MatchEndForm(request.POST),
        lambda data: case.match_end(
            match=match,
            reason=data["reason"],
            outcome=data["outcome"],
            note=data["note"],
            on=data["on"],
            by=request.user,
            after=data["after"] or case.AfterEnding.WAIT,
            close_reason=data["close_reason"],
            ended_by=data["ended_by"],
            ending_kind=data["ending_kind"],
            contact_continues=data["contact_continues"],
        ),
        _("Match ended."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def match_reopen(request, pk: int):
    match = _get_match(request, pk)
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run_action(
        request,
        lambda: services.match_reopen(match=match, by=request.user, reason=reason),
        _("Match re-opened."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def followup_record(request, pk: int, followup_pk: int):
    match = _get_match(request, pk)
    followup = get_object_or_404(
        FollowUp.objects.visible_to(request.user).filter(match=match), pk=followup_pk
    )
    run_form_action(
        request,
        FollowUpForm(request.POST),
        lambda data: services.followup_record(
            followup=followup, done_on=data["done_on"], notes=data["notes"], by=request.user
        ),
        _("Evaluation recorded."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def followup_reschedule_view(request, pk: int, followup_pk: int):
    """Move an evaluation to another day with a reason; the follow-up is fetched
    through the audit helper, so the change leaves its trace."""
    match = _get_match(request, pk)
    followup = get_visible_or_404(
        request, FollowUp.objects.visible_to(request.user).filter(match=match), pk=followup_pk
    )
    run_form_action(
        request,
        FollowUpRescheduleForm(request.POST),
        lambda data: followup_reschedule(
            followup=followup, due_on=data["due_on"], reason=data["reason"], by=request.user
        ),
        _("Evaluation moved. The reminders follow the new date."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def match_note(request, pk: int):
    match = _get_match(request, pk)
    run_note_action(request, match=match)
    return _back(pk)
