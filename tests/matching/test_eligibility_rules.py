"""Each hard rule at its boundary, through `rank_candidates` on the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from matching.engine import rank_candidates
from tests.factories import MatchFactory
from tests.matching.engine_helpers import engine_distance, volunteer_for, waiting_request
from volunteers.models import HouseholdMember, ScreeningStep, VolunteerStatus

pytestmark = pytest.mark.django_db

START = timezone.localdate() + dt.timedelta(days=14)


def ranked_ids(request, on=START):
    return [c.volunteer.pk for c in rank_candidates(request, on=on).candidates]


def expire_vog(volunteer, on: dt.date) -> None:
    ScreeningStep.objects.filter(volunteer=volunteer, kind="vog").update(expires_on=on)


def test_a_vog_expiring_the_day_before_the_start_excludes_the_volunteer(buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen)
    expire_vog(volunteer, START - dt.timedelta(days=1))

    ranking = rank_candidates(request, on=START)
    assert volunteer.pk not in [c.volunteer.pk for c in ranking.candidates]
    assert ranking.excluded == {"screening_vog": 1}
    assert ranking.excluded_summary == ["1 VOG not valid on the start date"]


@pytest.mark.parametrize("days_after_start", [0, 1])
def test_a_vog_valid_on_or_after_the_start_keeps_the_volunteer(buurtgezinnen, days_after_start):
    request = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen)
    expire_vog(volunteer, START + dt.timedelta(days=days_after_start))

    assert ranked_ids(request) == [volunteer.pk]


def test_another_adult_at_home_without_a_valid_vog_excludes_a_hosting_volunteer(buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen)
    partner = HouseholdMember.objects.create(
        volunteer=volunteer, first_name="Partner", birth_year=START.year - 40
    )
    ScreeningStep.objects.create(
        volunteer=volunteer,
        household_member=partner,
        kind="household_vog",
        done_on=START - dt.timedelta(days=400),
        expires_on=START - dt.timedelta(days=1),
    )
    assert rank_candidates(request, on=START).excluded == {"screening_household_vog": 1}

    ScreeningStep.objects.filter(household_member=partner).update(expires_on=START)
    assert ranked_ids(request) == [volunteer.pk]


def test_a_missing_training_excludes_a_volunteer_where_the_programme_requires_it(home_start):
    request = waiting_request(home_start)
    volunteer = volunteer_for(home_start)
    ScreeningStep.objects.filter(volunteer=volunteer, kind="training").delete()

    assert rank_candidates(request, on=START).excluded == {"screening_training": 1}


@pytest.mark.parametrize(("age", "eligible"), [(4, True), (5, False)])
def test_meeleefgezin_takes_children_up_to_four(meeleefgezin, age, eligible):
    request = waiting_request(meeleefgezin, age=age, on=START)
    volunteer = volunteer_for(meeleefgezin)

    ranking = rank_candidates(request, on=START)
    assert ([c.volunteer.pk for c in ranking.candidates] == [volunteer.pk]) is eligible
    if not eligible:
        assert ranking.excluded == {"age_programme": 1}


def test_the_volunteers_own_age_preference_counts_too(buurtgezinnen):
    request = waiting_request(buurtgezinnen, age=9, on=START)
    volunteer_for(buurtgezinnen, child_age_min=0, child_age_max=8)
    fits = volunteer_for(buurtgezinnen, child_age_min=9, child_age_max=12)

    ranking = rank_candidates(request, on=START)
    assert [c.volunteer.pk for c in ranking.candidates] == [fits.pk]
    assert ranking.excluded == {"age_preference": 1}


def test_a_volunteer_exactly_at_their_travel_radius_is_eligible(home_start):
    request = waiting_request(home_start)
    distance = engine_distance("5038", "5043")
    at_radius = volunteer_for(home_start, pc4="5043", travel_radius_km=Decimal(str(distance)))
    volunteer_for(home_start, pc4="5043", travel_radius_km=Decimal(str(distance)) - Decimal("0.1"))

    ranking = rank_candidates(request, on=START)
    assert [c.volunteer.pk for c in ranking.candidates] == [at_radius.pk]
    assert ranking.candidates[0].distance_km == distance
    assert ranking.excluded == {"distance": 1}


def test_the_programmes_maximum_distance_caps_a_wide_travel_radius(home_start):
    request = waiting_request(home_start)
    distance = engine_distance("5038", "5043")
    volunteer_for(home_start, pc4="5043", travel_radius_km=30)
    home_start.max_distance_km = Decimal(str(distance)) - Decimal("0.1")
    home_start.save()
    assert rank_candidates(request, on=START).excluded == {"distance": 1}

    home_start.max_distance_km = Decimal(str(distance))
    home_start.save()
    assert len(rank_candidates(request, on=START).candidates) == 1


def test_too_few_shared_dagdelen_exclude_a_volunteer(buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    request.availability = 0b111
    request.save()
    volunteer_for(buurtgezinnen, availability=0b011)
    buurtgezinnen.min_dagdelen = 3
    buurtgezinnen.save()
    assert rank_candidates(request, on=START).excluded_summary == [
        "1 without enough dagdelen in common"
    ]

    buurtgezinnen.min_dagdelen = 2
    buurtgezinnen.save()
    assert len(rank_candidates(request, on=START).candidates) == 1


def test_a_family_that_needs_a_shared_language_gets_only_volunteers_who_speak_it(buurtgezinnen):
    request = waiting_request(buurtgezinnen, languages=["ar"], needs_shared_language=True)
    volunteer_for(buurtgezinnen, languages=["nl"])
    speaks = volunteer_for(buurtgezinnen, languages=["nl", "ar"])

    ranking = rank_candidates(request, on=START)
    assert [c.volunteer.pk for c in ranking.candidates] == [speaks.pk]
    assert ranking.excluded == {"language": 1}


def test_household_facts_the_family_excludes_rule_volunteers_out(buurtgezinnen):
    request = waiting_request(buurtgezinnen, excludes_pets=True, excludes_smoking=True)
    volunteer_for(buurtgezinnen, has_pets=True)
    volunteer_for(buurtgezinnen, smokes=True)
    fine = volunteer_for(buurtgezinnen)

    ranking = rank_candidates(request, on=START)
    assert [c.volunteer.pk for c in ranking.candidates] == [fine.pk]
    assert ranking.excluded == {"pets": 1, "smoking": 1}


def test_a_volunteer_without_a_free_place_is_excluded(buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    busy = volunteer_for(buurtgezinnen, capacity=1)
    MatchFactory(volunteer=busy)

    assert rank_candidates(request, on=START).excluded == {"capacity": 1}


def test_paused_volunteers_and_those_of_other_programmes_are_not_candidates(
    buurtgezinnen, home_start
):
    request = waiting_request(buurtgezinnen)
    volunteer_for(buurtgezinnen, status=VolunteerStatus.PAUSED)
    volunteer_for(home_start)

    ranking = rank_candidates(request, on=START)
    assert ranking.candidates == []
    assert ranking.pool_size == 0
