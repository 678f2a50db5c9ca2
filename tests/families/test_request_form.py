"""The parents' request form: happy path in every language, routing, and what is saved."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from coalition.notifications.models import Notification
from coalition.privacy.models import ConsentPurpose
from coalition.programmes.weekgrid import mask_from_slots
from families.models import Consent, Family, RequestSource, RequestStatus, SupportRequest
from tests.families.request_steps import STEP_DATA, complete_request, step_url

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def test_the_home_page_links_to_the_request_form(client):
    response = client.get(reverse("coordinators:home"))
    assert f'href="{reverse("families:request_start")}"' in response.content.decode()


def test_the_first_step_shows_the_progress_and_the_questions(client):
    response = client.get(step_url(1))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Step 1 of 7" in page
    assert 'name="first_name"' in page
    assert 'name="postcode"' in page


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_parent_sends_a_request_in_each_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = complete_request(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("families:request_sent")
    request = SupportRequest.objects.get()
    assert request.language == language
    page = client.get(response["Location"]).content.decode()
    assert request.reference_code in page
    assert f'lang="{language}"' in page


@pytest.mark.parametrize(("header", "expected"), [("ar,en;q=0.5", "ar"), ("pl-PL,pl;q=0.9", "pl")])
def test_the_first_visit_follows_the_browser_language(header, expected):
    client = Client(headers={"accept-language": header})
    response = client.get(step_url(1))
    assert f'lang="{expected}"' in response.content.decode()

    complete_request(client)

    assert SupportRequest.objects.get().language == expected


def test_arabic_pages_are_right_to_left(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert 'dir="rtl"' in client.get(step_url(1)).content.decode()


def test_the_request_is_saved_whole_with_family_children_consent_and_history(client):
    complete_request(client)

    request = SupportRequest.objects.select_related("family").get()
    family = request.family
    assert request.status == RequestStatus.NEW
    assert request.source == RequestSource.SELF
    assert request.situation == ["overloaded", "no_network"]
    assert request.availability == mask_from_slots(STEP_DATA[6]["availability"])
    assert family.pc4 == "5038"
    assert family.languages == ["ar", "nl"]
    assert family.needs_shared_language is True
    parent = family.parents.get()
    assert (parent.first_name, parent.phone, parent.email) == (
        "Amina",
        "06 12345678",
        "amina@example.org",
    )
    assert sorted(c.first_name for c in request.children.all()) == ["Ali", "Sara"]
    consent = Consent.objects.get(family=family)
    assert consent.purpose == ConsentPurpose.REQUEST
    assert consent.text_version == "2026-11"
    assert "keeps my answers" in consent.text
    history = list(request.status_changes.values_list("from_status", "to_status"))
    assert history == [("", "new")]
    assert request.status_token_hash and len(request.status_token_hash) == 64


def test_help_me_choose_puts_the_request_in_the_central_intake_queue(client):
    complete_request(client, {5: {"support": "help"}})

    request = SupportRequest.objects.get()
    assert request.programme is None
    assert request.help_me_choose is True


def test_a_chosen_programme_routes_the_request_to_that_programme(client, home_start):
    complete_request(client, {5: {"support": "home-start"}})

    request = SupportRequest.objects.get()
    assert request.programme == home_start
    assert request.help_me_choose is False


def test_the_confirmation_page_promises_a_call_and_gives_a_private_link(client):
    response = complete_request(client)
    page = client.get(response["Location"]).content.decode()

    request = SupportRequest.objects.get()
    assert request.reference_code in page
    assert f"within {settings.INTAKE_PROMISE_WORKING_DAYS} working days" in page
    assert "/hulp-vragen/status/" in page
    assert request.status_token_hash not in page


def test_a_confirmation_email_is_scheduled_without_the_situation(client):
    complete_request(client, {4: {"situation": ["parent_mental_health"]}})

    notification = Notification.objects.get(kind="request_confirmation")
    request = SupportRequest.objects.get()
    assert notification.recipient_email == "amina@example.org"
    assert notification.target == request
    assert notification.context["reference_code"] == request.reference_code
    assert notification.context["status_url"].startswith(settings.SITE_URL + "/hulp-vragen/status/")
    assert "parent_mental_health" not in str(notification.context)
    assert request.situation == ["parent_mental_health"]


def test_no_email_is_scheduled_when_the_parent_gave_only_a_phone(client):
    complete_request(client, {2: {"email": ""}})

    assert SupportRequest.objects.count() == 1
    assert not Notification.objects.exists()


def test_the_last_step_shows_the_answers_to_check(client):
    from tests.families.request_steps import answer_steps

    answer_steps(client)
    page = client.get(step_url(7)).content.decode()

    assert "Amina, 5038 AB" in page
    assert "Sara (3), Ali (6)" in page
    assert "Help me choose" in page


def test_a_later_step_cannot_be_opened_before_the_earlier_ones(client):
    response = client.get(step_url(5))

    assert response.status_code == 302
    assert response["Location"] == step_url(1)


def test_going_back_shows_what_was_typed(client):
    from tests.families.request_steps import answer_steps

    answer_steps(client, until=2)
    page = client.get(step_url(1)).content.decode()

    assert 'value="Amina"' in page
    assert 'value="5038 AB"' in page


def test_a_second_request_after_sending_starts_empty(client):
    complete_request(client)
    page = client.get(step_url(1)).content.decode()

    assert 'value="Amina"' not in page
    assert Family.objects.count() == 1


def test_the_answers_of_an_anonymous_parent_expire_after_a_few_idle_hours(client):
    from tests.families.request_steps import answer_steps

    answer_steps(client, until=1)
    client.get(step_url(2))

    assert client.session.get_expiry_age() == 4 * 3600


def test_looking_at_the_form_keeps_no_session(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(step_url(1))

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
