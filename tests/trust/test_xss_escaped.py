"""Script typed into a form comes back as text, never as markup.

`assert_escaped` is for every page that shows what someone typed: add a case
here (or call it from the page's own test) when a page is added.
"""

import pytest
from django.core import mail
from django.urls import reverse

from coalition.people.services import user_send_invitation

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)//",
]


def assert_escaped(html: str, payload: str) -> None:
    raw_markup = [p for p in ("<script>", "<img src=x", "<svg/onload") if p in payload]
    for fragment in raw_markup:
        assert fragment not in html, f"{fragment!r} reached the page unescaped"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_coordinators_name_is_escaped_on_the_dashboard(staff_client, coordinator, payload):
    coordinator.first_name = payload
    coordinator.save()

    response = staff_client(coordinator).get(reverse("coordinators:dashboard"))

    assert response.status_code == 200
    assert_escaped(response.content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_names_are_escaped_in_the_admin_and_the_audit_log(
    staff_client, coalition_admin, partner, payload
):
    coalition_admin.is_superuser = True
    coalition_admin.save()
    partner.first_name = payload
    partner.save()
    client = staff_client(coalition_admin)

    for url in (
        reverse("admin:people_user_changelist"),
        reverse("admin:people_auditevent_changelist") + "?q=" + payload,
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)


def test_the_invitation_email_is_plain_text_only(partner):
    partner.first_name = PAYLOADS[0]

    user_send_invitation(user=partner)

    message = mail.outbox[0]
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", [])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_what_a_family_typed_is_escaped_on_every_coordinator_page(
    staff_client, coordinator, payload
):
    from tests.factories import ChildFactory, ParentFactory, SupportRequestFactory, programme

    request = SupportRequestFactory(
        programme=programme("buurtgezinnen"), status="new", situation_text=payload
    )
    ParentFactory(family=request.family, first_name=payload, last_name=payload)
    ChildFactory(family=request.family, first_name=payload, notes=payload)
    client = staff_client(coordinator)

    for url in (
        reverse("coordinators:dashboard"),
        reverse("coordinators:request_list"),
        reverse("coordinators:family_list") + "?q=" + payload,
        reverse("coordinators:request_detail", args=[request.pk]),
        reverse("coordinators:family_detail", args=[request.family.pk]),
        reverse("matching:shortlist", args=[request.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_parents_name_is_escaped_in_the_html_part_of_the_confirmation_email(payload):
    from datetime import timedelta

    from django.utils import timezone

    from coalition.notifications.rendering import notification_message
    from coalition.notifications.services import notification_schedule

    notification = notification_schedule(
        kind="request_confirmation",
        due_at=timezone.now() + timedelta(minutes=1),
        recipient_email="ouder@example.org",
        context={
            "reference_code": "TLB-XSS001",
            "first_name": payload,
            "parent_first_name": payload,
            "status_url": "https://example.org/status/abc/",
            "programme": "Buurtgezinnen",
        },
    )

    message = notification_message(notification)

    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert_escaped(html, payload)
    assert ("Hello" in message.body or "Hallo" in message.body) and payload in message.body
