"""A parent rates their own goals on a phone, in Turkish, from the link in their email:
big targets, each goal a labelled question, no serious accessibility problem."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from coalition.notifications.models import Notification
from families.models import GoalRating, NetworkMap
from families.services import goal_rating_invite_for_intake, goals_set
from tests.browser.journey_helpers import Screenshots, serious_accessibility_problems
from tests.factories import ParentFactory, SupportRequestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A parent's phone; the browser says Dutch, the request was made in Turkish."""
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "locale": "nl-NL",
        "is_mobile": True,
        "has_touch": True,
    }


def test_a_parent_rates_their_goals_on_a_phone_in_turkish(page: Page, live_server):
    shot = Screenshots("goals-tr")
    request = SupportRequestFactory(status="waiting", language="tr")
    ParentFactory(family=request.family, first_name="Ayşe", email="ayse@example.org")
    first, second = goals_set(
        request=request,
        goals=[("Sabahları sakin kahvaltı", "daily_care"), ("Kendime bir akşam", "own_time")],
    )
    goal_rating_invite_for_intake(request=request)
    link = Notification.objects.get(kind="goal_rating_invitation").context["rating_url"]
    path = "/" + link.split("/", 3)[3]

    page.goto(live_server.url + path)

    expect(page.locator("html")).to_have_attribute("lang", "tr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hedeflerinde ne kadar ilerledin?")
    # Each goal is a question of its own: a fieldset named by the goal.
    expect(page.get_by_role("group", name="Sabahları sakin kahvaltı")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator(".score-option").first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert serious_accessibility_problems(page) == []
    shot(page, "form")

    # Sent with one goal forgotten: the question says what is missing, in Turkish.
    page.get_by_role("group", name="Sabahları sakin kahvaltı").get_by_text("3", exact=True).tap()
    page.get_by_role("button", name="Cevaplarımı kaydet").tap()
    expect(page.get_by_text("Bu hedef için 0 ile 10 arasında bir sayı seç.")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    shot(page, "missing-answer")

    page.get_by_role("group", name="Kendime bir akşam").get_by_text("6", exact=True).tap()
    talk = page.get_by_role("group", name="Konuşabileceğin biri")
    talk.get_by_label("Hiç kimse").check()
    page.get_by_role("button", name="Cevaplarımı kaydet").tap()

    expect(page.get_by_test_id("goal-rating-done")).to_have_text("Cevapların için teşekkürler")
    assert serious_accessibility_problems(page) == []
    shot(page, "done")
    scores = dict(GoalRating.objects.values_list("goal_id", "score"))
    assert scores == {first.pk: 3, second.pk: 6}
    assert set(GoalRating.objects.values_list("rater", "moment")) == {("parent", "intake")}
    assert NetworkMap.objects.get(request=request).answers == {"talk": ["nobody"]}
