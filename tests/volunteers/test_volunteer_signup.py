"""Volunteers sign up: an account, a Volunteer in status applied, and the next steps."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse

from coalition.people.models import Role, User
from coalition.privacy.models import ConsentPurpose
from coalition.programmes.weekgrid import mask_from_slots
from families.submission import new_submission_key
from tests.factories import UserFactory, programme
from volunteers.models import Volunteer, VolunteerConsent, VolunteerKind, VolunteerStatus

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("volunteers:signup")
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def signup_data(**changes):
    data = {
        "programmes": [programme("buurtgezinnen").pk, programme("home-start").pk],
        "first_name": "Joris",
        "last_name": "Verbeek",
        "email": "joris.verbeek@example.org",
        "phone": "06 22223333",
        "password1": "lange-wandeling-42",
        "password2": "lange-wandeling-42",
        "is_household": "1",
        "member_1_name": "Sanne",
        "member_1_birth_year": "1984",
        "member_2_name": "Tim",
        "member_2_birth_year": "2012",
        "has_children": "on",
        "has_pets": "on",
        "languages": ["nl", "en"],
        "postcode": "5037 AB",
        "travel_radius_km": "10",
        "child_age_min": "2",
        "child_age_max": "12",
        "availability": ["sat_morning", "sat_afternoon", "wed_afternoon"],
        "motivation": "Onze kinderen zijn groot, we hebben ruimte.",
        "consent": "on",
        "website": "",
        "submission_key": new_submission_key(),
    }
    data.update(changes)
    return data


def test_the_page_explains_what_each_programme_asks(client):
    page = client.get(SIGNUP_URL).content.decode()

    buurtgezinnen = programme("buurtgezinnen")
    assert buurtgezinnen.asks_of_volunteer in page
    assert "A certificate of conduct (VOG)" in page
    assert 'name="availability" value="sun_evening"' in page


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_volunteer_signs_up_in_each_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("volunteers:signup_done")
    user = User.objects.get(email="joris.verbeek@example.org")
    assert user.role == Role.VOLUNTEER
    assert user.preferred_language == language
    assert user.check_password("lange-wandeling-42")


def test_the_sign_up_is_saved_whole(client):
    client.post(SIGNUP_URL, signup_data())

    volunteer = Volunteer.objects.get()
    assert volunteer.status == VolunteerStatus.APPLIED
    assert volunteer.kind == VolunteerKind.STEUNGEZIN
    assert volunteer.is_household is True
    assert volunteer.pc4 == "5037"
    assert volunteer.wijk is not None
    assert volunteer.travel_radius_km == 10
    assert (volunteer.child_age_min, volunteer.child_age_max) == (2, 12)
    assert volunteer.availability == mask_from_slots(
        ["sat_morning", "sat_afternoon", "wed_afternoon"]
    )
    assert volunteer.languages == ["nl", "en"]
    assert (volunteer.has_children, volunteer.has_pets, volunteer.smokes) == (True, True, False)
    assert sorted(p.slug for p in volunteer.programmes.all()) == ["buurtgezinnen", "home-start"]
    assert sorted((m.first_name, m.birth_year) for m in volunteer.household_members.all()) == [
        ("Sanne", 1984),
        ("Tim", 2012),
    ]
    assert list(volunteer.status_changes.values_list("from_status", "to_status")) == [
        ("", "applied")
    ]
    consent = VolunteerConsent.objects.get(volunteer=volunteer)
    assert consent.purpose == ConsentPurpose.VOLUNTEER
    assert consent.text_version == "2026-11"


def test_allauth_sends_a_verification_email_and_login_waits_for_it(client):
    client.post(SIGNUP_URL, signup_data())

    address = EmailAddress.objects.get(email="joris.verbeek@example.org")
    assert address.verified is False and address.primary is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["joris.verbeek@example.org"]
    response = client.post(
        reverse("account_login"),
        {"login": "joris.verbeek@example.org", "password": "lange-wandeling-42"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_the_done_page_tells_the_next_steps(client):
    response = client.post(SIGNUP_URL, signup_data(), follow=True)

    page = response.content.decode()
    assert "Check your email" in page
    assert "interview" in page
    assert "VOG" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"programmes": []}, "Choose at least one programme."),
        ({"first_name": ""}, "This field is required"),
        ({"email": "joris@"}, "This does not look like an email address."),
        ({"phone": ""}, "This field is required"),
        ({"phone": "bel me"}, "This does not look like a phone number"),
        ({"password2": "iets-anders-99"}, "The two passwords are not the same."),
        ({"password1": "12345678", "password2": "12345678"}, "This password is entirely numeric"),
        ({"postcode": "50"}, "Fill in a Dutch postcode"),
        (
            {"child_age_min": "12", "child_age_max": "4"},
            "The oldest age must not be below the youngest age.",
        ),
        ({"member_1_birth_year": ""}, "In which year was Sanne born?"),
        ({"member_2_name": ""}, "Write a first name."),
        ({"availability": []}, "Tick at least one part of the week."),
        ({"travel_radius_km": "500"}, "Select a valid choice"),
        ({"consent": ""}, "We can only process your sign-up if you agree."),
    ],
)
def test_a_sign_up_with_a_mistake_is_refused_and_keeps_the_answers(client, changes, message):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(SIGNUP_URL, signup_data(**changes))

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'value="Verbeek"' in page
    assert not Volunteer.objects.exists()
    assert not User.objects.exists()


def test_a_filled_honeypot_creates_nothing(client):
    response = client.post(SIGNUP_URL, signup_data(website="http://spam.example.org"))

    assert response.status_code == 400
    assert not User.objects.exists()


def test_too_many_sign_ups_from_one_address_get_a_429(client, settings):
    settings.PUBLIC_FORM_SUBMISSIONS_PER_HOUR = 1
    client.post(SIGNUP_URL, signup_data())

    response = client.post(SIGNUP_URL, signup_data(email="tweede@example.org"))

    assert response.status_code == 429
    assert Volunteer.objects.count() == 1


def test_a_taken_email_creates_no_second_account_and_reveals_nothing(client):
    UserFactory(email="joris.verbeek@example.org", role=Role.VOLUNTEER)

    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("volunteers:signup_done")
    assert User.objects.count() == 1
    assert not Volunteer.objects.exists()


def test_a_double_tap_shows_the_same_confirmation_and_sends_nothing_extra(client):
    data = signup_data()

    first = client.post(SIGNUP_URL, data)
    second = client.post(SIGNUP_URL, data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("volunteers:signup_done")
    assert User.objects.count() == 1
    assert Volunteer.objects.get().submission_key == data["submission_key"]
    # Only allauth's verification email: no "there is already an account" email.
    assert len(mail.outbox) == 1
    assert "already" not in mail.outbox[0].body.lower()
    assert client.get(second["Location"]).status_code == 200


def test_a_double_tap_that_races_the_first_one_shows_the_confirmation(client, monkeypatch):
    from django.db import IntegrityError

    from tests.factories import VolunteerFactory
    from volunteers.views import signup as views

    data = signup_data()

    def first_tap_won(**kwargs):
        # The other tap committed this key a moment before this one.
        VolunteerFactory(submission_key=data["submission_key"])
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(views.services, "volunteer_apply", first_tap_won)
    response = client.post(SIGNUP_URL, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("volunteers:signup_done")
    assert Volunteer.objects.count() == 1
    assert not mail.outbox


def test_a_new_form_with_a_taken_email_still_tells_the_owner(client):
    client.post(SIGNUP_URL, signup_data())
    mail.outbox.clear()

    response = client.post(SIGNUP_URL, signup_data())

    assert response["Location"] == reverse("volunteers:signup_done")
    assert User.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["joris.verbeek@example.org"]]


def test_an_oversized_sign_up_gets_a_413_and_creates_nothing(client):
    response = client.post(SIGNUP_URL, signup_data(motivation="x" * 300_000))

    assert response.status_code == 413
    assert not User.objects.exists()
