"""A questionnaire given by private link (saved as the parent goes) or in a conversation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.instruments.models import Instrument
from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import still_relevant
from coalition.private_links import link_token_hash
from families.models import Administration, RequestStatus
from families.services import administration_start, request_change_status
from tests.factories import ParentFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


def ouderbalans() -> Instrument:
    return Instrument.objects.get(code="coalitie-ouderbalans")


@pytest.fixture
def linked(buurtgezinnen):
    request = SupportRequestFactory(programme=buurtgezinnen, status="matched", language="tr")
    ParentFactory(family=request.family, email="ouder@example.org", is_primary_contact=True)
    administration, token = administration_start(
        request=request, instrument=ouderbalans(), moment="intake", mode="link"
    )
    return administration, token


def test_only_the_hash_of_the_link_is_kept(linked):
    administration, token = linked

    assert administration.token_hash == link_token_hash(token)
    assert token not in str(Administration.objects.values().get())


def test_the_parent_is_invited_once_and_reminded_once_in_the_requests_language(linked):
    _administration, _token = linked

    sent = Notification.objects.filter(recipient_email="ouder@example.org").order_by("due_at")
    assert [(n.kind, n.language) for n in sent] == [
        ("questionnaire_invitation", "tr"),
        ("questionnaire_reminder", "tr"),
    ]
    assert sent[1].due_at - sent[0].due_at == dt.timedelta(days=7)


def test_the_page_speaks_turkish_and_keeps_partial_answers_for_later(client, linked):
    administration, token = linked
    url = reverse("families:questionnaire", args=[token])

    page = client.get(url)
    assert "Çocuklarımın bakımından yoruluyorum." in page.content.decode()
    assert page.content.decode().count("<fieldset") == 7

    client.post(url, {"item_1": "3", "item_2": "4", "save": "1"})
    administration.refresh_from_db()
    assert administration.answers == {"1": 3, "2": 4}
    assert administration.completed_at is None

    again = client.get(url).content.decode()
    assert 'id="item_1_3" value="3" checked' in again


def test_sending_every_answer_completes_scores_and_ends_the_link(client, linked):
    administration, token = linked
    url = reverse("families:questionnaire", args=[token])
    answers = {"item_1": 3, "item_2": 4, "item_3": 1, "item_4": 2, "item_5": 4, "item_6": 3}

    client.post(url, {**answers, "item_7": 0, "finish": "1"})

    administration.refresh_from_db()
    assert administration.scores == {"total": 17.0, "stress": 12.0, "support": 5.0}
    assert administration.token_hash is None
    assert client.get(url).status_code == 404


def test_the_reminder_is_not_sent_once_the_questionnaire_is_complete(client, linked):
    _administration, token = linked
    client.post(
        reverse("families:questionnaire", args=[token]),
        {f"item_{n}": 1 for n in range(1, 8)} | {"finish": "1"},
    )

    reminder = Notification.objects.get(kind="questionnaire_reminder")
    assert still_relevant(reminder) is False


def test_closing_the_request_cancels_the_reminder_and_stops_the_link(client, linked, coordinator):
    administration, token = linked

    request_change_status(
        request=administration.request,
        to_status=RequestStatus.WITHDRAWN,
        by=coordinator,
        reason="Gestopt.",
    )

    reminder = Notification.objects.get(kind="questionnaire_reminder")
    assert reminder.status == NotificationStatus.CANCELLED
    assert "questionnaire_url" not in reminder.context
    assert client.get(reverse("families:questionnaire", args=[token])).status_code == 404


def test_an_answer_outside_the_scale_is_refused(client, linked):
    administration, token = linked

    response = client.post(reverse("families:questionnaire", args=[token]), {"item_1": "9"})

    assert response.status_code == 400
    administration.refresh_from_db()
    assert administration.answers == {}


def test_a_coordinator_enters_the_answers_in_a_conversation_and_sees_the_change(
    staff_client, coordinator, buurtgezinnen
):
    request = SupportRequestFactory(programme=buurtgezinnen, status="matched")
    client = staff_client(coordinator)
    start = reverse("coordinators:request_questionnaire_start", args=[request.pk])
    scores = {}
    for moment, answer in (("intake", 4), ("evaluation", 0)):
        response = client.post(
            start, {"instrument": ouderbalans().pk, "moment": moment, "mode": "conversation"}
        )
        administration = Administration.objects.latest("pk")
        assert response.url == reverse(
            "coordinators:administration_enter", args=[administration.pk]
        )
        # every strain item at `answer`, every reverse item at its opposite
        answers = {f"item_{n}": answer if n in (1, 2, 4) else 4 - answer for n in range(1, 8)}
        client.post(response.url, {**answers, "finish": "1"})
        administration.refresh_from_db()
        scores[moment] = administration.scores["total"]

    assert scores == {"intake": 28.0, "evaluation": 0.0}
    page = client.get(reverse("coordinators:request_questionnaires", args=[request.pk]))
    # RCI = (0 - 28) / (sqrt(2) x 5 x sqrt(0.2)) = -28 / 3.1623 = -8.85
    assert "-8.85" in page.content.decode()
    assert "reliably improved" in page.content.decode()


def test_without_an_email_address_the_link_is_refused_in_words(buurtgezinnen):
    request = SupportRequestFactory(programme=buurtgezinnen, status="matched")

    with pytest.raises(Exception, match="no email address"):
        administration_start(
            request=request, instrument=ouderbalans(), moment="intake", mode="link"
        )


def test_a_second_intake_questionnaire_is_refused(buurtgezinnen):
    request = SupportRequestFactory(programme=buurtgezinnen, status="matched")
    administration_start(
        request=request, instrument=ouderbalans(), moment="intake", mode="conversation"
    )

    with pytest.raises(Exception, match="already given"):
        administration_start(
            request=request, instrument=ouderbalans(), moment="intake", mode="conversation"
        )
    assert timezone.now()
