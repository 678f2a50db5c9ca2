"""The sweep of issue 18: *je* (never *u*) on the public pages, one date format per
language, and the check page showing every step."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from families.services import request_issue_status_link
from tests.factories import ParentFactory, SupportRequestFactory
from tests.families.request_steps import answer_steps, step_url

pytestmark = pytest.mark.django_db

FORMAL = re.compile(r"\b(u|uw|Uw|U)\b")


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_public_pages_say_je_not_u():
    dutch = Client(HTTP_ACCEPT_LANGUAGE="nl")
    request = SupportRequestFactory(programme=None, help_me_choose=True, language="nl")
    ParentFactory(family=request.family)
    token = request_issue_status_link(request=request)
    pages = [
        reverse("coordinators:home"),
        reverse("families:call_back"),
        reverse("families:request_status", args=[token]),
        reverse("families:request_status_consent", args=[token]),
        reverse("privacy:accessibility"),
        reverse("privacy:statement"),
        *(step_url(n) for n in range(1, 8)),
    ]
    answer_steps(dutch)
    formal = {}
    for url in pages:
        text = visible_text(dutch.get(url).content.decode())
        if found := FORMAL.findall(text):
            formal[url] = found
    assert formal == {}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "3 december 2026"),
        ("en", "3 December 2026"),
        ("tr", "3 Aralık 2026"),
        ("pl", "3 grudnia 2026"),
        ("uk", "3 грудня 2026"),
        ("ar", "3 ديسمبر 2026"),
    ],
)
def test_each_language_writes_a_date_one_way(language, expected):
    day = dt.date(2026, 12, 3)
    with translation.override(language):
        assert formats.date_format(day, "DATE_FORMAT") == expected
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == expected


def test_the_check_page_shows_what_is_going_on(client):
    answer_steps(client)

    page = client.get(step_url(7)).content.decode()

    assert "What is going on?" in page
    assert "I have no family or friends nearby who can help" in page
    assert "Ik ben alleen." in page
    assert "3 parts of the week" in page


def test_the_free_text_box_shows_its_limit_and_carries_a_counter(client):
    answer_steps(client, until=3)

    page = client.get(step_url(4)).content.decode()

    assert "At most 2000 characters." in page
    assert 'maxlength="2000"' in page
    assert 'data-counter="Characters left: %(left)s of %(max)s"' in page
    assert "js/char_counter" in page
