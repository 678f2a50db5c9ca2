"""The parent rates their own goals (and, at the start and the end, draws their
network map) on a private link from an email: no login, in their language."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from families import services
from families.models import NETWORK_MOMENTS
from families.outcomes.access import ratings_shared_with_volunteer
from families.outcomes.forms import GoalRatingForm, NetworkMapForm, RatingsConsentForm
from families.outcomes.selectors import network_map_of, round_by_token
from families.views.status import language_chosen, private, speak_the_parents_language

# The browser's own choice (?lang=) wins; otherwise the language of the request.


def _language_chosen(request, token: str):
    return language_chosen(request, "families:goal_rating", token=token)


def _rating_page(request, round, token: str, data=None):
    """The form, empty (GET) or as posted; saves and thanks the parent when all is valid."""
    support_request = round.request
    goals = list(support_request.goals.all())
    with_network = round.moment in NETWORK_MOMENTS
    existing_map = network_map_of(support_request, round.moment) if with_network else None
    rating_form = GoalRatingForm(data, goals=goals)
    network_form = (
        NetworkMapForm(data, answers=existing_map.answers if existing_map else None)
        if with_network
        else None
    )
    consent_form = RatingsConsentForm(
        data, initial={"share_with_volunteer": ratings_shared_with_volunteer(support_request)}
    )
    forms_ok = (
        data is not None
        and rating_form.is_valid()
        and (network_form is None or network_form.is_valid())
        and consent_form.is_valid()
    )
    if forms_ok:
        services.goal_round_answer_by_parent(
            round=round,
            scores=rating_form.scores(),
            network=network_form.answers() if network_form is not None else None,
            share_with_volunteer=consent_form.cleaned_data["share_with_volunteer"],
        )
        return render(request, "families/goal_rating_done.html")
    return render(
        request,
        "families/goal_rating.html",
        {
            "support_request": support_request,
            "round": round,
            "rating_form": rating_form,
            "network_form": network_form,
            "consent_form": consent_form,
            "token": token,
        },
        status=400 if data is not None else 200,
    )


@require_safe
@private
def goal_rating(request, token: str):
    if response := _language_chosen(request, token):
        return response
    round = round_by_token(token)
    if round is None:
        return render(request, "families/status_link_gone.html", status=404)
    speak_the_parents_language(request, round.request)
    return _rating_page(request, round, token)


@csrf_exempt  # the token in the URL is the proof, see `private` in status.py
@private
@require_POST
def goal_rating_save(request, token: str):
    round = round_by_token(token)
    if round is None:
        return render(request, "families/status_link_gone.html", status=404)
    speak_the_parents_language(request, round.request)
    return _rating_page(request, round, token, data=request.POST)
