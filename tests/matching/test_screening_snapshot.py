"""The SQL views of screening (the engine's pool, the dashboard's filter) say the
same as `screening_missing`."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from matching.engine import loaders
from tests.factories import VolunteerFactory, programme
from volunteers.models import HouseholdMember, ScreeningStep, Volunteer
from volunteers.selectors import screening_incomplete, screening_missing

pytestmark = pytest.mark.django_db

ON = timezone.localdate()
DAY = dt.timedelta(days=1)
# (done_on, expires_on, exempt) variants around the start date.
STEP_VARIANTS = [
    None,  # no step at all
    (ON - 400 * DAY, ON - DAY, False),  # expired the day before
    (ON - 400 * DAY, ON, False),  # expires on the day
    (ON - 400 * DAY, None, False),  # never expires
    (ON + DAY, None, False),  # done only after the start
    (None, None, True),  # exempted
]


def make_volunteer(slug, vog, training, member_vog, member_age):
    volunteer = VolunteerFactory(programmes=[programme(slug)], screened=False)
    ScreeningStep.objects.create(volunteer=volunteer, kind="intake", done_on=ON - 30 * DAY)
    ScreeningStep.objects.create(volunteer=volunteer, kind="references", done_on=ON - 30 * DAY)
    for kind, variant in (("vog", vog), ("training", training)):
        if variant:
            done, expires, exempt = variant
            ScreeningStep.objects.create(
                volunteer=volunteer,
                kind=kind,
                done_on=done,
                expires_on=expires,
                exempt=exempt,
                exemption_reason="Vrijgesteld door de coördinator" if exempt else "",
            )
    if member_age is not None:
        member = HouseholdMember.objects.create(
            volunteer=volunteer, first_name="Huisgenoot", birth_year=ON.year - member_age
        )
        if member_vog:
            done, expires, exempt = member_vog
            ScreeningStep.objects.create(
                volunteer=volunteer,
                household_member=member,
                kind="household_vog",
                done_on=done,
                expires_on=expires,
                exempt=exempt,
                exemption_reason="Vrijgesteld" if exempt else "",
            )
    return volunteer


@pytest.mark.parametrize("slug", ["meeleefgezin", "home-start"])
def test_the_snapshot_of_screening_matches_screening_missing(slug):
    combos = itertools.product(STEP_VARIANTS, STEP_VARIANTS[:3], STEP_VARIANTS[:4], [None, 17, 18])
    for vog, training, member_vog, member_age in combos:
        make_volunteer(slug, vog, training, member_vog, member_age)
    prog = programme(slug)
    rules = loaders.programme_rules(prog)
    pool = loaders.load_pools([rules], on=ON)[prog.pk]
    volunteers = Volunteer.objects.prefetch_related("screening", "household_members").in_bulk()

    assert len(pool) == len(volunteers)
    for i, vid in enumerate(pool.ids.tolist()):
        missing = set(screening_missing(volunteer=volunteers[vid], programme=prog, on=ON))
        flagged = {kind for kind in rules.required_screening if not pool.screening[kind][i]}
        assert flagged == missing, vid


@pytest.mark.parametrize(
    "slugs", [["meeleefgezin"], ["home-start"], ["buurtgezinnen", "home-start"]]
)
def test_the_dashboards_filter_on_incomplete_screening_matches_screening_missing(slugs):
    combos = itertools.product(STEP_VARIANTS, STEP_VARIANTS[:3], STEP_VARIANTS[:4], [None, 17, 18])
    for vog, training, member_vog, member_age in combos:
        volunteer = make_volunteer(slugs[0], vog, training, member_vog, member_age)
        volunteer.programmes.add(*(programme(slug) for slug in slugs[1:]))
    volunteers = Volunteer.objects.prefetch_related("screening", "household_members", "programmes")
    incomplete = set(volunteers.filter(screening_incomplete(on=ON)).values_list("pk", flat=True))

    expected = {
        v.pk
        for v in volunteers
        if any(screening_missing(volunteer=v, programme=p, on=ON) for p in v.programmes.all())
    }
    assert expected and expected != {v.pk for v in volunteers}  # both kinds occur
    assert incomplete == expected
