"""The fixed cast every test can use: one person per role, and an outsider."""

from __future__ import annotations

import os

import pytest

from coordinators.models import OrganisationKind, Role
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


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Debian's Chromium: Playwright cannot download its own browsers here."""
    return {
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
