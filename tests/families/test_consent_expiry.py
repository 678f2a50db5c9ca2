"""A consent holds up to and including its last day. From the day after, what was shared
under it stops: the partner's status freezes at "consent expired" (portal, API,
webhooks), the request is not shared with another programme, and the pages say so,
until a coordinator records the parents' renewal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import reminders_plan
from families.models import (
    ConsentRenewal,
    RenewalChannel,
    RequestStatus,
    WebhookDelivery,
)
from families.selectors import partner_referrals
from families.services import (
    consent_renew,
    programme_referral_decide,
    request_change_status,
    request_refer_to_programme,
)
from tests.factories import programme
from tests.families.referral_helpers import consented_referral, endpoint_for, on

pytestmark = pytest.mark.django_db

MADE_ON = dt.date(2027, 1, 4)
LAST_DAY = dt.date(2027, 3, 10)  # a Wednesday
DAY_BEFORE, DAY_AFTER = LAST_DAY - dt.timedelta(days=1), LAST_DAY + dt.timedelta(days=1)


@pytest.fixture
def referral(partner_organisation, buurtgezinnen, coordinator):
    with on(MADE_ON):
        return consented_referral(
            partner_organisation, valid_until=LAST_DAY, programme=buurtgezinnen, owner=coordinator
        )


@pytest.mark.parametrize(
    ("day", "status"),
    [(DAY_BEFORE, "received"), (LAST_DAY, "received"), (DAY_AFTER, "consent_expired")],
)
def test_the_partner_sees_the_status_through_the_last_day_and_consent_expired_after(
    client, partner, referral, day, status
):
    with on(day):
        client.force_login(partner)
        page = client.get(reverse("families:partner_home")).content.decode()
        row = partner_referrals(user=partner)[0]

    assert row.status == status
    assert ("Consent expired" in page) is (status == "consent_expired")


def test_after_expiry_a_status_change_is_not_shared_until_the_renewal(
    partner_organisation, referral, coordinator
):
    endpoint_for(partner_organisation)
    with on(DAY_AFTER):
        reminders_plan()
        request_change_status(request=referral.request, to_status=RequestStatus.INTAKE_PLANNED)
        reminders_plan()
        frozen = [(d.status, d.status_on) for d in WebhookDelivery.objects.order_by("created_at")]
    with on(DAY_AFTER + dt.timedelta(days=2)):
        consent_renew(
            request=referral.request,
            valid_until=dt.date(2028, 3, 10),
            channel=RenewalChannel.PHONE,
            by=coordinator,
        )
        consent_renew(
            request=referral.request,
            valid_until=dt.date(2028, 3, 11),
            channel=RenewalChannel.PAPER,
            by=coordinator,
        )
        row = partner_referrals(user=_partner_of(partner_organisation))[0]

    assert frozen == [("consent_expired", DAY_AFTER)]
    told_again = WebhookDelivery.objects.exclude(status="consent_expired")
    assert [(d.status, d.status_on) for d in told_again] == [
        ("in_intake", DAY_AFTER + dt.timedelta(days=2))
    ]
    assert (row.status, row.consent_valid_until) == ("in_intake", dt.date(2028, 3, 11))


def _partner_of(organisation):
    from tests.factories import UserFactory

    return UserFactory(role="partner", organisation=organisation)


def test_a_renewal_before_the_last_day_tells_the_partner_nothing_new(
    partner_organisation, referral, coordinator
):
    endpoint_for(partner_organisation)
    with on(DAY_BEFORE):
        consent_renew(
            request=referral.request,
            valid_until=dt.date(2028, 1, 1),
            channel=RenewalChannel.IN_PERSON,
            by=coordinator,
        )

    assert not WebhookDelivery.objects.exclude(status="received").exists()
    renewal = ConsentRenewal.objects.get()
    assert (renewal.previous_valid_until, renewal.recorded_by, renewal.channel) == (
        LAST_DAY,
        coordinator,
        RenewalChannel.IN_PERSON,
    )


@pytest.mark.parametrize(("day", "shared"), [(LAST_DAY, True), (DAY_AFTER, False)])
def test_the_request_is_shared_with_another_programme_only_while_the_consent_holds(
    referral, coordinator, home_start, day, shared
):
    with on(day):
        attempt = _refer(referral, coordinator, home_start)

    assert attempt == ("ok" if shared else "consent_expired")


def test_a_programme_referral_made_in_time_is_not_accepted_after_expiry(
    referral, coordinator, home_start, other_coordinator
):
    with on(LAST_DAY):
        offer = request_refer_to_programme(
            request=referral.request,
            to_programme=home_start,
            reason="Past beter.",
            family_agreed=True,
            by=coordinator,
        )
    with on(DAY_AFTER), pytest.raises(ValidationError) as refused:
        programme_referral_decide(referral=offer, accept=True, by=other_coordinator)

    assert refused.value.code == "consent_expired"
    referral.request.refresh_from_db()
    assert referral.request.programme == programme("buurtgezinnen")


def _refer(referral, by, to_programme) -> str:
    try:
        request_refer_to_programme(
            request=referral.request,
            to_programme=to_programme,
            reason="Past beter.",
            family_agreed=True,
            by=by,
        )
    except ValidationError as exc:
        return exc.code
    return "ok"


def test_a_renewal_must_hold_after_today_and_say_how(referral, coordinator):
    with on(DAY_AFTER):
        for valid_until, channel in ((DAY_AFTER, RenewalChannel.PHONE), (LAST_DAY, "email")):
            with pytest.raises(ValidationError):
                consent_renew(
                    request=referral.request,
                    valid_until=valid_until,
                    channel=channel,
                    by=coordinator,
                )

    assert not ConsentRenewal.objects.exists()


def reminders_about(referral):
    return Notification.objects.filter(kind="consent_expiring", target_id=referral.request_id)


def test_the_owner_hears_once_n_days_before_the_consent_runs_out(settings, referral, coordinator):
    settings.CONSENT_REMINDER_DAYS = 14
    with on(LAST_DAY - dt.timedelta(days=15)):
        reminders_plan()
    assert not reminders_about(referral).exists()

    with on(LAST_DAY - dt.timedelta(days=14), hour=7):
        reminders_plan()
        reminders_plan()
    with on(LAST_DAY - dt.timedelta(days=3)):
        reminders_plan()

    reminder = reminders_about(referral).get()
    assert (reminder.recipient_user, reminder.context["ends_on"]) == (coordinator, "2027-03-10")
    assert reminder.due_at.date() == dt.date(2027, 2, 24)


def test_the_reminder_is_cancelled_by_a_renewal(settings, referral, coordinator):
    settings.CONSENT_REMINDER_DAYS = 14
    with on(LAST_DAY - dt.timedelta(days=14), hour=7):
        reminders_plan()
        consent_renew(
            request=referral.request,
            valid_until=dt.date(2028, 3, 10),
            channel=RenewalChannel.PHONE,
            by=coordinator,
        )
        reminders_plan()

    assert list(reminders_about(referral).values_list("status", flat=True)) == [
        NotificationStatus.CANCELLED
    ]


def test_the_reminder_is_cancelled_when_the_request_closes(settings, referral, coordinator):
    settings.CONSENT_REMINDER_DAYS = 14
    with on(LAST_DAY - dt.timedelta(days=14), hour=7):
        reminders_plan()
        request_change_status(
            request=referral.request,
            to_status=RequestStatus.WITHDRAWN,
            by=coordinator,
            reason="De ouders zien ervan af.",
        )

    assert reminders_about(referral).get().status == NotificationStatus.CANCELLED


@pytest.mark.parametrize(("day", "says_expired"), [(LAST_DAY, False), (DAY_AFTER, True)])
def test_the_coordinators_request_page_says_when_the_consent_ran_out(
    client, coordinator, referral, day, says_expired
):
    with on(day):
        client.force_login(coordinator)
        page = client.get(
            reverse("coordinators:request_detail", args=[referral.request_id])
        ).content.decode()

    assert ('data-testid="consent-expired"' in page) is says_expired
    assert reverse("coordinators:request_renew_consent", args=[referral.request_id]) in page


def test_the_coordinator_records_the_renewal_on_the_request_page(client, coordinator, referral):
    with on(DAY_AFTER):
        client.force_login(coordinator)
        client.post(
            reverse("coordinators:request_renew_consent", args=[referral.request_id]),
            {"valid_until": "2028-03-10", "channel": RenewalChannel.IN_PERSON},
        )
        page = client.get(
            reverse("coordinators:request_detail", args=[referral.request_id])
        ).content.decode()

    referral.consent.refresh_from_db()
    assert referral.consent.valid_until == dt.date(2028, 3, 10)
    assert referral.consent.shared_again_on == DAY_AFTER
    assert 'data-testid="consent-expired"' not in page
