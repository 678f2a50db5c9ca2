"""The pulse: asked of both sides on the programme's cadence, answered once by a
private link in the answerer's language, cancelled when the match ends."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from matching.case import match_end
from matching.models import EndReason, Expectation, PulseStep, Side
from matching.pulses import pulse_dates, pulse_text_message
from tests.factories import ParentFactory
from tests.reminders.conftest import amsterdam
from tests.reminders.test_calendar_and_digest import active_match

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)


def pulse_path(message) -> str:
    url = re.search(r"https?://\S+/puls/\S+/", message.body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def parent_of(match, language="nl"):
    match.request.language = language
    match.request.save(update_fields=["language"])
    return ParentFactory(family=match.request.family, is_primary_contact=True)


def test_the_cadence_asks_after_the_first_meeting_at_the_end_of_the_trial_then_monthly(
    coordinator,
):
    match = active_match(coordinator, start=START)
    match.introduction_on = date(2026, 2, 1)
    match.trial_ends_on = date(2026, 3, 1)
    steps = list(PulseStep.objects.filter(programme=match.programme))

    days = pulse_dates(match, steps)

    assert days[:4] == [date(2026, 2, 4), date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]
    assert len(days) == 2 + match.programme.typical_duration_months


def test_two_moments_closer_than_a_week_are_asked_once(coordinator):
    match = active_match(coordinator, start=START)
    match.introduction_on = date(2026, 2, 22)
    match.trial_ends_on = date(2026, 3, 1)  # intro + 3 = 25 Feb: 4 days before: once
    steps = list(PulseStep.objects.filter(programme=match.programme))
    assert pulse_dates(match, steps)[:2] == [date(2026, 2, 25), date(2026, 4, 1)]

    match.introduction_on = date(2026, 2, 19)  # 22 Feb: exactly 7 days before: both
    assert pulse_dates(match, steps)[:2] == [date(2026, 2, 22), date(2026, 3, 1)]


def test_both_sides_get_their_pulse_by_email_and_the_parent_in_their_language(
    coordinator, sweep, outbox
):
    match = active_match(coordinator, start=START)
    parent = parent_of(match, "ar")
    from matching.reminders import match_reminders_schedule

    with time_machine.travel(amsterdam(2026, 3, 2, 12), tick=False):
        match_reminders_schedule(match=match)
    with time_machine.travel(amsterdam(2026, 3, 5, 10, 1), tick=False):
        sweep()  # three days after the introduction meeting

    to_parent = [m for m in outbox if m.to == [parent.email]]
    to_volunteer = [m for m in outbox if m.to == [match.volunteer.email]]
    assert len(to_parent) == 1
    assert len(to_volunteer) == 1
    assert "كيف" in to_parent[0].subject  # "How is it going?" in Arabic
    assert "/puls/" in to_volunteer[0].body
    sent = Notification.objects.get(kind="pulse_parent", status=NotificationStatus.SENT)
    assert "pulse_url" not in sent.context  # the link is not kept at rest


def test_the_parent_answers_once_in_arabic_and_the_answer_lands_on_the_match(
    client, coordinator, sweep, outbox
):
    match = active_match(coordinator, start=START)
    parent = parent_of(match, "ar")
    from matching.reminders import match_reminders_schedule

    with time_machine.travel(amsterdam(2026, 3, 2, 12), tick=False):
        match_reminders_schedule(match=match)
    with time_machine.travel(amsterdam(2026, 4, 1, 10, 1), tick=False):
        sweep()
        path = pulse_path(next(m for m in outbox if m.to == [parent.email]))
        page = client.get(path)
        assert page.status_code == 200
        assert 'dir="rtl"' in page.content.decode()
        answer = {"score": "3", "fits": "no", "message": "صعب", "wants_call": "on"}
        answer["as_agreed" if "as_agreed" in page.content.decode() else "expected_months"] = (
            "no" if "as_agreed" in page.content.decode() else "12"
        )
        assert client.post(path, answer).status_code == 302
        again = client.post(path, {**answer, "score": "9"})

    pulse = match.pulses.get(side=Side.PARENT, answered_at__isnull=False)
    assert (pulse.score, pulse.fits, pulse.wants_call, pulse.message) == (3, "no", True, "صعب")
    assert again.status_code == 200  # the thank-you page: the second answer is ignored
    assert match.pulses.filter(answered_at__isnull=False).count() == 1


def test_a_text_for_sms_gives_a_new_link_and_the_emailed_one_stops(client, coordinator):
    match = active_match(coordinator, start=START)
    parent_of(match, "tr")
    pulse = match.pulses.filter(side=Side.PARENT).first()

    first = pulse_text_message(pulse=pulse)
    second = pulse_text_message(pulse=pulse)

    assert "Merhaba" in second
    old = re.search(r"/puls/\S+/", first).group(0)
    new = re.search(r"/puls/\S+/", second).group(0)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


@pytest.mark.parametrize("language", ["nl", "en", "ar", "tr", "pl", "uk"])
def test_the_parents_pulse_page_speaks_each_of_the_six_languages(client, coordinator, language):
    match = active_match(coordinator, start=START)
    parent_of(match, language)
    pulse = match.pulses.filter(side=Side.PARENT).first()
    path = re.search(r"/puls/\S+/", pulse_text_message(pulse=pulse)).group(0)

    page = client.get(path).content.decode()

    assert f'lang="{language}"' in page
    if language != "en":
        assert "How is it going?" not in page


def test_the_first_pulse_asks_how_long_and_records_the_expectation(client, coordinator):
    match = active_match(coordinator, start=START)
    parent_of(match)
    first = match.pulses.filter(side=Side.VOLUNTEER).order_by("due_on").first()
    path = re.search(r"/puls/\S+/", pulse_text_message(pulse=first)).group(0)

    client.post(path, {"score": "8", "fits": "yes", "expected_months": "6"})

    assert Expectation.objects.get(match=match, side=Side.VOLUNTEER).months == 6


def test_ending_the_match_cancels_its_pulses_and_asks_both_sides_an_exit_pulse(coordinator):
    match = active_match(coordinator, start=START)
    parent_of(match)
    from matching.reminders import match_reminders_schedule

    match_reminders_schedule(match=match)
    pulse_type = ContentType.objects.get(app_label="matching", model="pulse")
    assert Notification.objects.filter(target_type=pulse_type, status="pending").exists()

    match_end(match=match, reason=EndReason.NO_CLICK, by=coordinator, ended_by="family")

    regular = match.pulses.filter(occasion="regular")
    assert not regular.filter(answered_at__isnull=True, cancelled_on__isnull=True).exists()
    exits = Notification.objects.filter(
        target_type=pulse_type, status="pending", target_id__in=match.pulses.filter(occasion="exit")
    )
    assert sorted(exits.values_list("kind", flat=True)) == ["pulse_parent", "pulse_volunteer"]
    assert not Notification.objects.filter(
        target_type=pulse_type, status="pending", target_id__in=regular.values("pk")
    ).exists()
    match.refresh_from_db()
    assert (match.ended_by, match.ending_kind) == ("family", "premature")


def test_the_volunteer_answers_the_pulse_from_their_own_page(client, coordinator, volunteer_user):
    match = active_match(coordinator, start=START)
    type(match).objects.filter(pk=match.pk).update(volunteer=volunteer_user.volunteer)
    pulse = match.pulses.filter(side=Side.VOLUNTEER).order_by("due_on").first()
    assert pulse.due_on <= timezone.localdate()
    client.force_login(volunteer_user)

    home = client.get("/vrijwilliger/").content.decode()
    assert 'data-testid="volunteer-pulse"' in home
    answer = {"score": "9", "fits": "yes", "as_agreed": "yes", "expected_months": "12"}
    client.post(f"/vrijwilliger/puls/{pulse.pk}/", answer)

    pulse.refresh_from_db()
    assert pulse.score == 9
