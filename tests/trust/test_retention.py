"""Retention: records are anonymised or deleted on the day after their period, not before."""

import datetime as dt

import pytest
import time_machine

from coalition.notifications.models import Notification, NotificationStatus
from coalition.privacy.retention import retention_apply
from coalition.privacy.tasks import retention_sweep
from families.models import Family, Parent, SupportRequest
from matching.models import ContactNote, Match
from tests.factories import ParentFactory, SupportRequestFactory, VolunteerFactory
from volunteers.models import Volunteer, VolunteerStatus

pytestmark = pytest.mark.django_db

CLOSED = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _own_media_folder(media_root):
    """The sweep deletes files no row owns: never those of the developer's var/media."""


@pytest.fixture
def closed_family(buurtgezinnen):
    with time_machine.travel(CLOSED - dt.timedelta(days=90), tick=False):
        request = SupportRequestFactory(status="closed", closed_at=CLOSED)
        ParentFactory(family=request.family, first_name="Wolterina", email="w@example.org")
    return request.family


def _days_after_closing(days: int):
    return time_machine.travel(CLOSED + dt.timedelta(days=days), tick=False)


def test_a_closed_request_is_kept_until_its_period_ends(closed_family, settings):
    settings.RETENTION_CLOSED_REQUEST_DAYS = 730
    with _days_after_closing(729):
        counts = retention_apply()

    assert counts["families"] == 0
    assert Parent.objects.filter(first_name="Wolterina").exists()


def test_the_day_after_the_period_the_family_is_anonymised(closed_family, settings):
    settings.RETENTION_CLOSED_REQUEST_DAYS = 730
    with _days_after_closing(731):
        counts = retention_apply()

    assert counts["families"] == 1
    assert not Parent.objects.filter(first_name="Wolterina").exists()
    assert Family.objects.get(pk=closed_family.pk).anonymised_at is not None
    assert SupportRequest.objects.filter(family=closed_family).count() == 1


def test_running_twice_changes_nothing_the_second_time(closed_family):
    with _days_after_closing(800):
        first = retention_apply()
        second = retention_apply()

    assert first["families"] == 1
    assert second["families"] == 0


def test_a_family_with_an_open_request_is_kept(closed_family, buurtgezinnen):
    with time_machine.travel(CLOSED, tick=False):
        SupportRequestFactory(family=closed_family, with_child=False)
    with _days_after_closing(1000):
        assert retention_apply()["families"] == 0


def test_a_rejected_volunteer_is_deleted_six_months_after_rejection(buurtgezinnen, settings):
    settings.RETENTION_REJECTED_VOLUNTEER_DAYS = 183
    rejected_at = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)
    volunteer = VolunteerFactory(
        status=VolunteerStatus.REJECTED, status_changed_at=rejected_at, screened=False
    )

    with time_machine.travel(rejected_at + dt.timedelta(days=182), tick=False):
        assert retention_apply()["volunteers"] == 0
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()

    with time_machine.travel(rejected_at + dt.timedelta(days=184), tick=False):
        assert retention_apply()["volunteers"] == 1
    assert not Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_an_ended_match_loses_its_notes_after_the_period_while_the_family_is_still_helped(
    buurtgezinnen, settings
):
    settings.RETENTION_ENDED_MATCH_DAYS = 730
    ended = dt.date(2024, 3, 1)
    request = SupportRequestFactory(status="waiting")
    match = Match.objects.create(
        request=request,
        volunteer=VolunteerFactory(),
        programme=buurtgezinnen,
        status="ended",
        end_reason="no_click",
        ended_on=ended,
        end_note="Geen klik met Wolterina",
    )
    ContactNote.objects.create(match=match, kind="phone", text="Wolterina gebeld")

    with time_machine.travel(dt.datetime(2026, 2, 28, 12, tzinfo=dt.UTC), tick=False):
        assert retention_apply()["matches"] == 0
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        assert retention_apply()["matches"] == 1

    match.refresh_from_db()
    assert match.end_note == ""
    assert not ContactNote.objects.filter(match=match).exists()
    assert Family.objects.get(pk=request.family_id).anonymised_at is None


def test_sent_notifications_are_deleted_after_a_year(settings):
    settings.RETENTION_NOTIFICATION_DAYS = 365
    created = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for status in (NotificationStatus.SENT, NotificationStatus.PENDING):
        Notification.objects.create(
            key=f"k-{status}",
            kind="reminder",
            recipient_email="ouder@example.org",
            due_at=created,
            created_at=created,
            status=status,
        )

    with time_machine.travel(created + dt.timedelta(days=366), tick=False):
        counts = retention_apply()

    assert counts["notifications"] == 1
    assert list(Notification.objects.values_list("status", flat=True)) == ["pending"]


def test_the_daily_task_runs_the_sweep_and_returns_the_counts(closed_family):
    with _days_after_closing(800):
        counts = retention_sweep.apply().get()

    assert counts["families"] == 1
    assert set(counts) >= {"families", "matches", "volunteers", "notifications", "audit_events"}


def test_the_sweep_is_scheduled_every_night(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["retention-daily"]
    assert entry["task"] == "coalition.privacy.tasks.retention_sweep"
    assert entry["schedule"].hour == {3}


def test_one_record_that_fails_does_not_stop_the_others(closed_family, buurtgezinnen, monkeypatch):
    from families import privacy as families_privacy

    rejected_at = dt.datetime(2024, 1, 10, 9, 0, tzinfo=dt.UTC)
    VolunteerFactory(status=VolunteerStatus.REJECTED, status_changed_at=rejected_at, screened=False)

    def broken(*, family, by=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(families_privacy, "family_erase", broken)
    with _days_after_closing(800):
        counts = retention_apply()

    assert counts["failed"] == 1
    assert counts["volunteers"] == 1


def test_an_abandoned_request_form_in_an_expired_session_is_deleted_at_night(client, settings):
    from django.contrib.sessions.models import Session

    with time_machine.travel(dt.datetime(2026, 11, 2, 20, 0, tzinfo=dt.UTC), tick=False):
        client.get("/hulp-vragen/")
        client.post("/hulp-vragen/stap/1/", {"first_name": "Wolterina", "postcode": "5038 AB"})
        assert Session.objects.count() == 1
        retention_apply()
        assert Session.objects.count() == 1  # still valid: kept

    later = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(dt.datetime(2026, 11, 2, 20, 0, tzinfo=dt.UTC) + later, tick=False):
        counts = retention_apply()

    assert counts["sessions"] == 1
    assert not Session.objects.exists()
