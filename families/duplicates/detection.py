"""Find families that may be one, and store them as candidates for the intake.

The same code serves one new family (after a front door saved it, in a task) and
every family at once (`duplicates_detect()` without ids, the benchmark). It never
runs inside a parent's submission.

1. Every family gets its keys: normalised phones and emails, the trigrams of
   each parent's name, the children's birth months and the PC4.
2. Exact keys (phone, email) pair families directly.
3. Names are compared only within a block: the same PC4 and a child born the same
   month, or the same words of a name (a family that moved) and a child born the
   same month. On PostgreSQL pg_trgm compares the names of the block pairs in one
   query; elsewhere the same trigram measure runs in Python.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db import connection, transaction

from families.duplicates.keys import (
    name_key,
    normalise_email,
    normalise_phone,
    similarity,
    trigrams,
)
from families.models import Child, DuplicateCandidate, Family, Parent

logger = logging.getLogger(__name__)

# Names at least this alike (pg_trgm similarity), in the same PC4 and with a child born
# the same month, make a pair. A family in another PC4 (one that moved) needs the same
# name and the same children's birth months: names repeat across a city of 200,000.
NAME_THRESHOLD = 0.6
MOVED_NAME_THRESHOLD = 0.9
MAX_CHILD_REASONS = 3


@dataclass
class FamilyKeys:
    pc4: str
    phones: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)
    name_keys: set[str] = field(default_factory=set)
    births: set[tuple[int, int]] = field(default_factory=set)


def _load_keys() -> dict[int, FamilyKeys]:
    """Three queries, whatever the number of families."""
    keys = {
        pk: FamilyKeys(pc4=pc4)
        for pk, pc4 in Family.objects.filter(
            merged_into__isnull=True, anonymised_at__isnull=True
        ).values_list("pk", "pc4")
    }
    for family_id, first, last, phone, email in Parent.objects.values_list(
        "family_id", "first_name", "last_name", "phone", "email"
    ):
        family = keys.get(family_id)
        if family is None:
            continue
        if number := normalise_phone(phone):
            family.phones.add(number)
        if address := normalise_email(email):
            family.emails.add(address)
        if key := name_key(first, last):
            family.names.append(key)
            family.name_keys.add(key)
    for family_id, year, month in Child.objects.values_list(
        "family_id", "birth_year", "birth_month"
    ):
        if family_id in keys:
            keys[family_id].births.add((year, month))
    return keys


def _exact_pairs(keys: dict[int, FamilyKeys], targets: set[int]) -> set[tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for pk, family in keys.items():
        for phone in family.phones:
            index["p" + phone].append(pk)
        for email in family.emails:
            index["e" + email].append(pk)
    return _pairs_within(index.values(), targets)


def _blocks(keys: dict[int, FamilyKeys]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for pk, family in keys.items():
        for year, month in family.births:
            blocks[f"{family.pc4}:{year}-{month}"].append(pk)
            for key in family.name_keys:
                blocks[f"{key}:{year}-{month}"].append(pk)
    return blocks


def _pairs_within(groups, targets: set[int]) -> set[tuple[int, int]]:
    pairs = set()
    for members in groups:
        if len(members) < 2:
            continue
        for a, b in combinations(sorted(set(members)), 2):
            if a in targets or b in targets:
                pairs.add((a, b))
    return pairs


def _name_scores_python(
    keys: dict[int, FamilyKeys], pairs: set[tuple[int, int]]
) -> dict[tuple[int, int], float]:
    scores = {}
    grams: dict[str, frozenset[str]] = {}
    for a, b in pairs:
        for name in (*keys[a].names, *keys[b].names):
            if name not in grams:
                grams[name] = trigrams(name)
        best = max(
            (similarity(grams[x], grams[y]) for x in keys[a].names for y in keys[b].names),
            default=0.0,
        )
        if best >= NAME_THRESHOLD:
            scores[(a, b)] = best
    return scores


# `%` is pg_trgm's "similarity above pg_trgm.similarity_threshold": the measure is
# computed once per pair, and once more only for the few pairs that pass.
_PG_SIMILARITY = """
SELECT a, b, similarity(x, y) FROM unnest(
    %(a)s::bigint[], %(b)s::bigint[], %(x)s::text[], %(y)s::text[]
) AS pairs(a, b, x, y)
WHERE x %% y
"""


def _name_scores_postgres(
    keys: dict[int, FamilyKeys], pairs: set[tuple[int, int]]
) -> dict[tuple[int, int], float]:
    """pg_trgm's similarity() over the names of the block pairs, in one query."""
    rows = [(a, b, x, y) for a, b in pairs for x in keys[a].names for y in keys[b].names]
    if not rows:
        return {}
    a, b, x, y = (list(column) for column in zip(*rows, strict=True))
    scores: dict[tuple[int, int], float] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(NAME_THRESHOLD)]
        )
        cursor.execute(_PG_SIMILARITY, {"a": a, "b": b, "x": x, "y": y})
        for one, two, score in cursor.fetchall():
            scores[(one, two)] = max(scores.get((one, two), 0.0), float(score))
    return scores


