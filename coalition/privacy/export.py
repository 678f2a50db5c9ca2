"""Subject access (AVG art. 15): everything the platform holds about one family
or one volunteer, as a readable JSON document.

This is the one export that may hold special-category data, because it is the
person's own: it is included only when the coordinator making the export may
see it (`can_see_special_category`); otherwise a marker says whom to ask. The
apps register these rules for their own records (`registry.register_export_filter`).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone

from coalition.people.models import AuditEvent
from coalition.privacy.registry import ExportFields, export_fields, export_filters
from coalition.privacy.walk import Collected, collect
from coalition.programmes.models import Organisation, Programme, Wijk

# Secrets of the platform, not information about the person.
NOT_EXPORTED = frozenset({"status_token_hash", "token_hash", "submission_key", "key"})
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


def _row(obj: models.Model, *, fields: ExportFields, filters=()) -> dict:
    """One row as {label: value}. Only the fields the apps declared to be about the
    export's subject are shown (a match, in a volunteer's export, shows its dates
    but not the family's request or the notes about the family's support); the
    others say so. The filters registered by the apps withhold what the user
    making the export may not read (special-category data, confidential notes)."""
    data: dict = {}
    for field in [*obj._meta.concrete_fields, *obj._meta.many_to_many]:
        if field.name in NOT_EXPORTED:
            continue
        label = str(field.verbose_name)
        if field.name not in fields.about_subject:
            data[label] = SHARED_TEXT
        elif field.many_to_many:
            data[label] = [_describe(related) for related in getattr(obj, field.name).all()]
        else:
            data[label] = _value(obj, field)
    for apply in filters:
        apply(obj, data)
    return data


def subject_export(*, subject: models.Model, user) -> dict:
    """All rows that belong to `subject` (a Family or a Volunteer), grouped per kind,
    plus the notifications about them and who accessed them (the audit log)."""
    collected: Collected = _visible_part(collect(subject), user)
    subject_label = subject._meta.label_lower
    sections: dict[str, list[dict]] = {}
    for model, bucket in collected.rows.items():
        title = str(model._meta.verbose_name_plural)
        fields = export_fields(subject_label, model)
        rows = list(bucket.values())
        filters = [make(rows, user) for make in export_filters(model)]
        sections[title] = [_row(obj, fields=fields, filters=filters) for obj in rows]
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


def _visible_part(collected: Collected, user) -> Collected:
    """Rows of a kind that has an access rule (`objects.visible_to`) are exported only
    when `user` may see them on the pages: a programme a family's request is offered
    to does not receive the sender's matches, evaluations or notes through the export."""
    visible = Collected(root=collected.root)
    for model, bucket in collected.rows.items():
        rule = getattr(model._default_manager, "visible_to", None)
        if rule is not None and model is not type(collected.root):
            allowed = set(rule(user).filter(pk__in=list(bucket)).values_list("pk", flat=True))
            bucket = {pk: obj for pk, obj in bucket.items() if pk in allowed}
        if bucket:
            visible.rows[model] = bucket
    return visible


def _audit_targets(collected: Collected) -> models.Q:
    query = models.Q(pk__in=[])
    for model, bucket in collected.rows.items():
        query |= models.Q(
            target_type=model._meta.label_lower, target_id__in=[str(pk) for pk in bucket]
        )
    return query


def subject_export_json(*, subject: models.Model, user) -> str:
    return json.dumps(subject_export(subject=subject, user=user), ensure_ascii=False, indent=2)
