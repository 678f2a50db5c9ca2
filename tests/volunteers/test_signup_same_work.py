"""Sign-up does the same work whether or not the address already has an account, so
neither the answer nor the time it takes tells who volunteers (issue 14). Work is
counted (password hashes, emails), never timed."""

from __future__ import annotations

import pytest
from django.core import mail

from coalition.people.models import Role
from tests.factories import UserFactory
from tests.volunteers.hashers import CountingHasher
from tests.volunteers.test_volunteer_signup import SIGNUP_URL, signup_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.volunteers.hashers.CountingHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _sign_up(client, **changes):
    CountingHasher.calls = 0
    mail.outbox.clear()
    response = client.post(SIGNUP_URL, signup_data(**changes))
    return response, CountingHasher.calls, [m.to for m in mail.outbox]


def test_a_taken_address_costs_the_same_password_hash_as_a_new_one(client):
    UserFactory(email="taken@example.org", role=Role.VOLUNTEER)

    new = _sign_up(client, email="new@example.org")
    client.logout()
    taken = _sign_up(client, email="taken@example.org")

    new_response, new_hashes, new_mail = new
    taken_response, taken_hashes, taken_mail = taken
    assert new_hashes == taken_hashes == 1
    assert new_response.status_code == taken_response.status_code == 302
    assert new_response["Location"] == taken_response["Location"]
    assert (new_mail, taken_mail) == ([["new@example.org"]], [["taken@example.org"]])
