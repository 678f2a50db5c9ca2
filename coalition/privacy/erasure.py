"""Erasure (AVG art. 17) and anonymisation at the end of the retention period.

The same relation walk as the export finds every row of the person. Rows that
the coalition needs for its statistics (how many families, which wijk, which
programme, how long, how it ended) stay, with every free text, contact detail
and name cleared; the rest is deleted. Uploaded files are deleted from storage.
Notifications about the erased rows, or addressed to the person, are deleted;
any other notification whose context mentions the person (a coordinator's
reminder about their match names the volunteer) keeps its row with those values blanked.

These are the generic steps; each app says how its records are erased in its
own `privacy.py` (`families.privacy.family_erase`, `volunteers.privacy.volunteer_erase`).
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from coalition.notifications.models import Notification
from coalition.privacy.files import stored_file_delete_on_commit
from coalition.privacy.registry import erasure_rules
from coalition.privacy.walk import Collected


@dataclass
class ErasureReport:
    anonymised: Counter = dataclasses.field(default_factory=Counter)
    deleted: Counter = dataclasses.field(default_factory=Counter)
    files_deleted: int = 0
    notifications_deleted: int = 0
    notifications_blanked: int = 0

    def as_dict(self) -> dict:
        return {
            "anonymised": dict(self.anonymised),
            "deleted": dict(self.deleted),
            "files_deleted": self.files_deleted,
            "notifications_deleted": self.notifications_deleted,
            "notifications_blanked": self.notifications_blanked,
        }


def _is_free_text(field: models.Field) -> bool:
    if isinstance(field, (models.TextField, models.EmailField, models.GenericIPAddressField)):
        return True
    # Codes have choices; everything else typed by a person is free text.
    return isinstance(field, models.CharField) and not field.choices


def anonymise_row(obj: models.Model, report: ErasureReport) -> None:
    """Clear every field that can hold personal data; keep codes, dates, numbers."""
    rules = erasure_rules(type(obj))
    changed: list[str] = []
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.is_relation or field.name in rules.keep_fields:
            continue
        if field.name in rules.anonymisers:
            setattr(obj, field.attname, rules.anonymisers[field.name](obj))
            changed.append(field.attname)
        elif isinstance(field, models.FileField):
            if getattr(obj, field.name):
                _delete_file_on_commit(getattr(obj, field.name), report)
                setattr(obj, field.attname, "")
                changed.append(field.attname)
        elif isinstance(field, models.JSONField):
            setattr(obj, field.attname, field.get_default())
            changed.append(field.attname)
        elif _is_free_text(field):
            setattr(obj, field.attname, None if field.null else "")
            changed.append(field.attname)
    if any(f.name == "anonymised_at" for f in obj._meta.concrete_fields):
        obj.anonymised_at = timezone.now()
        changed.append("anonymised_at")
    if changed:
        type(obj)._base_manager.filter(pk=obj.pk).update(
            **{name: getattr(obj, name) for name in changed}
        )
    report.anonymised[obj._meta.label_lower] += 1


def _delete_rows(collected: Collected, report: ErasureReport) -> None:
    for model in [m for m in collected.rows if erasure_rules(m).delete]:
        files_delete(rows=collected.of(model), report=report)
        _deleted, per_model = model._base_manager.filter(
            pk__in=list(collected.rows[model])
        ).delete()
        for name, count in per_model.items():
            report.deleted[name.lower()] += count
    # Forget rows that went with them by cascade, so they are not anonymised after.
    for model, bucket in collected.rows.items():
        alive = set(model._base_manager.filter(pk__in=list(bucket)).values_list("pk", flat=True))
        collected.rows[model] = {pk: obj for pk, obj in bucket.items() if pk in alive}


def _delete_file_on_commit(stored, report: ErasureReport) -> None:
    """Remove the file once the erasure is committed: a rollback keeps row and file."""
    stored_file_delete_on_commit(stored)
    report.files_deleted += 1


def files_delete(*, rows: list[models.Model], report: ErasureReport) -> None:
    for obj in rows:
        for file_field in obj._meta.concrete_fields:
            if isinstance(file_field, models.FileField) and getattr(obj, file_field.name):
                _delete_file_on_commit(getattr(obj, file_field.name), report)


def _blanked(value, needles: set[str]):
    """`value` with every string equal to one of `needles` (any case) made empty."""
    if isinstance(value, dict):
        return {key: _blanked(item, needles) for key, item in value.items()}
    if isinstance(value, list):
        return [_blanked(item, needles) for item in value]
    if isinstance(value, str) and value.strip().lower() in needles:
        return ""
    return value


def notifications_forget(*, mentions: set[str]) -> int:
    """Blank the person's names and emails in the context of any other notification
    (found by what it contains, not by whom it is for or about). Returns how many."""
    needles = {m.strip().lower() for m in mentions if m and m.strip()}
    if not needles:
        return 0
    query = models.Q(pk__in=[])
    for needle in needles:
        # The stored JSON may escape non-ASCII letters: look for both spellings.
        for spelling in {needle, json.dumps(needle)[1:-1]}:
            query |= models.Q(_as_text__icontains=spelling)
    candidates = Notification.objects.annotate(_as_text=Cast("context", models.TextField())).filter(
        query
    )
    forgotten = 0
    for notification in candidates.only("pk", "context"):
        context = _blanked(notification.context, needles)
        if context != notification.context:
            Notification.objects.filter(pk=notification.pk).update(context=context)
            forgotten += 1
    return forgotten


def notifications_delete(
    *,
    collected: Collected,
    emails: set[str],
    report: ErasureReport,
    names: set[str] = frozenset(),
) -> None:
    """Notifications about the person's rows, or addressed to one of their emails,
    are deleted; their names and emails are blanked in any other notification."""
    about = set(collected.notifications().values_list("pk", flat=True))
    if emails:
        about |= set(
            Notification.objects.filter(recipient_email__in=emails).values_list("pk", flat=True)
        )
    report.notifications_deleted = Notification.objects.filter(pk__in=about).delete()[0]
    report.notifications_blanked = notifications_forget(mentions=set(names) | set(emails))


def collected_erase(
    *,
    collected: Collected,
    emails: set[str],
    report: ErasureReport,
    names: set[str] = frozenset(),
) -> None:
    """Delete what is deleted outright and anonymise the rest of the person's rows."""
    notifications_delete(collected=collected, emails=emails, report=report, names=names)
    _delete_rows(collected, report)
    for obj in collected:
        anonymise_row(obj, report)
