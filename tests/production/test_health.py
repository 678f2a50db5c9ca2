from __future__ import annotations

import logging

import pytest
from django.db import OperationalError
from django.urls import reverse

from coalition import health
from coalition.celery import app as celery_app

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: the connection is refused at once.
DEAD_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def dead_broker(monkeypatch):
    monkeypatch.setitem(celery_app.conf, "broker_url", DEAD_BROKER)


class BrokenConnection:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_it_answers_ok_when_database_and_broker_answer(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


def test_it_answers_503_naming_the_broker_when_the_broker_is_down(client, dead_broker):
    response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "failed"}


def test_it_answers_503_naming_the_database_when_the_database_is_down(client, monkeypatch):
    monkeypatch.setattr(health, "connection", BrokenConnection())

    response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json() == {"database": "failed", "broker": "ok"}


def test_it_says_why_it_failed_in_the_log_without_details_of_the_connection(
    client, dead_broker, caplog
):
    with caplog.at_level(logging.WARNING, logger="coalition.health"):
        client.get(reverse("health"))

    messages = [r.getMessage() for r in caplog.records if r.name == "coalition.health"]
    assert len(messages) == 1
    assert messages[0].startswith("Health check: broker unavailable")
    assert "127.0.0.1" not in messages[0]


def test_it_logs_nothing_at_info_for_a_healthy_hit(client, caplog):
    with caplog.at_level(logging.INFO):
        client.get(reverse("health"))

    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO] == []


def test_it_answers_over_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("coordinators:home")).status_code == 301


def test_it_is_never_cached(client):
    response = client.get(reverse("health"))

    assert "no-cache" in response["Cache-Control"]


def test_it_rejects_post(client):
    assert client.post(reverse("health")).status_code == 405
