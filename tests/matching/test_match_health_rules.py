"""Each early-warning rule at its boundary, the status from the weights, and the
health as it was on a past day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from families.models import SupportRequest
from matching.health import HealthStatus, health_of
from matching.health.facts import DEFAULT_CADENCE, MatchFacts
from matching.health.registry import Setting, rules
from matching.health.rules import (
    contact_overdue,
    expectations_differ,
    long_wait,
    no_fit,
    no_moment_confirmed,
    not_as_agreed,
    pulse_low,
    pulse_silent,
)
from matching.models import ContactCadence, Expectation, Match, Pulse

DAY = dt.date(2026, 6, 1)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def facts(**match_fields) -> MatchFacts:
    request = SupportRequest(created_at=at(dt.date(2026, 1, 1)), waiting_since=None)
    match = Match(
        pk=1,
        request=request,
        programme_id=1,
        proposed_at=at(dt.date(2026, 2, 1)),
        introduction_on=dt.date(2026, 3, 1),
        **match_fields,
    )
    return MatchFacts(
        match=match,
        cadence=DEFAULT_CADENCE,
        settings={r.code: Setting(r.weight, r.threshold) for r in rules()},
    )


def answered(side: str, on: dt.date, score: int = 8, fits: str = "yes", as_agreed: str = "yes"):
    return Pulse(
        side=side, due_on=on, answered_at=at(on), score=score, fits=fits, as_agreed=as_agreed
    )


def test_a_pulse_of_4_is_low_and_a_5_is_not():
    f = facts()
    f.pulses = [answered("parent", dt.date(2026, 5, 20), score=4)]
    assert pulse_low(f, DAY, 4) == "the parent answered 4 of 10"
    f.pulses = [answered("parent", dt.date(2026, 5, 20), score=5)]
    assert pulse_low(f, DAY, 4) is None


def test_only_the_latest_answer_counts_and_not_one_given_after_the_day():
    f = facts()
    f.pulses = [
        answered("volunteer", dt.date(2026, 5, 1), score=2),
        answered("volunteer", dt.date(2026, 5, 20), score=7),
        answered("volunteer", dt.date(2026, 6, 2), score=1),  # after DAY: unknown then
    ]
    assert pulse_low(f, DAY, 4) is None
    assert pulse_low(f, dt.date(2026, 5, 10), 4) == "the volunteer answered 2 of 10"


def test_a_side_that_says_it_does_not_fit_is_a_reason():
    f = facts()
    f.pulses = [answered("volunteer", dt.date(2026, 5, 20), fits="not_sure")]
    assert no_fit(f, DAY, 0) is None
    f.pulses = [answered("volunteer", dt.date(2026, 5, 20), fits="no")]
    assert no_fit(f, DAY, 0) == "the volunteer says the match does not fit"


def test_support_not_as_agreed_is_a_reason_partly_is_not():
    f = facts()
    f.pulses = [answered("parent", dt.date(2026, 5, 20), as_agreed="partly")]
    assert not_as_agreed(f, DAY, 0) is None
    f.pulses = [answered("parent", dt.date(2026, 5, 20), as_agreed="no")]
    assert not_as_agreed(f, DAY, 0) == "the parent says the support did not happen as agreed"


def test_no_pulse_answered_for_6_weeks_is_a_reason_5_weeks_and_6_days_is_not():
    f = facts()
    asked = DAY - dt.timedelta(weeks=6)
    f.pulses = [Pulse(side="parent", due_on=asked)]
    assert pulse_silent(f, DAY, 6) == "the parent answered no pulse in 6 weeks"
    assert pulse_silent(f, DAY - dt.timedelta(days=1), 6) is None
    f.pulses.append(answered("parent", asked + dt.timedelta(days=2)))
    assert pulse_silent(f, DAY, 6) is None


def test_coordinator_contact_is_due_twice_in_the_first_month_then_monthly():
    f = facts()  # met on 1 March: contact every 15 days in the first 30, then every 30
    start = dt.date(2026, 3, 1)
    assert contact_overdue(f, start + dt.timedelta(days=15), 0) is None
    assert contact_overdue(f, start + dt.timedelta(days=16), 0) == (
        "coordinator contact 1 day overdue"
    )
    f.contact_days = [dt.date(2026, 3, 14), dt.date(2026, 3, 31)]
    assert contact_overdue(f, dt.date(2026, 4, 30), 0) is None
    assert contact_overdue(f, dt.date(2026, 5, 20), 0) == "coordinator contact 20 days overdue"
    assert contact_overdue(f, dt.date(2026, 5, 20), 20) is None  # within the grace days


def test_a_closer_cadence_makes_contact_overdue_sooner():
    f = facts()
    f.cadence = ContactCadence(first_period_days=30, contacts_in_first_period=3, then_every_days=14)
    assert contact_overdue(f, dt.date(2026, 3, 11), 0) is None
    assert contact_overdue(f, dt.date(2026, 3, 12), 0) == "coordinator contact 1 day overdue"


def test_a_family_that_waited_120_days_before_the_match_is_a_reason_119_is_not():
    f = facts()
    f.match.request.created_at = at(dt.date(2026, 2, 1) - dt.timedelta(days=120))
    assert long_wait(f, DAY, 120) == "waited 120 days before the match"
    f.match.request.created_at = at(dt.date(2026, 2, 1) - dt.timedelta(days=119))
    assert long_wait(f, DAY, 120) is None


def test_expectations_3_months_apart_are_a_reason_2_are_not():
    f = facts()
    f.expectations = [
        Expectation(side="volunteer", months=6, recorded_at=at(dt.date(2026, 3, 1))),
        Expectation(side="parent", months=9, recorded_at=at(dt.date(2026, 3, 1))),
    ]
    assert expectations_differ(f, DAY, 3) == "the volunteer expects 6 months, the family 9"
    f.expectations[1].months = 8
    assert expectations_differ(f, DAY, 3) is None


def test_weights_decide_the_status_and_a_weight_of_0_switches_a_rule_off():
    f = facts()
    f.contact_days = [DAY]
    assert health_of(f, DAY).status == HealthStatus.GOOD
    f.pulses = [answered("parent", DAY, fits="no")]  # weight 2
    assert health_of(f, DAY).status == HealthStatus.NEEDS_ATTENTION
    f.pulses = [answered("parent", DAY, score=3, fits="no")]  # 3 + 2
    health = health_of(f, DAY)
    assert (health.status, health.score) == (HealthStatus.AT_RISK, 5)
    assert health.reasons[0] == "the parent answered 3 of 10"  # heaviest first
    f.settings["pulse_low"] = Setting(0, 4)
    assert health_of(f, DAY).status == HealthStatus.NEEDS_ATTENTION


@pytest.mark.django_db
def test_the_reasons_are_in_dutch_for_a_dutch_coordinator():
    from django.utils import translation

    f = facts()
    f.pulses = [answered("parent", DAY, score=3)]
    f.contact_days = [DAY]
    with translation.override("nl"):
        assert health_of(f, DAY).reasons == ["de ouder gaf een 3 van 10"]


def test_no_moment_confirmed_for_22_days_is_a_reason_21_days_is_not():
    f = facts(trial_started_on=dt.date(2026, 4, 1))
    f.extra["no_moment_confirmed"] = [dt.date(2026, 4, 8), DAY - dt.timedelta(days=21)]
    assert no_moment_confirmed(f, DAY, 21) is None
    f.extra["no_moment_confirmed"] = [dt.date(2026, 4, 8), DAY - dt.timedelta(days=22)]
    assert no_moment_confirmed(f, DAY, 21) == "no moment confirmed in 3 weeks"


def test_a_match_without_any_confirmed_moment_counts_from_the_start_of_the_trial():
    f = facts(trial_started_on=DAY - dt.timedelta(days=21))
    assert no_moment_confirmed(f, DAY, 21) is None
    f = facts(trial_started_on=DAY - dt.timedelta(days=35))
    assert no_moment_confirmed(f, DAY, 21) == "no moment confirmed since the start, 5 weeks ago"


def test_moments_are_not_asked_before_the_trial_nor_counted_after_the_day():
    assert no_moment_confirmed(facts(), DAY, 21) is None  # introduced, no trial yet
    f = facts(trial_started_on=dt.date(2026, 4, 1))
    f.extra["no_moment_confirmed"] = [dt.date(2026, 4, 8), DAY + dt.timedelta(days=1)]
    assert no_moment_confirmed(f, DAY, 21) == "no moment confirmed in 7 weeks"


@pytest.mark.django_db
def test_the_rule_reads_the_confirmed_moments_from_the_database():
    from matching.health import matches_health
    from tests.factories import MatchFactory, moment_at

    match = MatchFactory(status="active", trial_started_on=DAY - dt.timedelta(days=60))
    moment_at(match, at(DAY - dt.timedelta(days=30)), status="happened")
    moment_at(match, at(DAY - dt.timedelta(days=3)), status="cancelled", cancelled_by="family")
    match = Match.objects.select_related("request", "programme").get(pk=match.pk)

    health = matches_health([match], day=DAY)[match.pk]

    assert "no moment confirmed in 4 weeks" in health.reasons
