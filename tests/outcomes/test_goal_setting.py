"""A coordinator sets one to three goals in the parent's words, each with a life domain."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from families.models import Goal
from families.services import goals_set
from tests.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


def url(request, action=""):
    return f"/dashboard/verzoeken/{request.pk}/doelen/{action}"


def test_one_to_three_goals_are_saved_in_the_parents_words(coordinator):
    request = SupportRequestFactory()

    goals_set(
        request=request,
        goals=[
            ("Elke ochtend rustig ontbijten", "daily_care"),
            ("Een avond voor mezelf", "own_time"),
        ],
        by=coordinator,
    )

    assert [(g.position, g.text, g.domain) for g in request.goals.all()] == [
        (1, "Elke ochtend rustig ontbijten", "daily_care"),
        (2, "Een avond voor mezelf", "own_time"),
    ]


def test_a_fourth_goal_is_refused_with_a_clear_message():
    request = SupportRequestFactory()
    four = [(f"Doel {n}", "parenting") for n in range(4)]

    with pytest.raises(ValidationError) as refused:
        goals_set(request=request, goals=four)

    assert refused.value.code == "too_many_goals"
    assert "at most three goals" in refused.value.messages[0]
    assert not Goal.objects.exists()


def test_no_goal_at_all_is_refused():
    with pytest.raises(ValidationError) as refused:
        goals_set(request=SupportRequestFactory(), goals=[("   ", "parenting")])

    assert refused.value.code == "no_goals"


def test_the_database_itself_refuses_a_fourth_position():
    request = SupportRequestFactory()
    with pytest.raises(ValidationError):
        Goal(request=request, position=4, text="Te veel", domain="parenting").full_clean()


def test_correcting_the_text_keeps_the_ratings_and_a_dropped_goal_goes(coordinator):
    request = SupportRequestFactory()
    first, second = goals_set(
        request=request, goals=[("Rust", "daily_care"), ("Vrienden", "social_network")]
    )
    first.ratings.create(score=3, moment="intake", rater="coordinator")

    goals_set(request=request, goals=[("Meer rust in huis", "daily_care")])

    kept = request.goals.get()
    assert kept.pk == first.pk and kept.text == "Meer rust in huis"
    assert kept.ratings.count() == 1
    assert not Goal.objects.filter(pk=second.pk).exists()


def test_the_coordinator_page_says_why_a_fourth_goal_cannot_be_saved(client, coordinator):
    request = SupportRequestFactory()
    client.force_login(coordinator)

    response = client.post(
        url(request, "opslaan/"),
        {"text_1": "Rust", "domain_1": "daily_care", "text_2": "Geen domein"},
        follow=True,
    )

    assert "Choose a life domain for this goal." in response.content.decode()
    assert not Goal.objects.exists()


def test_the_coordinator_sets_goals_and_rates_them_in_a_conversation(client, coordinator):
    request = SupportRequestFactory()
    client.force_login(coordinator)
    client.post(url(request, "opslaan/"), {"text_1": "Rust in huis", "domain_1": "daily_care"})
    goal = request.goals.get()

    client.post(url(request, "scores/"), {"moment": "intake", f"goal_{goal.pk}": "3"})

    rating = goal.ratings.get()
    assert (rating.score, rating.moment, rating.rater, rating.recorded_by) == (
        3,
        "intake",
        "coordinator",
        coordinator,
    )
    page = client.get(f"/dashboard/verzoeken/{request.pk}/").content.decode()
    assert "Rust in huis" in page