def _names_enough(keys: dict[int, FamilyKeys], pair: tuple[int, int], score: float) -> bool:
    one, two = keys[pair[0]], keys[pair[1]]
    if one.pc4 == two.pc4:
        return score >= NAME_THRESHOLD
    return score >= MOVED_NAME_THRESHOLD and one.births == two.births


def _reasons(one: FamilyKeys, two: FamilyKeys, name_score: float | None) -> list[dict]:
    reasons: list[dict] = []
    if one.phones & two.phones:
        reasons.append({"code": "phone"})
    if one.emails & two.emails:
        reasons.append({"code": "email"})
    if name_score is not None:
        reasons.append({"code": "name", "percent": round(name_score * 100)})
    if one.pc4 == two.pc4:
        reasons.append({"code": "pc4"})
    for year, month in sorted(one.births & two.births)[:MAX_CHILD_REASONS]:
        reasons.append({"code": "child", "month": f"{month:02d}-{year}"})
    return reasons


def _score(reasons: list[dict]) -> int:
    """For the order of the list: a shared phone or email weighs most."""
    points = {"phone": 50, "email": 40, "pc4": 10, "child": 5}
    total = sum(points.get(r["code"], 0) for r in reasons)
    total += sum(r.get("percent", 0) // 2 for r in reasons if r["code"] == "name")
    return min(total, 100)


def duplicates_find(family_ids: list[int] | None = None) -> list[tuple[int, int, list[dict]]]:
    """(family, other, reasons) for every pair that may be one family, lowest id first;
    only pairs with one of `family_ids` when given."""
    keys = _load_keys()
    targets = set(keys) if family_ids is None else set(family_ids) & set(keys)
    if not targets:
        return []
    exact = _exact_pairs(keys, targets)
    blocked = {
        pair
        for pair in _pairs_within(_blocks(keys).values(), targets)
        if keys[pair[0]].births & keys[pair[1]].births
    }
    if connection.vendor == "postgresql":
        names = _name_scores_postgres(keys, blocked)
    else:
        names = _name_scores_python(keys, blocked)
    names = {pair: score for pair, score in names.items() if _names_enough(keys, pair, score)}
    found = []
    for a, b in sorted(exact | set(names)):
        found.append((a, b, _reasons(keys[a], keys[b], names.get((a, b)))))
    return found


@transaction.atomic
def duplicates_detect(family_ids: list[int] | None = None) -> int:
    """Find and store new candidates; a pair already answered (or already listed) is
    left as it is. Returns how many new pairs were stored."""
    found = duplicates_find(family_ids)
    if not found:
        return 0
    known = set(
        DuplicateCandidate.objects.filter(family_id__in={a for a, _b, _r in found}).values_list(
            "family_id", "other_id"
        )
    )
    new = [
        DuplicateCandidate(family_id=a, other_id=b, reasons=reasons, score=_score(reasons))
        for a, b, reasons in found
        if (a, b) not in known
    ]
    DuplicateCandidate.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    return len(new)


def duplicates_detect_later(*, family_id: int) -> None:
    """After the transaction that saved a family commits, look for its duplicates in a
    task: a parent's submission never waits for it. Never raises: with the broker
    down, the hourly sweep (`duplicates_sweep`) finds the pair."""
    transaction.on_commit(lambda: _hand_off(family_id))


def _hand_off(family_id: int) -> None:
    from families.tasks import duplicates_detect_family

    try:
        duplicates_detect_family.delay(family_id)
    except Exception:  # the broker is down or unreachable
        logger.warning("duplicates: broker unavailable, family %s waits for the sweep", family_id)
