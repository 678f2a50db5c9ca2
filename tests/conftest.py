"""The fixed cast every test can use: one person per role, and an outsider."""

from __future__ import annotations

import os

import pytest

from coalition.people.models import Role
from coalition.programmes.models import OrganisationKind
from tests.factories import (
    CoordinatorFactory,
    OrganisationFactory,
    UserFactory,
    VolunteerFactory,
    programme,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def buurtgezinnen(db):
    return programme("buurtgezinnen")


@pytest.fixture
def home_start(db):
    return programme("home-start")


@pytest.fixture
def meeleefgezin(db):
    return programme("meeleefgezin")


@pytest.fixture
def coordinator(buurtgezinnen):
    """A coordinator of Buurtgezinnen."""
    return CoordinatorFactory(
        user__email="coordinator@buurtgezinnen.example.org",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user


@pytest.fixture
def other_coordinator(home_start):
    """A coordinator of another programme (Home-Start)."""
    return CoordinatorFactory(
        user__email="coordinator@home-start.example.org",
        programme_for_org=home_start,
        programmes=[home_start],
    ).user


@pytest.fixture
def intake_coordinator(buurtgezinnen):
    return CoordinatorFactory(
        user__email="intake@coalition.example.org",
        user__role=Role.INTAKE_COORDINATOR,
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user


@pytest.fixture
def coalition_admin(db):
    return UserFactory(
        email="admin@coalition.example.org", role=Role.COALITION_ADMIN, is_staff=True
    )


@pytest.fixture
def partner_organisation(db):
    return OrganisationFactory(name="Basisschool De Vlinder", kind=OrganisationKind.SCHOOL)


@pytest.fixture
def partner(partner_organisation):
    return UserFactory(
        email="ib@devlinder.example.org", role=Role.PARTNER, organisation=partner_organisation
    )


@pytest.fixture
def other_partner(db):
    organisation = OrganisationFactory(name="Wijkteam Noord", kind=OrganisationKind.WIJKTEAM)
    return UserFactory(email="wijkteam@example.org", role=Role.PARTNER, organisation=organisation)


@pytest.fixture
def volunteer_user(buurtgezinnen):
    user = UserFactory(email="steungezin@example.org", role=Role.VOLUNTEER)
    VolunteerFactory(user=user, email=user.email, programmes=[buurtgezinnen])
    return user


@pytest.fixture
def outsider(db):
    """Logged in, but with no role in the coalition."""
    return UserFactory(email="outsider@example.org", role="")


@pytest.fixture(autouse=True)
def english_by_default():
    """Tests read the English source texts (also in emails to people without a
    language of their own); the Dutch and other pages are checked by the
    translation tests and by the browser tests, which use a Dutch browser."""
    from django.test import override_settings
    from django.utils import translation

    with translation.override("en"), override_settings(LANGUAGE_CODE="en"):
        yield


@pytest.fixture
def client():
    """A test client whose browser asks for English unless a test says otherwise."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(autouse=True)
def reference_data(request):
    """Programmes and wijken come from a data migration. A transactional test
    (browser, Celery worker) empties every table when it ends, so put them back
    for the tests that follow."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db"} & set(request.fixturenames):
        return
    transactional = bool(marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in request.fixturenames
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    if transactional:
        # A flush recreates the content types with new ids: forget the cached ones.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
    from django.apps import apps
    from django.db import connection

    from coalition.programmes.models import Programme

    if not Programme.objects.exists():
        import importlib

        loader = importlib.import_module(
            "coalition.programmes.migrations.0002_load_wijken_and_programmes"
        )
        loader.load(apps, connection.schema_editor())
    from coalition.instruments.models import Instrument

    if not Instrument.objects.exists():
        import importlib

        questionnaire = importlib.import_module(
            "coalition.instruments.migrations.0002_load_coalition_questionnaire"
        )
        questionnaire.load(apps, connection.schema_editor())
