"""Which programme fits: a ranked suggestion per programme with its reasons, for the
intake coordinator; advice only, routing stays theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from matching.fit_rules import SituationFit
from matching.programme_fit import programme_suggestions
from tests.factories import (
    ReferralFactory,
    SupportRequestFactory,
    VolunteerFactory,
    programme,
    with_totp,
)

pytestmark = pytest.mark.django_db


def queued(*, age: int = 6, situation=("overloaded", "no_network"), **kwargs):
    """A request in the central intake queue with one child of `age`."""
    return SupportRequestFactory(
        programme=None,
        help_me_choose=True,
        situation=list(situation),
        with_child__birth_year=timezone.localdate().year - age,
        with_child__birth_month=timezone.localdate().month,
        **kwargs,
    )


def by_slug(suggestions) -> dict:
    return {s.programme.slug: s for s in suggestions}


def test_the_programme_meant_for_the_situation_comes_first_with_its_reasons(
    intake_coordinator,
):
    request = queued(age=6, situation=["overloaded", "no_network"])

    suggestions = programme_suggestions(request=request, user=intake_coordinator)

    first = suggestions[0]
    assert first.programme.slug == "buurtgezinnen"
    assert "the children's ages fit (0 to 17)" in first.reasons
    assert (
        "meant for: I have no family or friends nearby who can help; "
        "I am tired or it is too much for me" in first.reasons
    )


def test_a_programme_whose_ages_the_children_do_not_fit_comes_last_with_the_reason(
    intake_coordinator,
):
    request = queued(age=15)

    suggestions = programme_suggestions(request=request, user=intake_coordinator)

    found = by_slug(suggestions)
    assert not found["meeleefgezin"].fits_ages
    assert "a child of 15 is outside its ages (0 to 4)" in found["meeleefgezin"].against
    assert not found["home-start"].fits_ages
    assert [s.fits_ages for s in suggestions] == sorted(
        (s.fits_ages for s in suggestions), reverse=True
    )


def test_the_programme_a_referring_partner_advised_gets_that_reason(intake_coordinator):
    request = queued(age=6, situation=["parenting"], source="partner")
    ReferralFactory(request=request, advised_programme=programme("samen-oplopen"))

    suggestions = programme_suggestions(request=request, user=intake_coordinator)

    assert "advised by the referring partner" in by_slug(suggestions)["samen-oplopen"].reasons
    assert suggestions[0].programme.slug in {"home-start", "samen-oplopen"}


def test_free_volunteers_near_the_family_count_and_are_named(intake_coordinator, home_start):
    request = queued(age=3, situation=["parenting"])
    VolunteerFactory(programmes=[home_start])

    found = by_slug(programme_suggestions(request=request, user=intake_coordinator))

    assert found["home-start"].free_volunteers == 1
    assert "1 free volunteer near the family" in found["home-start"].reasons
    assert "no free volunteer near the family now" in found["steunouder"].against


def test_a_volunteer_too_far_away_is_not_near(intake_coordinator, home_start):
    request = queued(age=3, situation=["parenting"])
    VolunteerFactory(programmes=[home_start], pc4="1012", wijk=None)

    assert (
        by_slug(programme_suggestions(request=request, user=intake_coordinator))[
            "home-start"
        ].free_volunteers
        == 0
    )


def test_the_rules_are_data_the_office_can_change(intake_coordinator):
    request = queued(age=3, situation=["new_in_nl"])
    assert programme_suggestions(request=request, user=intake_coordinator)[0].programme.slug in {
        "home-start",
        "samen-oplopen",
    }

    SituationFit.objects.create(
        programme=programme("steunouder"), fits_situation="new_in_nl", weight=3
    )
    SituationFit.objects.filter(fits_situation="new_in_nl").exclude(
        programme__slug="steunouder"
    ).delete()

    assert programme_suggestions(request=request, user=intake_coordinator)[0].programme.slug == (
        "steunouder"
    )


def test_health_information_the_user_may_not_see_is_neither_a_reason_nor_a_weight(
    coalition_admin, intake_coordinator
):
    request = queued(age=2, situation=["parent_mental_health"])

    for_admin = by_slug(programme_suggestions(request=request, user=coalition_admin))
    for_intake = by_slug(programme_suggestions(request=request, user=intake_coordinator))

    assert not any("psychological" in r for r in for_admin["meeleefgezin"].reasons)
    assert for_admin["meeleefgezin"].score < for_intake["meeleefgezin"].score
    assert any("psychological" in r for r in for_intake["meeleefgezin"].reasons)


def test_the_intake_coordinator_routes_with_one_button_and_nothing_moves_by_itself(
    client, intake_coordinator
):
    with_totp(intake_coordinator)
    request = queued(age=6)
    client.force_login(intake_coordinator)
    url = reverse("coordinators:request_detail", args=[request.pk])

    page = client.get(url).content.decode()

    assert 'data-testid="programme-suggestions"' in page
    assert "Route to Buurtgezinnen" in page
    request.refresh_from_db()
    assert request.programme is None

    client.post(
        reverse("coordinators:request_choose_programme", args=[request.pk]),
        {"programme": programme("buurtgezinnen").pk},
    )

    request.refresh_from_db()
    assert request.programme.slug == "buurtgezinnen"


def test_the_suggestions_cost_the_same_queries_however_many_volunteers(
    intake_coordinator, home_start, buurtgezinnen
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = queued(age=3)
    VolunteerFactory(programmes=[home_start])
    programme_suggestions(request=request, user=intake_coordinator)  # warm the caches

    with CaptureQueriesContext(connection) as few:
        programme_suggestions(request=request, user=intake_coordinator)
    for _ in range(15):
        VolunteerFactory(programmes=[home_start, buurtgezinnen])
    with CaptureQueriesContext(connection) as many:
        suggestions = programme_suggestions(request=request, user=intake_coordinator)

    assert len(many.captured_queries) == len(few.captured_queries)
    assert by_slug(suggestions)["home-start"].free_volunteers == 16
