from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalition.people.access import coordinator_required
from coalition.people.models import Role
from coalition.programmes.models import Programme
from coordinators import selectors
from coordinators.dashboard_cache import dashboard_cached
from coordinators.forms import ReferralDecisionForm
from coordinators.views._actions import run_form_action
from families.models import ProgrammeReferral, ProgrammeReferralStatus
from families.services import programme_referral_decide


@coordinator_required
def dashboard(request):
    return dashboard_cached(request, lambda: _render_dashboard(request))


def _render_dashboard(request):
    overview = selectors.dashboard_overview(user=request.user)
    programmes = Programme.objects.filter(is_active=True).order_by("name")
    if request.user.role != Role.COALITION_ADMIN:
        programmes = programmes.filter(
            pk__in=Programme.objects.coordinated_by(request.user).values("pk")
        )
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


def _received_referrals(user):
    referrals = ProgrammeReferral.objects.all()
    if user.role != Role.COALITION_ADMIN:
        referrals = referrals.filter(
            to_programme__in=Programme.objects.coordinated_by(user).values("pk")
        )
    return referrals


@coordinator_required
def referrals(request):
    """Referrals between programmes: the ones to answer, and the answers to ours."""
    user = request.user
    base = ProgrammeReferral.objects.select_related(
        "request", "from_programme", "to_programme", "decided_by", "created_by"
    )
    received = base.filter(pk__in=_received_referrals(user).values("pk"))
    sent = base
    if user.role != Role.COALITION_ADMIN:
        sent = base.filter(from_programme__in=Programme.objects.coordinated_by(user).values("pk"))
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
    referral = get_object_or_404(_received_referrals(request.user), pk=pk)
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
