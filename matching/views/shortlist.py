"""Coordinator pages of the matching engine: the shortlist of one request and the
proposals for a programme's whole waiting list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from coalition.people.access import coordinator_required
from coalition.people.audit import audit_list, audit_log, get_visible_or_404
from coalition.people.models import AuditAction, Role
from coalition.programmes.models import Programme
from families.models import SupportRequest
from families.services import request_check_not_on_offer
from matching.engine import propose_batch, rank_candidates
from matching.forms import ProposalDecisionForm, ProposeForm, StartDateForm
from matching.models import MatchProposal, ProposalBatch
from matching.services import match_propose, proposal_accept, proposal_reject
from volunteers.models import Volunteer


def _programmes_of(user):
    if user.role == Role.COALITION_ADMIN:
        return Programme.objects.all()
    return Programme.objects.coordinated_by(user)


@coordinator_required
@require_http_methods(["GET", "POST"])
def shortlist(request, pk: int):
    support_request = get_visible_or_404(
        request,
        # Matching is the holder's work: a programme the request is only offered to
        # does not get the holder's volunteers ranked by name.
        SupportRequest.objects.held_by(request.user).select_related("family", "programme"),
        pk=pk,
    )
    try:
        # No ranking of volunteers for a request that is on offer to another programme.
        request_check_not_on_offer(support_request, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("coordinators:request_detail", pk=pk)
    if request.method == "POST":
        form = ProposeForm(request.POST)
        if form.is_valid():
            volunteer = get_visible_or_404(
                request,
                Volunteer.objects.visible_to(request.user),
                pk=form.cleaned_data["volunteer"],
            )
            try:
                match_propose(
                    request=support_request,
                    volunteer=volunteer,
                    by=request.user,
                    planned_start_on=form.cleaned_data["planned_start_on"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(volunteer)s is proposed for %(request)s.")
                    % {"volunteer": volunteer, "request": support_request},
                )
                # Back to the case: the new match is followed from the request page.
                return redirect("coordinators:request_detail", pk=pk)
        else:
            messages.error(request, _("Choose a volunteer from the list."))
        return redirect("matching:shortlist", pk=pk)

    dates = StartDateForm(request.GET or None)
    valid = dates.is_valid()
    start = (dates.cleaned_data["start"] if valid else None) or timezone.localdate()
    earlier = bool(valid and dates.cleaned_data["earlier"])
    ranking = rank_candidates(support_request, limit=10, on=start, include_earlier=earlier)
    return render(
        request,
        "matching/request_shortlist.html",
        {
            "support_request": support_request,
            "ranking": ranking,
            "dates": dates,
            "start": start,
            "earlier": earlier,
        },
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def proposals(request, slug: str):
    programme = get_object_or_404(_programmes_of(request.user), slug=slug)
    if request.method == "POST":
        if request.POST.get("action") == "run":
            _proposals_run(request, programme)
        else:
            _proposal_decide(request, programme)
        return redirect("matching:proposals", slug=slug)
    audit_list(request, target_type="matching.matchproposal")
    pending = (
        MatchProposal.objects.visible_to(request.user)
        .pending()
        .filter(programme=programme)
        .select_related("request", "request__family", "volunteer", "batch")
        .order_by("-score", "id")
    )
    latest = ProposalBatch.objects.filter(programme=programme).first()
    return render(
        request,
        "matching/programme_proposals.html",
        {"programme": programme, "pending": pending, "latest": latest},
    )


def _proposals_run(request, programme) -> None:
    with transaction.atomic():
        batch = propose_batch(programme, by=request.user)
        audit_log(request=request, action=AuditAction.CREATE, obj=batch)
    n = batch.proposals.count()
    messages.success(
        request,
        ngettext(
            "%(n)s proposal for %(requests)s waiting families.",
            "%(n)s proposals for %(requests)s waiting families.",
            n,
        )
        % {"n": n, "requests": batch.requests_considered},
    )


def _proposal_decide(request, programme) -> None:
    """Accept (a match is proposed) or reject one proposal of the batch; the proposal
    and the match it creates are in the audit log."""
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject for a proposal."))
        return
    proposal = get_visible_or_404(
        request,
        MatchProposal.objects.visible_to(request.user).filter(programme=programme),
        pk=form.cleaned_data["proposal"],
    )
    try:
        if form.cleaned_data["action"] == "accept":
            with transaction.atomic():
                match = proposal_accept(proposal=proposal, by=request.user)
                audit_log(request=request, action=AuditAction.CREATE, obj=match)
            messages.success(
                request,
                _("%(volunteer)s is proposed for %(request)s.")
                % {"volunteer": match.volunteer, "request": match.request},
            )
        else:
            proposal_reject(proposal=proposal, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The proposal is rejected."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
