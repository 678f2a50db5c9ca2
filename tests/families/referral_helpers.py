"""Partner referrals with a consent that runs out, and a way to stand on a given day."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import time_machine

from families.models import WebhookEndpoint
from tests.factories import ConsentFactory, ParentFactory, ReferralFactory, SupportRequestFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@contextmanager
def on(day: dt.date, hour: int = 12):
    """Stand on `day` at `hour` in Tilburg (the clock does not move)."""
    with time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=AMSTERDAM), tick=False):
        yield


def consented_referral(organisation, *, valid_until=None, answer_due_on=None, **request):
    """A partner's referral whose consent holds until `valid_until` (the last day)."""
    support_request = SupportRequestFactory(source="partner", **request)
    ParentFactory(family=support_request.family, first_name="Fatima", is_primary_contact=True)
    consent = ConsentFactory(family=support_request.family, valid_until=valid_until)
    return ReferralFactory(
        request=support_request,
        organisation=organisation,
        consent=consent,
        answer_due_on=answer_due_on,
    )


def endpoint_for(organisation, url: str = "https://partner.example/hook") -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(organisation=organisation, url=url, secret="s" * 43)
