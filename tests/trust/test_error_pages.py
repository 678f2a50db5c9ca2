"""Errors show a plain, friendly page: no stack trace, no data, no database needed."""

import pytest
from django.template import loader
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.trust.urls_errors")
def test_a_crash_shows_a_friendly_page_without_details(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/kapot/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 500
    assert "something went wrong on our side" in body
    for leak in ("Traceback", "RuntimeError", "Zwaantje", "06-98765432"):
        assert leak not in body


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()

    assert "<h1" in html


def test_an_unknown_page_gets_the_friendly_404(client):
    response = client.get("/bestaat-niet/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert "We cannot find this page" in response.content.decode()


def test_a_wrong_host_gets_the_friendly_400(client):
    response = client.get("/", HTTP_HOST="aanvaller.example.net", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Something went wrong" in response.content.decode()


def test_a_form_without_its_csrf_token_gets_a_friendly_403(partner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)

    response = client.post("/i18n/setlang/", {"language": "en"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert "Please try again" in response.content.decode()


def test_while_the_database_is_down_visitors_get_the_friendly_page(staff_client, coordinator):
    """What a PostgreSQL restart looks like from the inside: every query fails."""
    from django.db import OperationalError, connection

    client = staff_client(coordinator)
    client.raise_request_exception = False

    def database_down(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(database_down):
        response = client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 500
    assert "error-page error-500" in response.content.decode()
    assert "connection refused" not in response.content.decode()
