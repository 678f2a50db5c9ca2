"""Snapshots from the database, with a fixed number of queries however many
volunteers or requests there are."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date
from functools import cache, lru_cache

import numpy as np
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from coalition.programmes.ages import age_on
from coalition.programmes.geography import locate
from coalition.programmes.models import Programme, ScreeningKind
from families.models import SupportRequest
from matching.engine.facts import SCREENING_KINDS, ProgrammeRules, RequestFacts, Weights
from matching.engine.pool import Pool
from matching.models import OPEN_MATCH_STATUSES, Match, MatchingWeights
from volunteers.models import AVAILABLE_STATUSES, HouseholdMember, ScreeningStep, Volunteer


@cache
def _position(pc4: str) -> tuple[float, float, str | None, str | None]:
    try:
        place = locate(pc4)
    except ValueError:
        # A malformed postcode: far away from everything, so never "near".
        return (0.0, 0.0, None, None)
    return (place.lat, place.lon, place.wijk_code, place.wijk_name)


def programme_rules(programme: Programme) -> ProgrammeRules:
    return ProgrammeRules(
        id=programme.pk,
        name=programme.name,
        child_min_age=programme.child_min_age,
        child_max_age=programme.child_max_age,
        min_dagdelen=programme.min_dagdelen,
        max_distance_km=float(programme.max_distance_km),
        required_screening=tuple(str(kind) for kind in programme.required_screening),
    )


def weights_for(programme_ids: Iterable[int]) -> dict[int, Weights]:
    """The weights per programme; a programme without its own row gets the defaults."""
    ids = list(programme_ids)
    rows = {w.programme_id: w for w in MatchingWeights.objects.filter(programme_id__in=ids)}
    result = {}
    for pid in ids:
        row = rows.get(pid)
        result[pid] = (
            Weights(
                distance=row.distance,
                availability=row.availability,
                language=row.language,
                age_fit=row.age_fit,
                same_wijk=row.same_wijk,
                waiting=row.waiting,
                load=row.load,
                waiting_full_days=row.waiting_full_days,
            )
            if row
            else Weights()
        )
    return result


def request_facts(
    request: SupportRequest,
    *,
    on: date,
    child_ages: tuple[int, ...],
    matched_volunteer_ids: frozenset[int] = frozenset(),
    programme_id: int | None = None,
) -> RequestFacts:
    family = request.family
    lat, lon, wijk_code, wijk_name = _position(family.pc4)
    # A family that waits again keeps the day it first waited (fairness).
    waiting_since = timezone.localtime(request.waiting_since or request.created_at).date()
    return RequestFacts(
        id=request.pk,
        programme_id=programme_id if programme_id is not None else request.programme_id,
        lat=lat,
        lon=lon,
        wijk=family.wijk_id or wijk_code,
        wijk_name=wijk_name or "",
        availability=request.availability,
        languages=frozenset(family.languages or ()),
        needs_shared_language=family.needs_shared_language,
        excludes_pets=family.excludes_pets,
        excludes_smoking=family.excludes_smoking,
        child_ages=child_ages,
        waiting_days=max((on - waiting_since).days, 0),
        matched_volunteer_ids=matched_volunteer_ids,
    )


def child_ages_by_request(request_ids: Iterable[int], *, on: date) -> dict[int, tuple[int, ...]]:
    """The ages of the children concerned, per request, in one query."""
    through = SupportRequest.children.through
    rows = through.objects.filter(supportrequest_id__in=list(request_ids)).values_list(
        "supportrequest_id", "child__birth_year", "child__birth_month"
    )
    ages: dict[int, list[int]] = defaultdict(list)
    for request_id, year, month in rows:
        ages[request_id].append(age_on(birth_year=year, birth_month=month, day=on))
    return {rid: tuple(sorted(values)) for rid, values in ages.items()}


def matched_volunteers_by_request(
    request_ids: Iterable[int], *, with_ended: bool = False
) -> dict[int, frozenset[int]]:
    """The volunteers of each request's open matches; `with_ended` adds those whose
    match with it ended (left out of a new shortlist unless asked for)."""
    matches = Match.objects.filter(request_id__in=list(request_ids))
    if not with_ended:
        matches = matches.filter(status__in=OPEN_MATCH_STATUSES)
    rows = matches.values_list("request_id", "volunteer_id")
    found: dict[int, set[int]] = defaultdict(set)
    for request_id, volunteer_id in rows:
        found[request_id].add(volunteer_id)
    return {rid: frozenset(ids) for rid, ids in found.items()}


def volunteers_of_request(request_id: int) -> tuple[frozenset[int], frozenset[int]]:
    """The volunteers of the request's open matches, and of its ended ones (not
    open now), in one query."""
    rows = list(Match.objects.filter(request_id=request_id).values_list("volunteer_id", "status"))
    open_ids = frozenset(v for v, status in rows if status in OPEN_MATCH_STATUSES)
    return open_ids, frozenset(v for v, _status in rows) - open_ids


def _valid_on(on: date) -> Q:
    return Q(exempt=True) | (
        Q(done_on__lte=on) & (Q(expires_on__isnull=True) | Q(expires_on__gte=on))
    )


KIND_BITS = {kind: 1 << i for i, kind in enumerate(SCREENING_KINDS)}


def screening_mask(volunteer_ref: str, *, on: date) -> Coalesce:
    """Per volunteer, a bit per own screening step valid on `on`, as one scalar
    subquery (a volunteer has at most one step per kind, so the sum is a bit-or).
    Cheaper on PostgreSQL than a join: one index probe per volunteer."""
    bit = Case(
        *[When(kind=kind, then=Value(b)) for kind, b in KIND_BITS.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    masks = (
        ScreeningStep.objects.filter(
            _valid_on(on), household_member__isnull=True, volunteer_id=OuterRef(volunteer_ref)
        )
        .order_by()
        .values("volunteer_id")
        .annotate(mask=Sum(bit))
        .values("mask")
    )
    return Coalesce(Subquery(masks, output_field=IntegerField()), Value(0))


def household_without_vog(volunteer_ref: str, *, on: date, adult_born_by: int) -> Exists:
    """Another adult at home whose VOG is not valid on `on`: the same rule as
    `volunteers.selectors.screening_missing` (a test holds the two together)."""
    member_vog = ScreeningStep.objects.filter(
        _valid_on(on),
        volunteer_id=OuterRef("volunteer_id"),
        household_member_id=OuterRef("pk"),
        kind=ScreeningKind.HOUSEHOLD_VOG,
    )
    return Exists(
        HouseholdMember.objects.filter(
            volunteer_id=OuterRef(volunteer_ref), birth_year__lte=adult_born_by
        ).filter(~Exists(member_vog))
    )


def open_match_count(volunteer_ref: str) -> Coalesce:
    counts = (
        Match.objects.filter(volunteer_id=OuterRef(volunteer_ref), status__in=OPEN_MATCH_STATUSES)
        .order_by()
        .values("volunteer_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def pool_queryset(
    programme_ids: list[int], *, own_steps: bool, household: bool, on: date, adult_born_by: int
) -> QuerySet:
    """One row per (programme, available volunteer) with everything the rules need."""
    annotations = {
        "radius": Cast("volunteer__travel_radius_km", FloatField()),
        "languages_text": Cast("volunteer__languages", TextField()),
        "open_matches": open_match_count("volunteer_id"),
        "screening_mask": (
            screening_mask("volunteer_id", on=on)
            if own_steps
            else Value(0, output_field=IntegerField())
        ),
        "household_lacks_vog": (
            household_without_vog("volunteer_id", on=on, adult_born_by=adult_born_by)
            if household
            else Value(False, output_field=BooleanField())
        ),
    }
    return (
        Volunteer.programmes.through.objects.filter(
            programme_id__in=programme_ids,
            volunteer__status__in=sorted(AVAILABLE_STATUSES),
        )
        .annotate(**annotations)
        .order_by("programme_id", "volunteer_id")
        .values_list(
            "programme_id",
            "volunteer_id",
            "volunteer__pc4",
            "volunteer__wijk_id",
            "radius",
            "volunteer__availability",
            "languages_text",
            "volunteer__child_age_min",
            "volunteer__child_age_max",
            "volunteer__has_pets",
            "volunteer__smokes",
            "volunteer__capacity",
            "open_matches",
            "screening_mask",
            "household_lacks_vog",
        )
    )


# Stand-ins for the values that change between calls, so that the SQL is composed
# once per process: for this query the ORM spends longer composing it than the
# database spends running it. Only the statement is kept, never any data.
_STANDIN_DAY = date(1900, 1, 2)
# Within the range of a small integer field: Django turns a comparison with an
# out-of-range value into a constant, which would drop the condition.
_STANDIN_ADULT_YEAR = 31_337
_STANDIN_PROGRAMME = -700_000
_statements: dict[tuple, tuple[str, tuple]] = {}


def pool_statement(programme_ids: list[int], kinds: set[str], *, on: date) -> tuple[str, list]:
    """The SQL and parameters of `pool_queryset`, composed once per shape."""
    own_steps, household = bool(kinds - {"household_vog"}), "household_vog" in kinds
    adapt = connection.ops.adapt_datefield_value
    key = (connection.vendor, len(programme_ids), own_steps, household)
    if key not in _statements:
        standins = [_STANDIN_PROGRAMME - i for i in range(len(programme_ids))]
        sql, template = pool_queryset(
            standins,
            own_steps=own_steps,
            household=household,
            on=_STANDIN_DAY,
            adult_born_by=_STANDIN_ADULT_YEAR,
        ).query.sql_with_params()
        needed = set(standins)
        if own_steps or household:
            needed.add(adapt(_STANDIN_DAY))
        if household:
            needed.add(_STANDIN_ADULT_YEAR)
        if not needed <= set(template):
            # A stand-in was folded into the SQL: compose this shape every time.
            return pool_queryset(
                programme_ids,
                own_steps=own_steps,
                household=household,
                on=on,
                adult_born_by=on.year - 18,
            ).query.sql_with_params()
        _statements[key] = (sql, template)
    sql, template = _statements[key]
    actual = {
        adapt(_STANDIN_DAY): adapt(on),
        _STANDIN_ADULT_YEAR: on.year - 18,
        **{_STANDIN_PROGRAMME - i: pid for i, pid in enumerate(programme_ids)},
    }
    params = [
        actual.get(value, value) if isinstance(value, int | str | date) else value
        for value in template
    ]
    return sql, params


def load_pools(programmes: Iterable[ProgrammeRules], *, on: date) -> dict[int, Pool]:
    """The available volunteers of each programme, in one query whatever the
    number of volunteers or programmes."""
    programmes = list(programmes)
    if not programmes:
        return {}
    kinds = {kind for p in programmes for kind in p.required_screening}
    sql, params = pool_statement([p.id for p in programmes], kinds, on=on)
    # Straight from the cursor: Django's per-row conversions would cost more than
    # the query for thousands of rows, and every column is already a plain value.
    with without_jit(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    # Rows come sorted by programme: cut the columns at each new programme.
    columns = list(zip(*fetched, strict=True)) if fetched else [()] * 15
    programme_column = np.asarray(columns[0], dtype=np.int64)
    pools = {}
    for p in programmes:
        start, end = np.searchsorted(programme_column, [p.id, p.id + 1])
        pools[p.id] = _pool_from_columns([column[start:end] for column in columns])
    return pools


@contextmanager
def without_jit():
    """PostgreSQL's JIT compiler switches itself on once a query's estimated cost
    passes a threshold; the per-volunteer subqueries get there, and compiling then
    takes ~100 ms for a query that runs in ~10 ms. The settings switch it off
    for every connection; should they not, it is switched off here for this
    transaction (two more round trips)."""
    options = connection.settings_dict.get("OPTIONS", {}).get("options", "")
    if connection.vendor != "postgresql" or "jit=off" in options:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def _pool_from_columns(columns: list[tuple]) -> Pool:
    n = len(columns[1])
    places = {pc4: _position(pc4) for pc4 in set(columns[2])}
    lat_of = {pc4: place[0] for pc4, place in places.items()}
    lon_of = {pc4: place[1] for pc4, place in places.items()}
    parsed = {text: _languages(text) for text in set(columns[6])}
    masks = np.asarray(columns[13], dtype=np.int64)
    screening = {
        kind: (masks & bit) != 0 for kind, bit in KIND_BITS.items() if kind != "household_vog"
    }
    screening["household_vog"] = ~np.asarray(columns[14], dtype=bool)
    return Pool.from_columns(
        ids=columns[1],
        lat=np.fromiter(map(lat_of.__getitem__, columns[2]), np.float64, count=n),
        lon=np.fromiter(map(lon_of.__getitem__, columns[2]), np.float64, count=n),
        wijk=columns[3],
        radius=columns[4],
        availability=columns[5],
        languages=list(map(parsed.__getitem__, columns[6])),
        age_min=columns[7],
        age_max=columns[8],
        has_pets=columns[9],
        smokes=columns[10],
        available=np.ones(n, dtype=bool),
        capacity=columns[11],
        open_matches=columns[12],
        screening=screening,
    )


@lru_cache(maxsize=4096)
def _languages(text: str | None) -> tuple[str, ...]:
    """Languages from their JSON text; the same few combinations repeat, so each
    is parsed once."""
    if not text:
        return ()
    value = json.loads(text)
    if isinstance(value, str):  # a JSON string inside the JSON (SQLite's Cast)
        value = json.loads(value)
    return tuple(sorted(str(code) for code in value or ()))
