"""The privacy and accessibility statements are one click away from every page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "page", ["coordinators:home", "families:request_start", "volunteers:signup"]
)
def test_every_page_links_both_statements_in_the_footer(client, page):
    html = client.get(reverse(page)).content.decode()
    footer = html[html.index("<footer") :]

    assert f'href="{reverse("privacy:statement")}"' in footer
    assert f'href="{reverse("privacy:accessibility")}"' in footer


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_privacy_statement_says_who_sees_what_and_for_how_long(client, language):
    response = client.get(reverse("privacy:statement"), HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    assert response["Content-Language"] == language


def test_the_privacy_statement_names_the_rights_and_the_retention(client):
    html = client.get(reverse("privacy:statement"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    for words in (
        "Who can see it",
        "How long we keep it",
        "Your rights",
        "Autoriteit Persoonsgegevens",
    ):
        assert words in html
