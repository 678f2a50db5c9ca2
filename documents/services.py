"""Writes about documents: a new document, a new version of one."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.privacy.uploads import validate_document
from documents.models import TARGETS, Document, DocumentVersion


def _version_add(*, document: Document, upload, by) -> DocumentVersion:
    if not upload:
        raise ValidationError(_("Choose a file to upload."), code="file_required")
    content_type = validate_document(upload)
    latest = document.versions.aggregate(latest=Max("number"))["latest"] or 0
    now = timezone.now()
    version = DocumentVersion.objects.create(
        document=document,
        number=latest + 1,
        file=upload,
        original_name=upload.name.rsplit("/", 1)[-1][:200],
        content_type=content_type,
        size=upload.size,
        uploaded_at=now,
        uploaded_by=by,
    )
    Document.objects.filter(pk=document.pk).update(last_uploaded_at=now)
    document.last_uploaded_at = now
    return version


@transaction.atomic
def document_upload(
    *, kind: str, title: str, upload, by, special_category: bool = False, **target
) -> Document:
    """Keep a new document with one record (`family=`, `request=`, `match=` or
    `volunteer=`) and its first version."""
    if len(target) != 1 or next(iter(target)) not in TARGETS:
        raise ValueError("a document hangs on exactly one family, request, match or volunteer")
    # The file is checked by `_version_add`; a refusal rolls the new row back.
    document = Document.objects.create(
        kind=kind,
        title=title.strip() or (upload.name.rsplit("/", 1)[-1][:200] if upload else ""),
        special_category=special_category,
        created_by=by,
        **target,
    )
    _version_add(document=document, upload=upload, by=by)
    return document


@transaction.atomic
def document_add_version(*, document: Document, upload, by) -> DocumentVersion:
    """A new version (a signed copy, a corrected report): the older ones stay listed."""
    Document.objects.select_for_update().filter(pk=document.pk).first()
    return _version_add(document=document, upload=upload, by=by)
