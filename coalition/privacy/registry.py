"""What the domain apps tell the privacy room about themselves.

The privacy room sits below the apps whose records it exports, erases and
expires, so it never imports them: each app registers here from its own
`privacy.py`, which `PrivacyConfig.ready()` imports for every installed app (the
way the admin discovers `admin.py`). What the room finds by itself, it does not
need to be told: the relation walk (`walk.py`) finds every row of a person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class ErasureRules:
    """How the rows of one model are erased. By default every free text, contact
    detail and name is cleared and the row stays (for the statistics)."""

    delete: bool = False
    keep_fields: frozenset[str] = frozenset()
    # field name -> what the field holds after the erasure (e.g. only the codes
    # of a list that are not special-category data).
    anonymisers: Mapping[str, Callable[[models.Model], object]] = field(default_factory=dict)


@dataclass(frozen=True)
class RetentionRule:
    """Records of `model` that passed their retention period, and how to erase one
    (returns the number of files deleted)."""

    kind: str
    model: type[models.Model]
    due: Callable[[], models.QuerySet]
    erase: Callable[[models.Model], int]
    order: int


@dataclass(frozen=True)
class Subject:
    """A kind of person the platform holds data about, erased on request."""

    model: type[models.Model]
    erase: Callable[[models.Model], object]


_erasure_rules: dict[str, ErasureRules] = {}
_erasure_steps: dict[str, list[tuple[int, Callable]]] = {}
_statistics_anchors: dict[str, list[Callable[[models.Model], bool]]] = {}
_shared: dict[str, dict[str, str]] = {}
_export_filters: dict[str, list[Callable]] = {}
_retention_rules: dict[str, RetentionRule] = {}
_retention_holds: dict[str, list[Callable[[], models.Expression]]] = {}
_subjects: dict[str, Subject] = {}


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


# --- Erasure ----------------------------------------------------------------


def register_erasure_rules(
    model: type[models.Model],
    *,
    delete: bool = False,
    keep_fields: Iterable[str] = (),
    anonymisers: Mapping[str, Callable[[models.Model], object]] | None = None,
) -> None:
    """`delete`: nothing in the rows is needed once the person is gone.
    `keep_fields`: codes and reference values used for statistics, not personal
    on their own (a four-digit postcode covers thousands of people)."""
    _erasure_rules[_label(model)] = ErasureRules(
        delete=delete, keep_fields=frozenset(keep_fields), anonymisers=dict(anonymisers or {})
    )


def erasure_rules(model: type[models.Model]) -> ErasureRules:
    return _erasure_rules.get(_label(model), ErasureRules())


def register_erasure_step(
    model: type[models.Model], step: Callable[..., None], *, order: int = 0
) -> None:
    """`step(subject, by=user)` runs before a `model` subject is erased, to close
    the work that hangs off it (a family's open matches). Lower `order` first."""
    _erasure_steps.setdefault(_label(model), []).append((order, step))


def erasure_steps_run(*, subject: models.Model, by=None) -> None:
    for _order, step in sorted(_erasure_steps.get(_label(type(subject)), []), key=lambda s: s[0]):
        step(subject, by=by)


def register_statistics_anchor(
    model: type[models.Model], needed: Callable[[models.Model], bool]
) -> None:
    """A `model` row for which `needed(row)` is true is anonymised instead of
    deleted on erasure: other records count it in the statistics."""
    _statistics_anchors.setdefault(_label(model), []).append(needed)


def statistics_need(row: models.Model) -> bool:
    return any(needed(row) for needed in _statistics_anchors.get(_label(type(row)), []))


# --- The relation walk and the export --------------------------------------


def register_shared(
    subject_model: type[models.Model], model: type[models.Model], *, reason: str
) -> None:
    """Rows of `model` are shared between a `subject_model` person and another
    one: they are listed for both, but only descended from the other side."""
    _shared.setdefault(_label(subject_model), {})[_label(model)] = reason


def shared_with(subject_label: str) -> dict[str, str]:
    """Labels of the models shared by a subject of this kind, with the reason."""
    return _shared.get(subject_label, {})


def register_export_filter(model: type[models.Model], make_filter: Callable) -> None:
    """`make_filter(rows, user)` is called once per export with the `model` rows
    found, and returns `apply(row, data)`, which withholds from `data` (the row
    as exported) what `user` may not read."""
    _export_filters.setdefault(_label(model), []).append(make_filter)


def export_filters(model: type[models.Model]) -> list[Callable]:
    return list(_export_filters.get(_label(model), []))


@dataclass(frozen=True)
class ExportFields:
    """Which fields of a model's rows an export for one kind of subject shows: by what
    a field means, not by its type (a number or a JSON list can describe a family as
    well as a text). Every field is either about the subject or about someone else;
    a field not declared about the subject is never shown."""

    about_subject: frozenset[str]
    about_others: frozenset[str]


_export_fields: dict[tuple[str, str], ExportFields] = {}


def register_export_fields(
    subject_model: type[models.Model],
    model: type[models.Model],
    *,
    about_subject: str,
    about_others: str = "",
) -> None:
    """`about_subject` and `about_others`: field names separated by spaces. A test
    fails until every field of every model the export of a `subject_model` reaches
    is in exactly one of them."""
    _export_fields[(_label(subject_model), _label(model))] = ExportFields(
        about_subject=frozenset(about_subject.split()),
        about_others=frozenset(about_others.split()),
    )


def export_fields(subject_label: str, model: type[models.Model]) -> ExportFields:
    """What a `subject_label` export shows of `model`: nothing when undeclared."""
    return _export_fields.get(
        (subject_label, _label(model)), ExportFields(frozenset(), frozenset())
    )


def export_field_declarations() -> dict[tuple[str, str], ExportFields]:
    return dict(_export_fields)


# --- Retention ---------------------------------------------------------------


def register_retention_rule(
    *,
    kind: str,
    model: type[models.Model],
    due: Callable[[], models.QuerySet],
    erase: Callable[[models.Model], int],
    order: int,
) -> None:
    """`kind` names the count in the sweep's result. Lower `order` runs first: a
    family's erasure anonymises its matches too, so families go before matches."""
    _retention_rules[kind] = RetentionRule(
        kind=kind, model=model, due=due, erase=erase, order=order
    )


def retention_rules() -> list[RetentionRule]:
    return sorted(_retention_rules.values(), key=lambda rule: rule.order)


def register_retention_hold(
    model: type[models.Model], hold: Callable[[], models.Expression]
) -> None:
    """`hold()` returns a condition on a `model` row (an `Exists` on `OuterRef("pk")`)
    that keeps the row out of its retention rule: an app above `model` still needs it
    (a family whose match is open or ended recently)."""
    _retention_holds.setdefault(_label(model), []).append(hold)


def retention_holds(model: type[models.Model]) -> list[Callable[[], models.Expression]]:
    return list(_retention_holds.get(_label(model), []))


# --- Subjects: erasure on request, and its replay after a restore -----------


def register_subject(model: type[models.Model], *, erase: Callable[[models.Model], object]) -> None:
    _subjects[_label(model)] = Subject(model=model, erase=erase)


def subject(label: str) -> Subject | None:
    return _subjects.get(label)


def subject_labels() -> tuple[str, ...]:
    return tuple(_subjects)
