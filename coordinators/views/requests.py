"""Working a request: the request page and its actions."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import can_see_special_category, coordinator_required
from coalition.people.audit import get_visible_or_404
from coalition.programmes.weekgrid import DAYS, PARTS, SLOTS
from coordinators import selectors
from coordinators.forms import (
    ChooseProgrammeForm,
    ConsentRenewForm,
    EndRequestForm,
    NoteForm,
    PlanIntakeForm,
    ProposeForm,
    RecordIntakeForm,
    ReferForm,
)
from coordinators.views._actions import run_action, run_form_action, run_note_action
from coordinators.views.cases import request_case_context
from coordinators.views.documents import documents_panel
from families import services
from families.duplicates.elsewhere import elsewhere_context
from families.models import RequestStatus, Situation, SupportRequest
from families.outcomes.selectors import goals_overview
from families.special_category import situation_shown_to
from matching import case, intake
from matching.models import EndReason
from matching.programme_fit import programme_suggestions
from matching.services import match_propose


def _get_request(request, pk: int) -> SupportRequest:
    """Acting on a request is for the programme that holds it: a programme it is
    only offered to reads it (and answers the referral), nothing more."""
    return get_visible_or_404(request, SupportRequest.objects.held_by(request.user), pk=pk)


def week_grid(mask: int) -> list[dict]:
    """Rows of the availability table: one per day, a tick per dagdeel."""
    return [
        {
            "label": day_label,
            "parts": [bool(mask & (1 << SLOTS.index(f"{day}_{part}"))) for part, _label in PARTS],
        }
        for day, day_label in DAYS
    ]


def _plan_form(support_request) -> PlanIntakeForm:
    planned = support_request.intake_planned_for
    initial = {"when": timezone.localtime(planned)} if planned else None
    return PlanIntakeForm(initial=initial, auto_id="plan_%s")


@require_safe
@coordinator_required
def request_detail(request, pk: int):
    user = request.user
    support_request = get_visible_or_404(request, selectors.request_for_page(user=user), pk=pk)
    sees_special = can_see_special_category(user, support_request)
    labels = dict(Situation.choices)
    situation = [labels.get(code, code) for code in situation_shown_to(user, support_request)]
    today = timezone.localdate()
    children = [
        {"child": child, "age": child.age_on(today)} for child in support_request.children.all()
    ]
    matches = selectors.matches_of_request(user=user, request=support_request)
    case = request_case_context(user, support_request)
    routes = services.can_route_from_queue(user=user, request=support_request)
    can_propose = (
        case["holds"]
        and case["offer"] is None
        and support_request.status == RequestStatus.WAITING_FOR_MATCH
        and not any(m.is_open for m in matches)
    )
    context = {
        "req": support_request,
        "family": support_request.family,
        "children": children,
        "situation": situation,
        "sees_special": sees_special,
        "availability": week_grid(support_request.availability),
        "parts": PARTS,
        "timeline": selectors.request_timeline(user=user, request=support_request),
        "matches": matches,
        "can_propose": can_propose,
        "had_match": any(not m.is_open for m in matches),
        "plan_form": _plan_form(support_request),
        "programme_form": ChooseProgrammeForm(auto_id="programme_%s") if routes else None,
        # Advice for the intake coordinator; routing stays their choice.
        "suggestions": programme_suggestions(request=support_request, user=user) if routes else [],
        "refer_form": ReferForm(auto_id="refer_%s"),
        "end_form": EndRequestForm(auto_id="end_%s"),
        "consent_form": ConsentRenewForm(auto_id="consent_%s"),
        "today": today,
        "note_form": NoteForm(auto_id="note_%s"),
        "status_link_email": next(
            (p.email for p in support_request.family.parents.all() if p.is_primary_contact),
            "",
        ),
        "propose_form": ProposeForm(
            volunteers=selectors.volunteers_to_propose(user=user, request=support_request),
            auto_id="propose_%s",
        )
        if can_propose
        else None,
        "goals": goals_overview(user, support_request),
        "nav": "requests",
        **documents_panel(user, request=support_request),
        **case,
        **elsewhere_context(user=user, family=support_request.family),
    }
    return render(request, "coordinators/request_detail.html", context)


def _back(pk: int):
    return redirect("coordinators:request_detail", pk=pk)


def _back_if_visible(user, pk: int):
    """After routing to a programme the request may have left the user's scope
    (an intake coordinator hands it over): then back to today's work."""
    if SupportRequest.objects.visible_to(user).filter(pk=pk).exists():
        return _back(pk)
    return redirect("coordinators:dashboard")


