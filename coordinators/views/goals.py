"""The parent's own goals on the coordinator's side: set them at intake, rate them in
a conversation, draw the network map, send the parent a link to rate them."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import get_visible_or_404
from coordinators.views._actions import run_action, run_form_action
from families import services
from families.models import NETWORK_MOMENTS, Rater, RatingMoment, SupportRequest
from families.outcomes.access import ratings_shared_with_volunteer
from families.outcomes.forms import (
    GoalRatingForm,
    GoalsForm,
    NetworkMapForm,
    RatingsConsentForm,
)
from families.outcomes.selectors import goals_overview, network_map_of


def _get_request(request, pk: int) -> SupportRequest:
    """Goals are for the programme that holds the request (not one it is offered to)."""
    return get_visible_or_404(
        request, SupportRequest.objects.held_by(request.user).select_related("family"), pk=pk
    )


def _back(pk: int):
    return redirect("coordinators:request_goals", pk=pk)


@require_safe
@coordinator_required
def request_goals(request, pk: int):
    support_request = _get_request(request, pk)
    overview = goals_overview(request.user, support_request)
    goals = [shown.goal for shown in overview.goals]
    maps = {moment: network_map_of(support_request, moment) for moment in NETWORK_MOMENTS}
    parent_email = next(
        (p.email for p in support_request.family.parents.all() if p.is_primary_contact), ""
    )
    return render(
        request,
        "coordinators/request_goals.html",
        {
            "req": support_request,
            "overview": overview,
            "goals_form": GoalsForm(goals=goals, auto_id="goals_%s"),
            "rating_form": GoalRatingForm(goals=goals, with_moment=True, auto_id="rate_%s")
            if goals
            else None,
            "network_forms": [
                (
                    moment,
                    RatingMoment(moment).label,
                    NetworkMapForm(
                        answers=maps[moment].answers if maps[moment] else None,
                        auto_id=f"network_{moment}_%s",
                    ),
                )
                for moment in NETWORK_MOMENTS
            ],
            "consent_form": RatingsConsentForm(
                initial={"share_with_volunteer": ratings_shared_with_volunteer(support_request)},
                auto_id="consent_%s",
            ),
            "parent_email": parent_email,
            "nav": "requests",
        },
    )


@require_POST
@coordinator_required
def request_goals_set(request, pk: int):
    support_request = _get_request(request, pk)
    goals = list(support_request.goals.all())
    run_form_action(
        request,
        GoalsForm(request.POST, goals=goals),
        lambda data: services.goals_set(
            request=support_request, goals=data["goals"], by=request.user
        ),
        _("Goals saved."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def request_goals_rate(request, pk: int):
    support_request = _get_request(request, pk)
    goals = list(support_request.goals.all())
    run_form_action(
        request,
        GoalRatingForm(request.POST, goals=goals, with_moment=True),
        lambda data: services.goal_ratings_record(
            request=support_request,
            moment=data["moment"],
            scores={goal.pk: data[f"goal_{goal.pk}"] for goal in goals},
            rater=Rater.COORDINATOR,
            by=request.user,
        ),
        _("Ratings saved."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def request_network_map(request, pk: int):
    support_request = _get_request(request, pk)
    moment = request.POST.get("moment", "")
    if moment not in NETWORK_MOMENTS:
        return _back(pk)
    form = NetworkMapForm(request.POST)
    run_form_action(
        request,
        form,
        lambda data: services.network_map_record(
            request=support_request,
            moment=moment,
            answers=form.answers(),
            rater=Rater.COORDINATOR,
            by=request.user,
        ),
        _("Network map saved."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def request_goals_invite(request, pk: int):
    """Email the parent a private link to give their starting ratings themselves."""
    support_request = _get_request(request, pk)

    run_action(
        request,
        lambda: services.goal_rating_invite_for_intake(request=support_request),
        _("The parent gets an email with a link to rate their goals."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def request_goals_consent(request, pk: int):
    """The parent told the coordinator whether the volunteer may see their ratings."""
    support_request = _get_request(request, pk)
    run_form_action(
        request,
        RatingsConsentForm(request.POST),
        lambda data: services.ratings_consent_set(
            request=support_request,
            agreed=data["share_with_volunteer"],
            by=request.user,
            given_by="parent, told to the coordinator",
        ),
        _("Saved what the parent agreed to."),
    )
    return _back(pk)
