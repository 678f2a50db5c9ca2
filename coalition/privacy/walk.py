"""Find every row that belongs to one person, by walking the model relations.

Starting at a family (or a volunteer), follow every reverse relation
(`_meta.related_objects`: foreign keys, one-to-ones and many-to-manys that
point at the row) down the tree. Forward relations are not followed: a match
points at a volunteer, but the volunteer's data is not the family's.
A model added later is found automatically as soon as it points at one of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models

from coalition.notifications.models import Notification
from coalition.privacy.registry import shared_with


@dataclass
class Collected:
    """The rows of one person, grouped by model in the order they were found."""

    root: models.Model
    rows: dict[type[models.Model], dict[object, models.Model]] = field(default_factory=dict)

    def add(self, obj: models.Model) -> bool:
        bucket = self.rows.setdefault(type(obj), {})
        if obj.pk in bucket:
            return False
        bucket[obj.pk] = obj
        return True

    def of(self, model: type[models.Model]) -> list[models.Model]:
        return list(self.rows.get(model, {}).values())

    def __iter__(self):
        for bucket in self.rows.values():
            yield from bucket.values()

    def contains(self, obj: models.Model) -> bool:
        return obj.pk in self.rows.get(type(obj), {})

    def notifications(self) -> models.QuerySet:
        """Notifications about any collected row (they point at it generically)."""
        query = models.Q(pk__in=[])
        for model, bucket in self.rows.items():
            content_type = ContentType.objects.get_for_model(model)
            query |= models.Q(target_type=content_type, target_id__in=list(bucket))
        return Notification.objects.filter(query)


def collect(root: models.Model) -> Collected:
    collected = Collected(root=root)
    collected.add(root)
    root_label = root._meta.label_lower
    # Rows shared with another person (a volunteer's matches) are listed for both,
    # but only descended from the other side (the apps register them).
    stop = shared_with(root_label)
    stack = [root]
    while stack:
        obj = stack.pop()
        # Every relation pointing at the row: foreign keys, one-to-ones and
        # many-to-manys (a child's requests); the visited set stops cycles.
        for relation in type(obj)._meta.related_objects:
            related_model = relation.related_model
            if relation.many_to_many:
                rows = getattr(obj, relation.get_accessor_name()).all()
            else:
                rows = related_model._base_manager.filter(**{relation.field.name: obj.pk})
            for row in rows.order_by("pk"):
                if collected.add(row) and row._meta.label_lower not in stop:
                    stack.append(row)
    return collected