@require_POST
@coordinator_required
def request_plan_intake(request, pk: int):
    support_request = _get_request(request, pk)
    run_form_action(
        request,
        PlanIntakeForm(request.POST),
        lambda data: services.request_plan_intake(
            request=support_request, when=data["when"], by=request.user
        ),
        _("Intake planned."),
    )
    return _back(pk)


@coordinator_required
def request_record_intake(request, pk: int):
    """A page of its own: the intake has many fields."""
    user = request.user
    support_request = get_visible_or_404(
        request,
        SupportRequest.objects.held_by(user).select_related("family", "programme"),
        pk=pk,
    )
    if request.method == "POST":
        form = RecordIntakeForm(request.POST, user=user, request=support_request)
        done = run_form_action(
            request,
            form,
            lambda data: intake.request_record_intake(
                request=support_request,
                by=user,
                done_on=data["done_on"],
                situation=data["situation"],
                programme=data["programme"],
                availability=data["availability"],
                languages=data["languages"],
                needs_shared_language=data["needs_shared_language"],
                excludes_pets=data["excludes_pets"],
                excludes_smoking=data["excludes_smoking"],
                # Absent from the form for a user who may not see it: kept as stored.
                health_notes=data.get("health_notes"),
                notes=data["notes"],
                notes_confidential=data["notes_confidential"],
            ),
            _("Intake recorded."),
        )
        if done:
            return _back_if_visible(user, pk)
    else:
        form = RecordIntakeForm(
            initial=RecordIntakeForm.initial_for(support_request, user=user),
            user=user,
            request=support_request,
        )
    return render(
        request,
        "coordinators/request_intake.html",
        {"req": support_request, "form": form, "nav": "requests"},
    )


@require_POST
@coordinator_required
def request_reissue_status_link(request, pk: int):
    """Stop the parent's status link and email a new one (the audit event is written
    when the request is fetched for this change)."""
    support_request = _get_request(request, pk)
    run_action(
        request,
        lambda: services.request_reissue_status_link(request=support_request, by=request.user),
        _("A new status link is on its way to the parent. The old link no longer works."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def request_choose_programme(request, pk: int):
    support_request = _get_request(request, pk)
    run_form_action(
        request,
        ChooseProgrammeForm(request.POST),
        lambda data: services.request_choose_programme(
            request=support_request, programme=data["programme"], by=request.user
        ),
        _("Programme confirmed."),
    )
    return _back_if_visible(request.user, pk)


@require_POST
@coordinator_required
def request_mark_waiting(request, pk: int):
    support_request = _get_request(request, pk)
    run_action(
        request,
        lambda: services.request_mark_waiting(request=support_request, by=request.user),
        _("The family is now waiting for a match."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def request_refer(request, pk: int):
    support_request = _get_request(request, pk)
    run_form_action(
        request,
        ReferForm(request.POST),
        lambda data: services.request_refer_to_programme(
            request=support_request,
            to_programme=data["to_programme"],
            reason=data["reason"],
            family_agreed=data["family_agreed"],
            by=request.user,
        ),
        _("Referral sent. You will see the answer on your dashboard."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def request_renew_consent(request, pk: int):
    """The parents agreed again: until when, and how (recorded with who recorded it)."""
    support_request = _get_request(request, pk)
    run_form_action(
        request,
        ConsentRenewForm(request.POST),
        lambda data: services.consent_renew(
            request=support_request,
            valid_until=data["valid_until"],
            channel=data["channel"],
            by=request.user,
        ),
        _("Renewal recorded. What the family agreed to is shared again."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def request_end(request, pk: int):
    support_request = _get_request(request, pk)
    run_form_action(
        request,
        EndRequestForm(request.POST),
        lambda data: case.request_close(
            request=support_request,
            to_status=data["to_status"],
            reason=data["reason"],
            by=request.user,
            end_reason=EndReason.MOVED if data["family_moved"] else "",
        ),
        _("Request ended."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def request_note(request, pk: int):
    # A note about the family: also for a programme the request is offered to.
    support_request = get_visible_or_404(
        request, SupportRequest.objects.visible_to(request.user), pk=pk
    )
    run_note_action(request, family=support_request.family)
    return _back(pk)


@require_POST
@coordinator_required
def request_propose(request, pk: int):
    """A quick proposal with a chosen volunteer (the shortlist page ranks them)."""
    user = request.user
    support_request = _get_request(request, pk)
    form = ProposeForm(
        request.POST, volunteers=selectors.volunteers_to_propose(user=user, request=support_request)
    )
    created = {}

    def propose(data):
        created["match"] = match_propose(
            request=support_request, volunteer=data["volunteer"], by=user
        )

    if run_form_action(request, form, propose, _("Match proposed.")):
        return redirect("coordinators:match_detail", pk=created["match"].pk)
    return _back(pk)
