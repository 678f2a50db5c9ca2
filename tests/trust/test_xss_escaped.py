"""Script typed into a form comes back as text, never as markup.

`assert_escaped` is for every page that shows what someone typed: add a case
here (or call it from the page's own test) when a page is added.
"""

import pytest
from django.core import mail
from django.urls import reverse

from coordinators.account_services import user_send_invitation

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
        reverse("admin:coordinators_user_changelist"),
        reverse("admin:coordinators_auditevent_changelist") + "?q=" + payload,
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
