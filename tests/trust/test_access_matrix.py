"""Who may open which page: one table, every URL of the site, every kind of visitor.

Each row is one URL name, the URL arguments (taken from the `world` below), and
the outcome for each visitor, in the order of ROLES:

    anonymous  parent  volunteer  other-partner  other-coordinator  coordinator  admin

Outcomes: 200 (page shown), 404 (outsiders do not learn the page exists),
403, 302 (sent on elsewhere), login (sent to the login page), 405.
"parent" is a visitor without an account (parents use their private status
link; give the row `token="status_token"` once that page exists).

Adding a page = adding one line to TABLE. A URL of the project that has no line
makes `test_every_url_of_the_site_is_in_the_table` fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ReferralFactory, SupportRequestFactory, VolunteerFactory, with_totp

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "parent",
    "volunteer",
    "other_partner",
    "other_coordinator",
    "coordinator",
    "admin",
)


@dataclass(frozen=True)
class Row:
    expected: tuple[str, ...]
    args: dict[str, str] = field(default_factory=dict)
    method: str = "get"


def row(expected: str, method: str = "get", **args: str) -> Row:
    """`row("login login 404 404 404 200 200", pk="family")`: outcomes in ROLES
    order; each URL argument names an attribute of the world (its pk is used)."""
    outcomes = tuple(expected.split())
    assert len(outcomes) == len(ROLES), expected
    return Row(outcomes, args, method)


PUBLIC = "200 200 200 200 200 200 200"
STAFF_ONLY = "login login 404 404 200 200 200"
PROGRAMME_ONLY = "login login 404 404 404 200 200"

TABLE: dict[str, Row] = {
    # coordinators
    "coordinators:home": row(PUBLIC),
    "health": row(PUBLIC),
    "coordinators:about": row(PUBLIC),
    "coordinators:after_login": row("login login 302 302 302 302 302"),
    "coordinators:dashboard": row(STAFF_ONLY),
    # families
    "families:request_start": row(PUBLIC),
    # volunteers
    "volunteers:signup": row(PUBLIC),
    # privacy
    "privacy:statement": row(PUBLIC),
    "privacy:accessibility": row(PUBLIC),
    "privacy:family_export": row(PROGRAMME_ONLY, pk="family"),
    "privacy:family_erase": row(PROGRAMME_ONLY, pk="family"),
    "privacy:volunteer_export": row(PROGRAMME_ONLY, pk="volunteer"),
    "privacy:volunteer_erase": row(PROGRAMME_ONLY, pk="volunteer"),
    # framework
    "set_language": row("302 302 302 302 302 302 302"),
    # Django admin (representative pages; the rest is covered by the prefix rule)
    "admin:index": row("login login login login login login 200"),
    "admin:coordinators_auditevent_changelist": row("login login login login login login 200"),
    "admin:families_family_changelist": row("login login login login login login 403"),
    # allauth (representative pages)
    "account_login": row("200 200 302 302 302 302 302"),
    "account_signup": row("200 200 302 302 302 302 302"),
    "mfa_activate_totp": row("login login 302 302 302 302 302"),
}

# URL prefixes of third-party apps whose many pages follow their own rules; the
# representative rows above check that our rules (login, two-step, staff) apply.
COVERED_PREFIXES = {
    "accounts/": "allauth: account pages, guarded by allauth itself",
    "beheer/": "Django admin: staff only, login through allauth (middleware)",
}


def site_urls() -> list[tuple[str | None, str]]:
    """(qualified name, route) of every URL pattern of the project."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield name, prefix + str(pattern.pattern)

    return list(walk(get_resolver().url_patterns))


def test_every_url_of_the_site_is_in_the_table():
    missing = [
        (name, route)
        for name, route in site_urls()
        if name not in TABLE and not route.startswith(tuple(COVERED_PREFIXES))
    ]

    assert missing == [], "Add a row to TABLE in tests/trust/test_access_matrix.py"


def test_the_table_has_no_rows_for_urls_that_are_gone():
    names = {name for name, _route in site_urls()}

    assert set(TABLE) - names == set()


@pytest.fixture
def world(
    buurtgezinnen,
    coordinator,
    other_coordinator,
    coalition_admin,
    partner,
    other_partner,
    volunteer_user,
):
    """One family of Buurtgezinnen referred by `partner`'s organisation, and a
    volunteer of Buurtgezinnen; staff have their authenticator app."""
    for user in (coordinator, other_coordinator, coalition_admin):
        with_totp(user)
    request = SupportRequestFactory(programme=buurtgezinnen, source="partner")
    ReferralFactory(request=request, organisation=partner.organisation)
    return SimpleNamespace(
        family=request.family,
        request=request,
        volunteer=VolunteerFactory(programmes=[buurtgezinnen]),
        users={
            "anonymous": None,
            "parent": None,
            "volunteer": volunteer_user,
            "other_partner": other_partner,
            "other_coordinator": other_coordinator,
            "coordinator": coordinator,
            "admin": coalition_admin,
        },
    )


def outcome(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        login_pages = (reverse("account_login"), reverse("admin:login"))
        return "login" if location.startswith(login_pages) else "302"
    return str(response.status_code)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_visitor_gets_what_the_table_says(world, name):
    spec = TABLE[name]
    url = reverse(name, kwargs={arg: getattr(world, attr).pk for arg, attr in spec.args.items()})
    actual = []
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        actual.append(outcome(getattr(client, spec.method)(url)))

    assert dict(zip(ROLES, actual, strict=True)) == dict(zip(ROLES, spec.expected, strict=True))
