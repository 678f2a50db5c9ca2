"""Failed logins are limited (allauth, counted in the shared database cache)."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, partner):
    EmailAddress.objects.create(user=partner, email=partner.email, verified=True, primary=True)
    for _attempt in range(5):
        response = client.post(
            reverse("account_login"), {"login": partner.email, "password": "wrong guess"}
        )
        assert response.status_code == 200

    response = client.post(
        reverse("account_login"),
        {"login": partner.email, "password": "correct horse battery staple"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_limit_is_kept_in_the_database_cache_shared_by_all_processes(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "5/5m/ip,5/5m/key"
