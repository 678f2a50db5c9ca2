"""A parent takes back their consent from the status page, without logging in: a
confirm step says what happens in plain words; then the request stops, what hangs
off it ends and the family's data is erased by the usual rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from families.models import Consent, RequestStatus, SupportRequest
from families.services import request_issue_status_link
from matching.models import MatchStatus
from tests.factories import ConsentFactory, MatchFactory, ParentFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_with_link():
    support_request = SupportRequestFactory(status=RequestStatus.MATCHED, language="en")
    ParentFactory(family=support_request.family, first_name="Amina", phone="06 11112222")
    token = request_issue_status_link(request=support_request)
    return support_request, token


def test_the_status_page_links_to_taking_back_consent(client, request_with_link):
    _request, token = request_with_link

    page = client.get(reverse("families:request_status", args=[token])).content.decode()

    assert reverse("families:request_status_consent", args=[token]) in page


def test_the_confirm_step_explains_what_happens_and_changes_nothing(client, request_with_link):
    support_request, token = request_with_link

    page = client.get(reverse("families:request_status_consent", args=[token])).content.decode()

    assert "Your request stops" in page
    assert "We delete your name, phone number" in page
    assert "You cannot undo this" in page
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.MATCHED


def test_confirming_withdraws_the_request_ends_the_match_and_erases_the_family(
    client, request_with_link
):
    support_request, token = request_with_link
    match = MatchFactory(request=support_request, status=MatchStatus.ACTIVE)
    consent = ConsentFactory(family=support_request.family)

    response = client.post(reverse("families:request_status_consent_withdraw", args=[token]))

    assert response.status_code == 200
    assert "Your consent is taken back" in response.content.decode()
    support_request = SupportRequest.objects.get(pk=support_request.pk)
    assert support_request.status == RequestStatus.WITHDRAWN
    assert support_request.family.anonymised_at is not None
    assert not support_request.family.parents.exists()
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED
    assert Consent.objects.get(pk=consent.pk).withdrawn_at is not None
    # The link went with the data.
    gone = client.get(reverse("families:request_status", args=[token]))
    assert gone.status_code == 404
