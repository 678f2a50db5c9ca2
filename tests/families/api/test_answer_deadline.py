"""Whoever receives a partner's referral (a programme, or the coalition's intake queue)
accepts or declines it within N working days, N per programme as data. From the day
after the due day it is overdue: on today's work, in the partner's list and the API,
one "referral overdue" webhook and one reminder to the receiving coordinators."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import reminders_plan
from families.models import Referral, RequestStatus, WebhookDelivery
from families.services import request_change_status, request_refer_to_programme
from tests.families.api.conftest import REFERRALS_URL, api, post_referral, referral_url
from tests.families.referral_helpers import consented_referral, endpoint_for, on

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2027, 1, 8)
DUE = dt.date(2027, 1, 15)  # five working days later
DAY_BEFORE, DAY_AFTER = DUE - dt.timedelta(days=1), DUE + dt.timedelta(days=1)


@pytest.fixture
def referral(school, buurtgezinnen):
    with on(FRIDAY):
        return consented_referral(
            school,
            programme=buurtgezinnen,
            answer_due_on=DUE,
            valid_until=dt.date(2028, 1, 1),
        )


def test_the_due_day_counts_the_receiving_programmes_working_days(
    school_client, buurtgezinnen, settings
):
    buurtgezinnen.answer_within_working_days = 3
    buurtgezinnen.save()
    settings.INTAKE_ANSWER_WORKING_DAYS = 2
    with on(FRIDAY):
        school_api = api(school_client)
        to_programme = post_referral(
            school_api,
            data={**_json(), "advised_programme": buurtgezinnen.slug},
        ).json()
        to_intake = post_referral(school_api).json()

    assert to_programme["answer_due_on"] == "2027-01-13"  # Mon, Tue, Wed
    assert to_intake["answer_due_on"] == "2027-01-12"
    assert to_programme["overdue"] is False


def _json():
    from tests.families.api.conftest import referral_json

    data = referral_json()
    data["consent"]["given_on"] = FRIDAY.isoformat()
    data["consent"]["valid_until"] = "2028-01-01"
    return data


@pytest.mark.parametrize(("day", "overdue"), [(DAY_BEFORE, False), (DUE, False), (DAY_AFTER, True)])
def test_the_api_and_the_partners_list_say_overdue_from_the_day_after_the_due_day(
    school_client, client, referral, school, day, overdue
):
    from tests.factories import UserFactory

    partner = UserFactory(role="partner", organisation=school)
    with on(day):
        detail = api(school_client).get(referral_url(referral.request.reference_code)).json()
        client.force_login(partner)
        page = client.get(reverse("families:partner_home")).content.decode()

    assert (detail["overdue"], detail["answer_due_on"]) == (overdue, "2027-01-15")
    assert ('data-testid="referral-overdue"' in page) is overdue


def test_an_answered_referral_is_not_overdue(school_client, referral):
    request_change_status(request=referral.request, to_status=RequestStatus.INTAKE_PLANNED)
    with on(DAY_AFTER):
        listed = api(school_client).get(REFERRALS_URL).json()["results"]

    assert listed[0]["overdue"] is False


@pytest.mark.parametrize(("day", "shown"), [(DUE, False), (DAY_AFTER, True)])
def test_todays_work_shows_the_overdue_referral_to_the_receiving_programme(
    client, coordinator, other_coordinator, referral, day, shown
):
    pages = {}
    for user in (coordinator, other_coordinator):
        with on(day):
            client.force_login(user)
            pages[user] = client.get("/dashboard/?fresh=1&scope=programme").content.decode()

    panel = pages[coordinator].split('data-testid="referrals-overdue"')[1].split("</section>")[0]
    assert (referral.request.reference_code in panel) is shown
    assert referral.request.reference_code not in pages[other_coordinator]


def overdue_reminders():
    return Notification.objects.filter(kind="referral_overdue")


def test_the_receiving_coordinators_are_reminded_once(
    referral, coordinator, other_coordinator, intake_coordinator
):
    with on(DUE):
        reminders_plan()
    assert not overdue_reminders().exists()

    with on(DAY_AFTER, hour=7):
        reminders_plan()
        reminders_plan()
    with on(DAY_AFTER + dt.timedelta(days=3)):
        reminders_plan()

    recipients = {n.recipient_user for n in overdue_reminders()}
    assert recipients == {coordinator, intake_coordinator}  # Buurtgezinnen's coordinators
    assert {n.context["answer_due_on"] for n in overdue_reminders()} == {"2027-01-15"}


def test_a_referral_in_the_intake_queue_reminds_the_intake_coordinators(
    school, intake_coordinator, coordinator
):
    with on(FRIDAY):
        queued = consented_referral(school, programme=None, help_me_choose=True, answer_due_on=DUE)
    with on(DAY_AFTER):
        reminders_plan()

    reminder = overdue_reminders().get()
    assert (reminder.recipient_user, reminder.target_id) == (intake_coordinator, queued.request_id)


def test_an_answer_before_the_reminder_goes_out_cancels_it(referral, coordinator):
    with on(DAY_AFTER, hour=7):
        reminders_plan()
        request_change_status(
            request=referral.request, to_status=RequestStatus.INTAKE_PLANNED, by=coordinator
        )

    assert set(overdue_reminders().values_list("status", flat=True)) == {
        NotificationStatus.CANCELLED
    }


def test_the_partners_system_hears_referral_overdue_once(school, referral):
    endpoint_for(school)
    with on(DUE):
        reminders_plan()
    assert not WebhookDelivery.objects.filter(status="overdue").exists()

    with on(DAY_AFTER):
        reminders_plan()
        reminders_plan()
    with on(DAY_AFTER + dt.timedelta(days=2)):
        reminders_plan()

    delivery = WebhookDelivery.objects.get(status="overdue")
    assert json.loads(delivery.body) == {
        "event": "referral.overdue",
        "reference_code": referral.request.reference_code,
        "status": "received",
        "overdue": True,
        "answer_due_on": "2027-01-15",
    }


def test_no_overdue_webhook_once_the_consent_ran_out(school, buurtgezinnen):
    endpoint_for(school)
    with on(FRIDAY):
        consented_referral(school, programme=buurtgezinnen, answer_due_on=DUE, valid_until=DUE)
    with on(DAY_AFTER):
        reminders_plan()

    assert list(WebhookDelivery.objects.values_list("status", flat=True)) == ["consent_expired"]


def test_a_programme_referral_not_answered_in_time_reminds_the_receiving_programme(
    coordinator, other_coordinator, home_start, client
):
    from tests.factories import SupportRequestFactory

    with on(FRIDAY):
        request = SupportRequestFactory(programme=home_start, status=RequestStatus.INTAKE_DONE)
        offer = request_refer_to_programme(
            request=request,
            to_programme=home_start.__class__.objects.get(slug="buurtgezinnen"),
            reason="Past beter.",
            family_agreed=True,
            by=other_coordinator,
        )
    assert offer.answer_due_on == DUE
    with on(DAY_AFTER):
        reminders_plan()
        reminders_plan()
        client.force_login(coordinator)
        page = client.get("/dashboard/?fresh=1&scope=programme").content.decode()

    reminder = overdue_reminders().get()
    assert (reminder.recipient_user, reminder.context["programme_referral"]) == (
        coordinator,
        offer.pk,
    )
    assert 'data-testid="programme-referral-overdue"' in page


def test_the_openapi_document_describes_overdue_and_the_due_day(client):
    schema = client.get(reverse("api:openapi")).json()
    referral = schema["components"]["schemas"]["Referral"]["properties"]

    assert referral["overdue"]["type"] == "boolean"
    assert referral["answer_due_on"]["format"] == "date"
    assert Referral._meta.get_field("answer_due_on")
