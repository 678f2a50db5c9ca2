"""Staff and partners are invited; deactivating someone ends their sessions."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from coalition.people.models import Role, User
from coalition.people.services import user_deactivate
from tests.factories import with_totp

pytestmark = pytest.mark.django_db


def test_an_invited_coordinator_gets_a_link_to_set_up_their_account(
    client, buurtgezinnen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "invite_user",
            "anna@buurtgezinnen.example.org",
            "--role=coordinator",
            f"--organisation={buurtgezinnen.provider.name}",
            "--programme=buurtgezinnen",
            "--first-name=Anna",
        )

    user = User.objects.get(email="anna@buurtgezinnen.example.org")
    assert user.role == Role.COORDINATOR
    assert not user.has_usable_password()
    assert list(user.coordinator.programmes.all()) == [buurtgezinnen]
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert 'name="first_name"' in response.content.decode()
    assert 'name="password1"' in response.content.decode()


def test_volunteers_cannot_be_invited(buurtgezinnen):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("invite_user", "v@example.org", "--role=volunteer")


def test_nobody_signs_up_as_staff_or_partner_on_their_own(client):
    response = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="en")

    assert "Sign Up Closed" in response.content.decode()
    assert 'name="password1"' not in response.content.decode()


def test_deactivating_a_coordinator_logs_them_out_everywhere(client, coordinator):
    client.force_login(with_totp(coordinator))
    assert client.get(reverse("coordinators:dashboard")).status_code == 200

    ended = user_deactivate(user=coordinator)

    assert ended == 1
    response = client.get(reverse("coordinators:dashboard"))
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    coordinator.refresh_from_db()
    assert coordinator.is_active is False


def test_the_admin_action_deactivates(staff_client, coalition_admin, partner):
    client = staff_client(coalition_admin)
    coalition_admin.is_superuser = True
    coalition_admin.save()

    response = client.post(
        reverse("admin:people_user_changelist"),
        {"action": "deactivate_users", "_selected_action": [partner.pk]},
    )

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.is_active is False
