"""Snapshots from the database, with a fixed number of queries however many
volunteers or requests there are."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import cache

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from coordinators.geography import locate
from coordinators.models import Programme, ScreeningKind
from families.models import SupportRequest
from matching.engine.facts import ProgrammeRules, RequestFacts, Weights
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
    waiting_since = timezone.localtime(request.created_at).date()
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
        years = on.year - year - (1 if on.month < month else 0)
        ages[request_id].append(max(years, 0))
    return {rid: tuple(sorted(values)) for rid, values in ages.items()}


def matched_volunteers_by_request(request_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    rows = Match.objects.filter(
        request_id__in=list(request_ids), status__in=OPEN_MATCH_STATUSES
    ).values_list("request_id", "volunteer_id")
    found: dict[int, set[int]] = defaultdict(set)
    for request_id, volunteer_id in rows:
        found[request_id].add(volunteer_id)
    return {rid: frozenset(ids) for rid, ids in found.items()}


def _valid_on(on: date) -> Q:
    return Q(exempt=True) | (
        Q(done_on__lte=on) & (Q(expires_on__isnull=True) | Q(expires_on__gte=on))
    )


def screening_annotations(kinds: Iterable[str], *, on: date, volunteer_ref: str) -> dict:
    """SQL expressions, per screening kind, that say whether the volunteer's step
    is valid on `on`: the same rule as `volunteers.selectors.screening_missing`
    (a test holds the two together)."""
    annotations = {}
    for kind in kinds:
        if kind == ScreeningKind.HOUSEHOLD_VOG:
            member_has_vog = ScreeningStep.objects.filter(
                _valid_on(on),
                volunteer_id=OuterRef("volunteer_id"),
                household_member_id=OuterRef("pk"),
                kind=kind,
            )
            adult_without_vog = HouseholdMember.objects.filter(
                volunteer_id=OuterRef(volunteer_ref), birth_year__lte=on.year - 18
            ).filter(~Exists(member_has_vog))
            annotations[f"ok_{kind}"] = ~Exists(adult_without_vog)
        else:
            annotations[f"ok_{kind}"] = Exists(
                ScreeningStep.objects.filter(
                    _valid_on(on),
                    volunteer_id=OuterRef(volunteer_ref),
                    household_member__isnull=True,
                    kind=kind,
                )
            )
    return annotations


def open_match_count(volunteer_ref: str) -> Coalesce:
    counts = (
        Match.objects.filter(volunteer_id=OuterRef(volunteer_ref), status__in=OPEN_MATCH_STATUSES)
        .order_by()
        .values("volunteer_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def load_pools(programmes: Iterable[ProgrammeRules], *, on: date) -> dict[int, Pool]:
    """The available volunteers of each programme, in one query."""
    programmes = list(programmes)
    if not programmes:
        return {}
    kinds = sorted({kind for p in programmes for kind in p.required_screening})
    through = Volunteer.programmes.through
    columns = [
        "programme_id",
        "volunteer_id",
        "volunteer__pc4",
        "volunteer__wijk_id",
        "volunteer__travel_radius_km",
        "volunteer__availability",
        "volunteer__languages",
        "volunteer__child_age_min",
        "volunteer__child_age_max",
        "volunteer__has_pets",
        "volunteer__smokes",
        "volunteer__capacity",
        "open_matches",
    ] + [f"ok_{kind}" for kind in kinds]
    rows = (
        through.objects.filter(
            programme_id__in=[p.id for p in programmes],
            volunteer__status__in=AVAILABLE_STATUSES,
        )
        .annotate(
            open_matches=open_match_count("volunteer_id"),
            **screening_annotations(kinds, on=on, volunteer_ref="volunteer_id"),
        )
        .order_by("programme_id", "volunteer_id")
        .values_list(*columns)
    )
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    return {p.id: _pool_from_rows(grouped.get(p.id, []), kinds) for p in programmes}


def _pool_from_rows(rows: list[tuple], kinds: list[str]) -> Pool:
    n = len(rows)
    if not n:
        columns: list[tuple] = [()] * (13 + len(kinds))
    else:
        columns = list(zip(*rows, strict=True))
    positions = [_position(pc4) for pc4 in columns[2]]
    return Pool.from_columns(
        ids=columns[1],
        lat=[p[0] for p in positions],
        lon=[p[1] for p in positions],
        wijk=columns[3],
        radius=[float(r) for r in columns[4]],
        availability=columns[5],
        languages=[langs or () for langs in columns[6]],
        age_min=columns[7],
        age_max=columns[8],
        has_pets=columns[9],
        smokes=columns[10],
        available=[True] * n,
        capacity=columns[11],
        open_matches=columns[12],
        screening={kind: columns[13 + i] for i, kind in enumerate(kinds)},
    )
