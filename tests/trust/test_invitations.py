"""An invitation: the administrator names role, organisation and programmes; the
invited person gives their name and password in one flow, with a link that works
once and for seven days; nobody chooses another person's password."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coalition.people.invitations import invitation_path
from coalition.people.models import AuditEvent, Role, User
from coalition.people.services import user_invite
from tests.factories import with_totp

pytestmark = pytest.mark.django_db

ANSWERS = {
    "first_name": "Anna",
    "last_name": "de Wit",
    "password1": "zomer-in-de-reeshof-7",
    "password2": "zomer-in-de-reeshof-7",
}


@pytest.fixture
def invited(buurtgezinnen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return user_invite(
            email="anna@buurtgezinnen.example.org",
            role=Role.COORDINATOR,
            organisation=buurtgezinnen.provider,
            programmes=[buurtgezinnen],
        )


def test_the_invited_person_gives_name_and_password_and_goes_on_to_two_step_setup(client, invited):
    response = client.post(invitation_path(invited), ANSWERS)

    invited.refresh_from_db()
    assert (invited.first_name, invited.last_name) == ("Anna", "de Wit")
    assert invited.check_password("zomer-in-de-reeshof-7")
    # Logged in, and the two-step middleware sends staff to set up the app first.
    follow = client.get(response["Location"], follow=True)
    assert "totp" in follow.redirect_chain[-1][0]
    assert AuditEvent.objects.filter(
        actor_id=invited.pk, action="change", target_id=str(invited.pk)
    ).exists()


def test_the_link_works_once(client, invited):
    path = invitation_path(invited)
    client.post(path, ANSWERS)
    client.logout()

    again = client.get(path)

    assert again.status_code == 410
    assert "no longer valid" in again.content.decode() or "niet meer geldig" in (
        again.content.decode()
    )


def test_the_link_stops_working_after_seven_days(client, invited):
    path = invitation_path(invited)

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client.post(path, ANSWERS)

    assert response.status_code == 410
    invited.refresh_from_db()
    assert not invited.has_usable_password()


def test_a_forged_link_is_refused(client, invited):
    assert client.get(reverse("people:invitation_accept", args=["1.abc:def"])).status_code == 410


def test_two_different_passwords_keep_the_form_with_a_clear_message(client, invited):
    response = client.post(
        invitation_path(invited), {**ANSWERS, "password2": "iets-anders-helemaal-9"}
    )

    assert response.status_code == 200
    assert 'value="Anna"' in response.content.decode()
    invited.refresh_from_db()
    assert not invited.has_usable_password()


def test_the_admin_invites_without_choosing_a_password(
    client, coalition_admin, buurtgezinnen, django_capture_on_commit_callbacks
):
    client.force_login(with_totp(coalition_admin))
    form = client.get(reverse("admin:people_user_add")).content.decode()
    assert 'name="password1"' not in form

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:people_user_add"),
            {
                "email": "bram@buurtgezinnen.example.org",
                "role": Role.COORDINATOR,
                "organisation": buurtgezinnen.provider.pk,
                "programmes": [buurtgezinnen.pk],
                "preferred_language": "nl",
            },
        )

    assert response.status_code == 302, (response.status_code, response.get("Location"))
    bram = User.objects.get(email="bram@buurtgezinnen.example.org")
    assert not bram.has_usable_password()
    assert list(bram.coordinator.programmes.all()) == [buurtgezinnen]
    assert re.search(r"/uitnodiging/\S+/", mail.outbox[-1].body)
    assert AuditEvent.objects.filter(
        actor_id=coalition_admin.pk, action="create", target_id=str(bram.pk)
    ).exists()
    password_page = client.get(f"/beheer/people/user/{bram.pk}/password/", follow=True)
    assert 'name="password1"' not in password_page.content.decode()
    change_page = client.get(reverse("admin:people_user_change", args=[bram.pk])).content.decode()
    assert 'name="password' not in change_page
    assert 'name="is_superuser"' not in change_page


def test_the_login_page_offers_no_sign_up_where_sign_up_is_closed(client):
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert reverse("account_signup") not in page
    assert reverse("volunteers:signup") in page


def test_the_two_step_page_says_a_code_works_once(client, coordinator):
    with_totp(coordinator)
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    client.post(
        reverse("account_login"),
        {"login": coordinator.email, "password": "correct horse battery staple"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    page = client.get(reverse("mfa_authenticate"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Each code works once" in page
