"""Stored files and the records that own them.

Every file in storage belongs to one row's `FileField`. Replacing or clearing a
file deletes the old one once the transaction commits (a rollback keeps the row
pointing at it, so it must stay); erasure deletes the files of the erased rows.
What still slips through (the new file of a replacement that rolled back, or
copies left behind before this rule) has no owner and is removed by the nightly
sweep, once it is older than any transaction could be.
"""

from __future__ import annotations

import posixpath
from datetime import timedelta

from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

# An upload's file is written before its row commits; younger files may still get an owner.
ORPHAN_GRACE = timedelta(days=1)


def stored_file_delete_on_commit(stored: FieldFile) -> None:
    """Delete the stored file once the current transaction commits, never before."""
    storage, name = stored.storage, stored.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def stored_file_replace(*, owner: models.Model, field: str, upload, update_fields=()) -> None:
    """Put `upload` (or nothing, to clear it) in `owner.<field>` and save; the file it
    replaces is deleted after commit. `update_fields` are other fields to save along."""
    old = getattr(owner, field)
    old_name, storage = old.name, old.storage
    setattr(owner, field, upload or "")
    owner.save(update_fields=[field, *update_fields])
    if old_name and old_name != getattr(owner, field).name:
        transaction.on_commit(lambda: storage.delete(old_name))


def _file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def _walk(storage: Storage, folder: str):
    folders, files = storage.listdir(folder)
    for name in files:
        yield posixpath.join(folder, name) if folder else name
    for sub in folders:
        yield from _walk(storage, posixpath.join(folder, sub) if folder else sub)


def stored_files_sweep(*, storage: Storage = default_storage) -> int:
    """Delete files in storage that no row owns and that are older than the grace
    period; returns how many. Only the folders the file fields upload into are read
    (a field with a callable `upload_to` keeps its folder out of the sweep)."""
    fields = [(m, f) for m, f in _file_fields() if f.storage is storage]
    owned: set[str] = set()
    for model, field in fields:
        owned |= set(
            model._base_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
        )
    roots = {
        field.upload_to.split("/", 1)[0]
        for _model, field in fields
        if isinstance(field.upload_to, str) and field.upload_to.strip("/")
    }
    cutoff = timezone.now() - ORPHAN_GRACE
    deleted = 0
    for root in sorted(roots):
        if not storage.exists(root):
            continue
        for name in list(_walk(storage, root)):
            if name not in owned and storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                deleted += 1
    return deleted
