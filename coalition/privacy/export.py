"""Subject access (AVG art. 15): everything the platform holds about one family
or one volunteer, as a readable JSON document.

This is the one export that may hold special-category data, because it is the
person's own: it is included only when the coordinator making the export may
see it (`can_see_special_category`); otherwise a marker says whom to ask.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone

from coalition.people.access import can_see_special_category
from coalition.people.models import AuditEvent
from coalition.privacy.walk import DO_NOT_DESCEND, Collected, collect
from coalition.programmes.models import Organisation, Programme, Wijk

# Secrets of the platform, not information about the person.
NOT_EXPORTED = frozenset({"status_token_hash", "submission_key", "key"})
# Forward relations shown by name: reference data, not anyone's personal data.
REFERENCE_MODELS = (Programme, Wijk, Organisation)
WITHHELD = "[withheld: special-category data, ask the coordinator of the programme]"
WITHHELD_CONFIDENTIAL = "[withheld: confidential note, ask the coordinator of the programme]"
SHARED_TEXT = "[not shown: about another person as well]"


def _describe(target: models.Model) -> str:
    """Reference data by name; anything else (a person's row) by kind and number only."""
    if isinstance(target, REFERENCE_MODELS):
        return str(target)
    return f"{target._meta.verbose_name} #{target.pk}"


def _value(obj: models.Model, field: models.Field):
    if field.is_relation:
        target = getattr(obj, field.name)
        return None if target is None else _describe(target)
    value = field.value_from_object(obj)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if field.choices and value:
        return {"code": value, "label": str(getattr(obj, f"get_{field.name}_display")())}
    return value


def _row(
    obj: models.Model, *, user, shared: bool = False, readable_notes: frozenset = frozenset()
) -> dict:
    """One row as {label: value}. A row shared with another person (a match, in a
    volunteer's export) shows its facts but not its free texts, which are about
    the other person."""
    data: dict = {}
    for field in obj._meta.concrete_fields:
        if field.name in NOT_EXPORTED:
            continue
        if shared and isinstance(field, models.TextField):
            data[str(field.verbose_name)] = SHARED_TEXT
            continue
        data[str(field.verbose_name)] = _value(obj, field)
    for field in obj._meta.many_to_many:
        data[str(field.verbose_name)] = [
            _describe(related) for related in getattr(obj, field.name).all()
        ]
    _withhold_special_category(obj, data, user=user)
    _withhold_confidential_note(obj, data, readable_notes=readable_notes)
    return data


def _withhold_confidential_note(obj: models.Model, data: dict, *, readable_notes) -> None:
    """A confidential contact note is exported with the same rule as it is shown on
    the pages (`notes_for`): a programme the family is only shared with does not
    read the other programme's confidential notes."""
    from matching.models import ContactNote

    if isinstance(obj, ContactNote) and obj.confidential and obj.pk not in readable_notes:
        data[str(ContactNote._meta.get_field("text").verbose_name)] = WITHHELD_CONFIDENTIAL


def _readable_notes(collected: Collected, *, user) -> frozenset:
    from coordinators.selectors.scope import notes_for
    from matching.models import ContactNote

    note_ids = list(collected.rows.get(ContactNote, {}))
    if not note_ids:
        return frozenset()
    return frozenset(notes_for(user).filter(pk__in=note_ids).values_list("pk", flat=True))


def _withhold_special_category(obj: models.Model, data: dict, *, user) -> None:
    from families.models import SPECIAL_CATEGORY_SITUATIONS, SupportRequest

    if not isinstance(obj, SupportRequest) or can_see_special_category(user, obj):
        return
    if obj.health_notes:
        data[str(SupportRequest._meta.get_field("health_notes").verbose_name)] = WITHHELD
    label = str(SupportRequest._meta.get_field("situation").verbose_name)
    if set(obj.situation) & SPECIAL_CATEGORY_SITUATIONS:
        data[label] = [code for code in obj.situation if code not in SPECIAL_CATEGORY_SITUATIONS]
        data[label].append(WITHHELD)


def subject_export(*, subject: models.Model, user) -> dict:
    """All rows that belong to `subject` (a Family or a Volunteer), grouped per kind,
    plus the notifications about them and who accessed them (the audit log)."""
    collected: Collected = collect(subject)
    shared_models = DO_NOT_DESCEND.get(subject._meta.label_lower, {})
    readable_notes = _readable_notes(collected, user=user)
    sections: dict[str, list[dict]] = {}
    for model, bucket in collected.rows.items():
        title = str(model._meta.verbose_name_plural)
        shared = model._meta.label_lower in shared_models
        sections[title] = [
            _row(obj, user=user, shared=shared, readable_notes=readable_notes)
            for obj in bucket.values()
        ]
    notifications = collected.notifications()
    if notifications:
        sections["notifications"] = [
            {
                "kind": n.kind,
                "due": timezone.localtime(n.due_at).isoformat(),
                "status": n.get_status_display(),
            }
            for n in notifications
        ]
    access = AuditEvent.objects.filter(_audit_targets(collected)).order_by("occurred_at")
    sections["access log"] = [
        {
            "when": timezone.localtime(e.occurred_at).isoformat(),
            "organisation": e.organisation_name,
            "role": e.actor_role,
            "action": e.get_action_display(),
            "record": f"{e.target_type} #{e.target_id}",
        }
        for e in access
    ]
    return {
        "subject": f"{subject._meta.verbose_name} #{subject.pk}",
        "exported_at": timezone.localtime().isoformat(),
        "data": sections,
    }


def _audit_targets(collected: Collected) -> models.Q:
    query = models.Q(pk__in=[])
    for model, bucket in collected.rows.items():
        query |= models.Q(
            target_type=model._meta.label_lower, target_id__in=[str(pk) for pk in bucket]
        )
    return query


def subject_export_json(*, subject: models.Model, user) -> str:
    return json.dumps(subject_export(subject=subject, user=user), ensure_ascii=False, indent=2)
