from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import audit_list, get_visible_or_404
from coordinators import selectors
from coordinators.dashboard_cache import dashboard_cached
from coordinators.forms import ReferralDecisionForm
from coordinators.views._actions import run_form_action
from families.models import ProgrammeReferral, ProgrammeReferralStatus
from families.services import programme_referral_decide


@require_safe
@coordinator_required
def dashboard(request):
    # Logged on every request, a reload served from the per-session copy too.
    audit_list(request, target_type="families.supportrequest")
    return dashboard_cached(request, lambda: _render_dashboard(request))


def shows_only_mine(request) -> bool:
    """Today's work opens on "mine" for coordinators (their own cases and those nobody
    holds yet); `?scope=programme` shows all of their programmes'. The coalition
    administrator holds no cases: she sees everything."""
    scope = request.GET.get("scope")
    if scope in ("mine", "programme"):
        return scope == "mine"
    return request.user.is_coordinator


def _render_dashboard(request):
    overview = selectors.dashboard_overview(user=request.user, mine=shows_only_mine(request))
    programmes = selectors.visible_programmes(request.user).order_by("name")
    return render(
        request,
        "coordinators/dashboard.html",
        {
            "o": overview,
            "nav": "today",
            "programmes": programmes.only("slug", "name"),
            "rendered_at": timezone.localtime(),
        },
    )


@require_safe
@coordinator_required
def referrals(request):
    """Referrals between programmes: the ones to answer, and the answers to ours."""
    user = request.user
    audit_list(request, target_type="families.programmereferral")
    base = ProgrammeReferral.objects.select_related(
        "request", "from_programme", "to_programme", "decided_by", "created_by"
    )
    received = selectors.referrals_received(user, base)
    sent = selectors.referrals_sent(user, base)
    return render(
        request,
        "coordinators/referral_list.html",
        {
            "pending": list(
                received.filter(status=ProgrammeReferralStatus.PENDING).order_by("created_at")
            ),
            "received": list(
                received.exclude(status=ProgrammeReferralStatus.PENDING).order_by("-decided_at")[
                    :50
                ]
            ),
            "sent": list(sent.order_by("-created_at")[:50]),
            "decision_form": ReferralDecisionForm(),
            "nav": "requests",
        },
    )


@require_POST
@coordinator_required
def referral_decide(request, pk: int):
    referral = get_visible_or_404(request, selectors.referrals_received(request.user), pk=pk)
    form = ReferralDecisionForm(request.POST)
    accepted = request.POST.get("decision") == "accept"
    run_form_action(
        request,
        form,
        lambda data: programme_referral_decide(
            referral=referral,
            accept=data["decision"] == "accept",
            by=request.user,
            note=data["note"],
        ),
        _("Referral accepted: the request is now yours.")
        if accepted
        else _("Referral declined; the sender sees your answer."),
    )
    if accepted and referral.status == ProgrammeReferralStatus.ACCEPTED:
        return redirect("coordinators:request_detail", pk=referral.request_id)
    return redirect("coordinators:referrals")
