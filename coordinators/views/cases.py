"""Who is responsible for a case, and the referrals on the request page: hand a
request or match over, answer a programme referral, close a declined one."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalition.people.access import (
    can_own_case,
    case_owner_candidates,
    coordinator_required,
    may_hand_over,
)
from coalition.people.audit import get_visible_or_404
from coordinators import selectors
from coordinators.forms import AssignOwnerForm, ReferralDecisionForm
from coordinators.views._actions import run_action, run_form_action
from families.models import ProgrammeReferralStatus, SupportRequest
from families.services import programme_referral_mark_handled, request_assign_owner
from matching.models import Match
from matching.owners import match_assign_owner


def owner_form(user, *, programme_id: int | None) -> AssignOwnerForm | None:
    """The hand-over form, for those who may hand the case over."""
    if not may_hand_over(user, programme_id=programme_id):
        return None
    return AssignOwnerForm(
        candidates=case_owner_candidates(programme_id=programme_id), auto_id="owner_%s"
    )


def request_case_context(user, support_request: SupportRequest) -> dict:
    """What the request page adds about its owner and its programme referrals.

    `holds`: the user works on the request (its programme, or the intake queue);
    a programme it is only offered to reads it and answers the offer, nothing more.
    """
    holds = may_hand_over(user, programme_id=support_request.programme_id)
    referrals = selectors.request_referrals(request=support_request)
    offer = next((r for r in referrals if r.status == ProgrammeReferralStatus.PENDING), None)
    if not support_request.is_open:
        offer = None  # the sender closed it while on offer: nothing left to answer
    declined = [r for r in referrals if r.status == ProgrammeReferralStatus.DECLINED]
    return {
        "holds": holds,
        "owner_form": owner_form(user, programme_id=support_request.programme_id),
        "can_take": support_request.owner_id is None
        and can_own_case(user, programme_id=support_request.programme_id),
        "offer": offer,
        "answers_offer": offer is not None
        and may_hand_over(user, programme_id=offer.to_programme_id),
        "decision_form": ReferralDecisionForm(auto_id="decision_%s"),
        "declined_referrals": declined if holds else [],
    }


@require_POST
@coordinator_required
def request_assign(request, pk: int):
    support_request = get_visible_or_404(
        request, SupportRequest.objects.held_by(request.user), pk=pk
    )
    form = AssignOwnerForm(
        request.POST,
        candidates=case_owner_candidates(programme_id=support_request.programme_id),
    )
    run_form_action(
        request,
        form,
        lambda data: request_assign_owner(
            request=support_request, owner=data["owner"], by=request.user, note=data["note"]
        ),
        _("The responsible coordinator is set."),
    )
    return redirect("coordinators:request_detail", pk=pk)


@require_POST
@coordinator_required
def match_assign(request, pk: int):
    match = get_visible_or_404(request, Match.objects.visible_to(request.user), pk=pk)
    form = AssignOwnerForm(
        request.POST, candidates=case_owner_candidates(programme_id=match.programme_id)
    )
    run_form_action(
        request,
        form,
        lambda data: match_assign_owner(
            match=match, owner=data["owner"], by=request.user, note=data["note"]
        ),
        _("The responsible coordinator is set."),
    )
    return redirect("coordinators:match_detail", pk=pk)


@require_POST
@coordinator_required
def referral_handled(request, pk: int):
    """The sender closes the task a declined referral left: fetched through the
    audit helper, so who handled it is logged."""
    referral = get_visible_or_404(request, selectors.referrals_sent(request.user), pk=pk)
    run_action(
        request,
        lambda: programme_referral_mark_handled(referral=referral, by=request.user),
        _("The declined referral is handled."),
    )
    if request.POST.get("back") == "request":
        return redirect("coordinators:request_detail", pk=referral.request_id)
    return redirect("coordinators:dashboard")
