"""Support moments: planned once or weekly (kinds per programme as data), confirmed
with one tap, corrected by the coordinator, nudged once, and gone with the match."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.services import notifications_sweep
from matching.case import match_end
from matching.models import ProgrammeMomentKind
from matching.moments.models import Moment
from matching.moments.selectors import happened_days_by_match, planned_moment_kinds
from matching.moments.services import moment_confirm, moment_correct, moments_plan
from matching.services import match_reopen
from tests.factories import VolunteerFactory, moment_at, programme
from tests.matching.moment_helpers import AMSTERDAM, NOW, active_match, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(volunteer_user):
    return active_match(volunteer_user.volunteer)


def plan(match, start, *, hours=4, kind="dagdeel", weeks=1, by=None):
    return moments_plan(
        match=match,
        kind=kind,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        weeks=weeks,
        by=by,
    )


def test_hosting_programmes_plan_dagdelen_and_overnights_and_visiting_ones_visits(db):
    kinds = {
        slug: [spec.kind for spec in planned_moment_kinds(programme(slug))]
        for slug in ("buurtgezinnen", "steunouder", "meeleefgezin", "home-start", "samen-oplopen")
    }

    assert kinds == {
        "buurtgezinnen": ["dagdeel", "overnight"],
        "steunouder": ["dagdeel", "overnight"],
        "meeleefgezin": ["dagdeel", "overnight"],
        "home-start": ["visit"],
        "samen-oplopen": ["visit"],
    }


def test_the_kinds_of_a_programme_are_data_an_administrator_can_change(buurtgezinnen):
    ProgrammeMomentKind.objects.filter(programme=buurtgezinnen).delete()
    ProgrammeMomentKind.objects.create(programme=buurtgezinnen, kind="visit")

    assert [k.kind for k in planned_moment_kinds(buurtgezinnen)] == ["visit"]


@time_machine.travel(NOW, tick=False)
def test_a_moment_of_a_kind_the_programme_does_not_have_is_refused(match):
    with pytest.raises(ValidationError) as error:
        plan(match, at(5, 13), kind="visit")

    assert error.value.code == "kind"
    assert not Moment.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_one_off_moment_is_planned_with_its_nudge_the_morning_after(match, volunteer_user):
    [moment] = plan(match, at(5, 13), by=volunteer_user)

    assert (moment.status, moment.planned_by) == ("planned", volunteer_user)
    nudge = Notification.objects.get(kind="moment_unconfirmed")
    assert nudge.recipient_user == volunteer_user
    assert nudge.due_at == at(6, 10)
    assert nudge.context["moment_on"] == "2026-12-05"


@time_machine.travel(dt.datetime(2027, 3, 18, 9, tzinfo=AMSTERDAM), tick=False)
def test_a_weekly_repeat_keeps_the_wall_clock_time_across_the_change_to_summer_time(match):
    moments = plan(
        match, dt.datetime(2027, 3, 20, 17, tzinfo=AMSTERDAM), hours=17, weeks=3, kind="overnight"
    )

    local = [m.starts_at.astimezone(AMSTERDAM) for m in moments]
    assert [(d.day, d.hour) for d in local] == [(20, 17), (27, 17), (3, 17)]
    assert [d.month for d in local] == [3, 3, 4]
    assert {m.ends_at - m.starts_at for m in moments} == {dt.timedelta(hours=17)}
    assert Notification.objects.filter(kind="moment_unconfirmed").count() == 3


@time_machine.travel(NOW, tick=False)
def test_a_repeat_of_more_than_26_weeks_or_a_match_not_started_is_refused(match, buurtgezinnen):
    with pytest.raises(ValidationError):
        plan(match, at(5, 13), weeks=27)
    proposed = active_match(VolunteerFactory(programmes=[buurtgezinnen]))
    proposed.status = "proposed"
    proposed.save()
    with pytest.raises(ValidationError) as error:
        plan(proposed, at(5, 13))

    assert error.value.code == "not_started"
    assert not Moment.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_volunteer_confirms_a_past_moment_once_and_its_nudge_lapses(match, volunteer_user):
    [moment] = plan(match, at(1, 13))

    moment_confirm(moment=moment, outcome="happened", by=volunteer_user)

    moment.refresh_from_db()
    assert (moment.status, moment.confirmed_by) == ("happened", volunteer_user)
    assert (
        Notification.objects.get(kind="moment_unconfirmed").status == NotificationStatus.CANCELLED
    )
    with pytest.raises(ValidationError) as error:
        moment_confirm(moment=moment, outcome="cancelled", cancelled_by="family")
    assert error.value.code == "confirmed"


@time_machine.travel(NOW, tick=False)
def test_a_future_moment_can_be_cancelled_but_not_have_happened(match, volunteer_user):
    [moment] = plan(match, at(10, 13))

    with pytest.raises(ValidationError):
        moment_confirm(moment=moment, outcome="happened", by=volunteer_user)
    with pytest.raises(ValidationError):
        moment_confirm(moment=moment, outcome="cancelled", cancelled_by="", by=volunteer_user)
    moment_confirm(moment=moment, outcome="cancelled", cancelled_by="family", by=volunteer_user)

    moment.refresh_from_db()
    assert (moment.status, moment.cancelled_by) == ("cancelled", "family")


@time_machine.travel(NOW, tick=False)
def test_the_coordinator_corrects_what_the_volunteer_confirmed(match, volunteer_user, coordinator):
    [moment] = plan(match, at(1, 13))
    moment_confirm(moment=moment, outcome="happened", by=volunteer_user)

    moment_correct(moment=moment, outcome="cancelled", cancelled_by="volunteer", by=coordinator)

    moment.refresh_from_db()
    assert (moment.status, moment.cancelled_by, moment.confirmed_by) == (
        "cancelled",
        "volunteer",
        coordinator,
    )


def test_the_nudge_goes_exactly_once_and_not_when_confirmed_meanwhile(match, volunteer_user):
    with time_machine.travel(NOW, tick=False):
        first, second = plan(match, at(1, 13), weeks=2)  # 1 and 8 December
    with time_machine.travel(
        at(
            2,
            10,
        ),
        tick=False,
    ):
        notifications_sweep(hand_off=lambda ids: None)
        notifications_sweep(hand_off=lambda ids: None)
    claimed = Notification.objects.filter(claimed_at__isnull=False)
    assert [n.target_id for n in claimed] == [first.pk]
    with time_machine.travel(at(8, 18), tick=False):
        moment_confirm(moment=second, outcome="happened", by=volunteer_user)
    later = Notification.objects.get(target_id=second.pk, kind="moment_unconfirmed")
    assert later.status == NotificationStatus.CANCELLED


@time_machine.travel(NOW, tick=False)
def test_ending_the_match_cancels_its_moments_ahead_and_every_nudge(match, coordinator):
    [past] = plan(match, at(1, 13))
    ahead = plan(match, at(10, 13), weeks=3)

    match_end(match=match, reason="no_click", by=coordinator)

    statuses = {m.pk: (m.status, m.cancelled_by) for m in Moment.objects.all()}
    assert statuses[past.pk] == ("planned", "")  # still to be said what became of it
    assert {statuses[m.pk] for m in ahead} == {("cancelled", "match_ended")}
    nudges = Notification.objects.filter(kind="moment_unconfirmed")
    assert set(nudges.values_list("status", flat=True)) == {NotificationStatus.CANCELLED}


@time_machine.travel(NOW, tick=False)
def test_a_reopened_match_gets_its_moments_ahead_back(match, coordinator):
    ahead = plan(match, at(10, 13), weeks=2)
    match_end(match=match, reason="no_click", by=coordinator)

    match_reopen(match=match, by=coordinator, reason="Toch verder")

    assert set(Moment.objects.values_list("status", flat=True)) == {"planned"}
    pending = Notification.objects.filter(
        kind="moment_unconfirmed", status=NotificationStatus.PENDING
    )
    assert sorted(pending.values_list("target_id", flat=True)) == sorted(m.pk for m in ahead)


def test_the_confirmed_days_of_many_matches_come_in_one_query(
    match, buurtgezinnen, django_assert_num_queries
):
    other = active_match(VolunteerFactory(programmes=[buurtgezinnen]))
    moment_at(match, at(1, 23), status="happened")  # 23:00 in Amsterdam is 22:00 UTC
    moment_at(match, at(20, 13, month=11), status="happened")
    moment_at(match, at(2, 13))  # planned, not confirmed
    moment_at(other, at(2, 13), status="cancelled", cancelled_by="family")

    with django_assert_num_queries(1):
        days = happened_days_by_match([match.pk, other.pk])

    last = {pk: confirmed[-1] if confirmed else None for pk, confirmed in days.items()}
    assert last == {match.pk: dt.date(2026, 12, 1), other.pk: None}


@time_machine.travel(NOW, tick=False)
def test_the_nudge_links_to_the_one_tap_page_in_the_volunteers_language(match, volunteer_user):
    from coalition.notifications.rendering import notification_message

    volunteer_user.preferred_language = "pl"
    volunteer_user.save()
    [moment] = plan(match, at(1, 13))
    nudge = Notification.objects.get(kind="moment_unconfirmed")

    message = notification_message(nudge)

    assert f"/vrijwilliger/momenten/{moment.pk}/" in message.body
    assert "Czy twoja chwila" in message.subject
    assert "Quirijnsen" not in message.body
