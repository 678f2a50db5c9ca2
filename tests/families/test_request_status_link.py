"""The parent's private status link: works, can be stopped, and expires after closure."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import RequestStatus, SupportRequest
from families.services import request_issue_status_link, request_revoke_status_link
from tests.factories import ParentFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_with_link():
    support_request = SupportRequestFactory(programme=None, help_me_choose=True, language="en")
    ParentFactory(family=support_request.family, first_name="Amina", phone="06 11112222")
    token = request_issue_status_link(request=support_request)
    return support_request, token


def status_url(token: str, name: str = "families:request_status") -> str:
    return reverse(name, args=[token])


def test_the_link_shows_where_the_request_stands_in_plain_words(client, request_with_link):
    support_request, token = request_with_link

    response = client.get(status_url(token))

    page = response.content.decode()
    assert response.status_code == 200
    assert "We received your request" in page
    assert support_request.reference_code in page
    assert 'value="06 11112222"' in page


def test_each_status_has_its_own_explanation(client, request_with_link):
    support_request, token = request_with_link
    SupportRequest.objects.filter(pk=support_request.pk).update(
        status=RequestStatus.WAITING_FOR_MATCH
    )

    page = client.get(status_url(token)).content.decode()

    assert "We are looking for a volunteer" in page


def test_status_pages_are_not_cached_and_send_no_referrer(client, request_with_link):
    _request, token = request_with_link

    for response in (client.get(status_url(token)), client.get(status_url("not-a-real-token"))):
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["Cache-Control"] == "no-store"


def test_an_unknown_link_gets_a_friendly_404(client, db):
    response = client.get(status_url("x" * 43))

    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()
    assert reverse("families:request_start") in response.content.decode()


def test_a_revoked_link_no_longer_works(client, request_with_link):
    support_request, token = request_with_link
    request_revoke_status_link(request=support_request)

    response = client.get(status_url(token))

    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()


def test_the_parent_can_stop_the_link_and_the_request_goes_on(client, request_with_link):
    support_request, token = request_with_link

    response = client.post(status_url(token, "families:request_status_revoke"))

    assert response.status_code == 200
    assert "The link is stopped" in response.content.decode()
    assert client.get(status_url(token)).status_code == 404
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.NEW


def test_a_new_link_replaces_the_old_one(client, request_with_link):
    support_request, old = request_with_link

    new = request_issue_status_link(request=support_request)

    assert client.get(status_url(old)).status_code == 404
    assert client.get(status_url(new)).status_code == 200


@pytest.mark.parametrize(("days_ago", "works"), [(29, True), (31, False)])
def test_the_link_expires_30_days_after_closure(client, request_with_link, days_ago, works):
    support_request, token = request_with_link
    SupportRequest.objects.filter(pk=support_request.pk).update(
        status=RequestStatus.CLOSED, closed_at=timezone.now() - dt.timedelta(days=days_ago)
    )

    response = client.get(status_url(token))

    assert response.status_code == (200 if works else 404)


def test_the_parent_withdraws_the_request_without_giving_a_reason(client, request_with_link):
    support_request, token = request_with_link

    response = client.post(status_url(token, "families:request_status_withdraw"), {"reason": ""})

    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.WITHDRAWN
    assert support_request.closed_at is not None
    change = support_request.status_changes.get()
    assert (change.from_status, change.to_status) == ("new", "withdrawn")
    page = client.get(status_url(token)).content.decode()
    assert "You stopped your request" in page
    assert "Stop my request" not in page


def test_the_parents_reason_for_withdrawing_is_kept(client, request_with_link):
    support_request, token = request_with_link

    client.post(
        status_url(token, "families:request_status_withdraw"), {"reason": "Mijn zus helpt nu"}
    )

    support_request.refresh_from_db()
    assert support_request.status_reason == "Mijn zus helpt nu"


def test_the_parent_updates_contact_details(client, request_with_link):
    support_request, token = request_with_link

    response = client.post(
        status_url(token, "families:request_status_contact"),
        {
            "phone": "06 99998888",
            "email": "nieuw@example.org",
            "contact_preference": "whatsapp",
            "contact_times": "evenings",
        },
    )

    assert response.status_code == 302
    parent = support_request.family.parents.get()
    assert (parent.phone, parent.email) == ("06 99998888", "nieuw@example.org")
    support_request.family.refresh_from_db()
    assert support_request.family.contact_preference == "whatsapp"
    assert support_request.family.contact_times == "evenings"


def test_contact_details_without_phone_or_email_are_refused(client, request_with_link):
    support_request, token = request_with_link

    response = client.post(
        status_url(token, "families:request_status_contact"),
        {"phone": "", "email": "", "contact_preference": "phone"},
    )

    assert response.status_code == 400
    assert "Give a phone number or an email address" in response.content.decode()
    assert support_request.family.parents.get().phone == "06 11112222"


def test_actions_through_a_revoked_link_change_nothing(client, request_with_link):
    support_request, token = request_with_link
    request_revoke_status_link(request=support_request)

    response = client.post(status_url(token, "families:request_status_withdraw"), {"reason": ""})

    assert response.status_code == 404
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.NEW


def test_the_link_from_the_confirmation_page_works(client):
    from tests.families.request_steps import complete_request

    response = complete_request(client)
    url = client.session["request_confirmation"]["status_url"]
    path = urlparse(url).path

    assert response.status_code == 302
    assert client.get(path).status_code == 200


def test_the_status_page_offers_its_own_language_links(client, request_with_link):
    _request, token = request_with_link

    response = client.get(status_url(token) + "?lang=ar")

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ar"
    assert 'dir="rtl"' in client.get(status_url(token)).content.decode()


def test_status_actions_work_without_a_csrf_token_because_the_link_is_the_secret(
    request_with_link,
):
    from django.test import Client

    support_request, token = request_with_link
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        status_url(token, "families:request_status_withdraw"), {"reason": ""}, HTTP_ORIGIN="null"
    )

    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.WITHDRAWN


def test_the_page_for_a_dead_link_can_be_read_in_another_language(client, db):
    dead = status_url("y" * 43)

    client.get(dead + "?lang=tr")
    response = client.get(dead)

    assert response.status_code == 404
    assert 'lang="tr"' in response.content.decode()


def test_an_arabic_parents_link_opens_in_arabic_on_a_dutch_phone(client, request_with_link):
    support_request, token = request_with_link
    SupportRequest.objects.filter(pk=support_request.pk).update(language="ar")

    page = client.get(status_url(token), HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9").content.decode()

    assert 'lang="ar"' in page
    assert 'dir="rtl"' in page


def test_a_language_picked_on_the_status_page_wins_over_the_requests(client, request_with_link):
    support_request, token = request_with_link
    SupportRequest.objects.filter(pk=support_request.pk).update(language="ar")

    client.get(status_url(token) + "?lang=pl")
    page = client.get(status_url(token), HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert 'lang="pl"' in page
