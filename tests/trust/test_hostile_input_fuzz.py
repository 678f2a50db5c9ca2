"""Every page and action of the site, as every visitor, answered with hostile input:
NUL bytes, very long text, mixed scripts and direction marks, dates outside any
calendar a person means, wrong types and missing fields. Nothing may end in a server
error, and a refused request saves nothing.

The pages are those of the access matrix (tests/trust/test_access_matrix.py), which
a test keeps in step with the URL resolver; the field names are those of every form
of the project, so whatever form a view reads finds its own fields, hostile or missing.
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from django import forms
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from families.models import Family, SupportRequest
from matching.models import Match
from tests.trust.test_access_matrix import (
    ROLES,
    TABLE,
    site_urls,
    url_argument,
    visitor,
    world,  # noqa: F401 - the fixture: the same family, match and people as the matrix
)
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

PROJECT_PACKAGES = ("coalition", "families", "volunteers", "matching", "coordinators", "allauth")
COUNTED = (Family, SupportRequest, Volunteer, Match)


def _all_form_classes(base=forms.BaseForm):
    for cls in base.__subclasses__():
        yield cls
        yield from _all_form_classes(cls)


def form_field_names() -> list[str]:
    site_urls()  # importing the URL configuration imports every view and its forms
    names = set()
    for cls in _all_form_classes():
        if cls.__module__.startswith(PROJECT_PACKAGES):
            names.update(getattr(cls, "base_fields", {}))
    names.update(
        f"{prefix}_{n}_{part}"
        for prefix in ("child", "member")
        for n in (1, 2, 3)
        for part in ("name", "age", "birth_year")
    )
    return sorted(names)


FIELD_NAMES = form_field_names()

# Right-to-left and zero-width marks, Arabic, Hebrew, Cyrillic, CJK, an emoji, markup.
MIXED_ALPHABET = "aZ09 -_.,'\"<>&;%/\\éøßжاللهשלום日本😀\u200f\u202e\u200b\u061c\ufeff\t\r\n"
OUT_OF_RANGE = (
    "0001-01-01",
    "0001-01-01T00:00",
    "9999-12-31",
    "9999-12-31T23:59",
    "2026-02-30",
    "1899-12-31",
    "-0001-01-01",
    "24:61",
)
WRONG_TYPES = (
    "",
    "abc",
    "-1",
    "0",
    "1",
    "99999999999999999999",
    str(2**63),
    "1e309",
    "NaN",
    "on",
    "[]",
    "None",
    "%00",
)
value = st.one_of(
    st.text(alphabet=MIXED_ALPHABET, max_size=40),
    st.text(max_size=10).map(lambda text: f"{text}\x00"),
    st.integers(min_value=300, max_value=5000).map(lambda n: "x" * n + "ж"),
    st.sampled_from(OUT_OF_RANGE),
    st.sampled_from(WRONG_TYPES),
)
form_data = st.fixed_dictionaries(
    {},
    optional={
        name: st.one_of(value, st.lists(value, min_size=2, max_size=3)) for name in FIELD_NAMES
    },
)
url_value = st.sampled_from((0, 10**20, 2**63, "\x00", "x" * 300, "\u202eabc", "ا", "..%2F"))


# Each URL argument (pk, token, reference code, ...) is hostile half of the time.
url_arguments = st.fixed_dictionaries(
    {}, optional={arg: url_value for row in TABLE.values() for arg in row.args}
)


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in COUNTED)


def hostile_url(the_world: SimpleNamespace, role: str, name: str, replace: dict) -> str:
    kwargs = {arg: url_argument(the_world, role, v) for arg, v in TABLE[name].args.items()}
    try:
        return reverse(name, kwargs={**kwargs, **{k: v for k, v in replace.items() if k in kwargs}})
    except NoReverseMatch:  # the URL pattern itself refuses the value
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("role", ROLES)
@settings(
    # A few seconds per visitor in the suite; FUZZ_EXAMPLES=500 for a long hunt.
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(sorted(TABLE)),
    method=st.sampled_from(("get", "post")),
    data=form_data,
    replace=url_arguments,
)
def test_hostile_input_never_ends_in_a_server_error_or_half_saved(
    world,  # noqa: F811
    role,
    name,
    method,
    data,
    replace,
):
    with transaction.atomic():
        before = counts()
        client = visitor(world, role)
        url = hostile_url(world, role, name, replace)
        response = getattr(client, method)(url, data)
        after = counts()
        transaction.set_rollback(True)

    assert response.status_code < 500, (method, url, data)
    if response.status_code >= 400:
        assert after == before, (method, url, response.status_code)
