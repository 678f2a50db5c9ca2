"""The parent rates their goals on a private link, in the language of their request;
the invitation goes out once, and stops when the request ends."""

from __future__ import annotations

import pytest
from django.core import mail

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.sending import notification_send
from families.models import GoalRatingRound, NetworkMap, RequestStatus
from families.services import (
    goal_rating_invite_for_intake,
    goal_rating_round_open,
    goals_set,
    request_change_status,
)
from tests.factories import ParentFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def family_request():
    request = SupportRequestFactory(status="waiting", language="tr")
    ParentFactory(family=request.family, first_name="Ayşe", email="ayse@example.org")
    goals_set(
        request=request,
        goals=[("Sabahları sakin kahvaltı", "daily_care"), ("Kendime bir akşam", "own_time")],
    )
    return request


def link_from_email(notification) -> str:
    notification_send(notification_id=notification.pk)
    body = mail.outbox[-1].body
    return next(word for word in body.split() if "/hulp-vragen/doelen/" in word)


def invitation(request) -> Notification:
    return Notification.objects.get(kind="goal_rating_invitation")


def test_the_parent_rates_in_turkish_from_the_emailed_link(client, family_request):
    goal_rating_invite_for_intake(request=family_request)
    link = link_from_email(invitation(family_request))
    assert mail.outbox[-1].to == ["ayse@example.org"]
    assert "/hulp-vragen/doelen/" not in str(invitation(family_request).context)

    page = client.get(link)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'lang="tr"' in html
    assert "<fieldset" in html and "<legend" in html and "Sabahları sakin kahvaltı" in html

    first, second = family_request.goals.all()
    network = {"network_talk": ["nobody"], "network_daily_care": ["family", "network"]}
    done = client.post(
        link + "opslaan/", {f"goal_{first.pk}": "2", f"goal_{second.pk}": "5", **network}
    )

    assert done.status_code == 200
    ratings = {(r.goal_id, r.score, r.moment, r.rater) for r in first.ratings.all()}
    assert ratings == {(first.pk, 2, "intake", "parent")}
    assert NetworkMap.objects.get(request=family_request, moment="intake").answers == {
        "daily_care": ["family", "network"],
        "talk": ["nobody"],
    }
    # Answered: the link stops working.
    assert client.get(link).status_code == 404


def test_a_missing_score_is_asked_again_and_nothing_is_saved(client, family_request):
    goal_rating_invite_for_intake(request=family_request)
    link = link_from_email(invitation(family_request))
    first, _second = family_request.goals.all()

    response = client.post(link + "opslaan/", {f"goal_{first.pk}": "7"})

    assert response.status_code == 400
    assert not first.ratings.exists()


def test_the_invitation_goes_out_exactly_once(family_request):
    goal_rating_invite_for_intake(request=family_request)
    goal_rating_round_open(request=family_request, moment="intake", occasion="intake")

    assert Notification.objects.filter(kind="goal_rating_invitation").count() == 1
    assert GoalRatingRound.objects.count() == 1
    with pytest.raises(Exception, match="already asked"):
        goal_rating_invite_for_intake(request=family_request)


def test_a_request_that_ends_cancels_the_invitation_and_asks_for_the_closure_rating(
    family_request,
):
    round = goal_rating_round_open(
        request=family_request,
        moment="evaluation",
        occasion="evaluation-1",
        due_at=family_request.created_at.replace(year=family_request.created_at.year + 1),
    )
    request_change_status(
        request=family_request, to_status=RequestStatus.MATCHED, reason="gekoppeld"
    )
    request_change_status(request=family_request, to_status=RequestStatus.CLOSED, reason="klaar")

    round.refresh_from_db()
    assert round.cancelled_at is not None
    statuses = dict(
        Notification.objects.filter(kind="goal_rating_invitation").values_list(
            "context__moment", "status"
        )
    )
    assert statuses["evaluation"] == NotificationStatus.CANCELLED
    assert GoalRatingRound.objects.filter(request=family_request, moment="closure").exists()


def test_a_withdrawn_request_is_asked_nothing_more(family_request):
    goal_rating_invite_for_intake(request=family_request)
    request_change_status(
        request=family_request, to_status=RequestStatus.WITHDRAWN, reason="niet meer nodig"
    )

    assert invitation(family_request).status == NotificationStatus.CANCELLED
    assert not GoalRatingRound.objects.filter(moment="closure").exists()


def test_a_guessed_link_opens_nothing(client, family_request):
    assert client.get("/hulp-vragen/doelen/not-a-real-token/").status_code == 404
