"""Every kind renders, in every language, with a plain-text part and nothing sensitive."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from coalition.notifications.kinds import KINDS, Audience
from coalition.notifications.rendering import notification_message
from coalition.notifications.services import notification_schedule

pytestmark = pytest.mark.django_db

CONTEXT = {
    "reference_code": "TLB-MAIL23",
    "due_on": "2026-12-14",
    "expires_on": "2027-01-20",
    "received_on": "2026-11-02",
    "promise_on": "2026-11-09",
    "since_on": "2026-11-01",
    "status": "applied",
    "volunteer_first_name": "Joke",
    "parent_first_name": "Fatma",
    "first_name": "Fatma",
    "followup_id": 1,
    "month": 2,
    "missing": ["vog", "references"],
    "status_url": "https://example.org/status/abc/",
    "programme": "Buurtgezinnen",
    "day": "2026-12-01",
    "partner_url": "https://example.org/partner/TLB-MAIL23/",
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_renders_in_each_language(kind, coordinator):
    recipient = (
        {"recipient_user": coordinator}
        if KINDS[kind].audience == Audience.STAFF
        else {"recipient_email": "ontvanger@example.org"}
    )
    for language, _name in settings.LANGUAGES:
        notification = notification_schedule(
            kind=kind,
            due_at=timezone.now() + timedelta(days=1),
            language=language,
            context=CONTEXT,
            **recipient,
        )
        check(notification_message(notification), language)


def check(message, language: str) -> None:
    assert message.subject and "%(" not in message.subject and "\n" not in message.subject
    assert message.body.strip()
    assert "{{" not in message.body and "{%" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<p>" in html
    assert f'lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}"' in html
    assert "&amp;" not in message.body  # plain text is not HTML-escaped
