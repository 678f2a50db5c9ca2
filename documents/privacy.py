"""What the privacy room must know about documents: they go with their subject
(the relation walk finds them under the family, request, match or volunteer),
nothing of them is kept for statistics, and each kind has its own retention period
(`DocumentRetention`, data) counted from the last upload once the record is closed."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from coalition.privacy import registry
from coalition.privacy.erasure import ErasureReport, files_delete
from coalition.privacy.export import WITHHELD
from documents.access import may_read
from documents.models import Document, DocumentRetention, DocumentVersion
from families.models import Family, SupportRequest
from matching.models import OPEN_MATCH_STATUSES
from volunteers.models import Volunteer, VolunteerStatus

# While the record a document hangs on is still open, the document is needed.
_ENDED_VOLUNTEER = [VolunteerStatus.STOPPED, VolunteerStatus.REJECTED]


def _record_open() -> Q:
    open_requests = SupportRequest.objects.filter(closed_at__isnull=True)
    return (
        Q(request__closed_at__isnull=True, request__isnull=False)
        | Q(match__status__in=list(OPEN_MATCH_STATUSES))
        | Q(Exists(open_requests.filter(family=OuterRef("family"))), family__isnull=False)
        | (Q(volunteer__isnull=False) & ~Q(volunteer__status__in=_ENDED_VOLUNTEER))
    )


def documents_due():
    """Documents whose kind's period since their last upload has passed, and whose
    record is closed (request closed, match ended, volunteer stopped or not accepted)."""
    now = timezone.now()
    due = Q(pk__in=[])
    for rule in DocumentRetention.objects.all():
        due |= Q(kind=rule.kind, last_uploaded_at__lt=now - timedelta(days=rule.days))
    return Document.objects.filter(due).exclude(_record_open())


@transaction.atomic
def document_erase(*, document: Document) -> int:
    """Delete a document with every version and its files; returns how many files."""
    report = ErasureReport()
    files_delete(rows=list(document.versions.all()), report=report)
    document.delete()
    return report.files_deleted


def _special_category_filter(rows, user):
    """A document with health information is exported without its title and file
    names to whom may not read it on the pages."""

    def apply(document: Document, data: dict) -> None:
        if not may_read(user, document):
            data[str(Document._meta.get_field("title").verbose_name)] = WITHHELD

    return apply


def _version_filter(rows, user):
    def apply(version: DocumentVersion, data: dict) -> None:
        if not may_read(user, version.document):
            for name in ("file", "original_name"):
                data[str(DocumentVersion._meta.get_field(name).verbose_name)] = WITHHELD

    return apply


registry.register_erasure_rules(Document, delete=True)
registry.register_erasure_rules(DocumentVersion, delete=True)
registry.register_export_filter(Document, _special_category_filter)
registry.register_export_filter(DocumentVersion, _version_filter)
registry.register_retention_rule(
    kind="documents",
    model=Document,
    due=documents_due,
    erase=lambda document: document_erase(document=document),
    order=5,
)

_DOCUMENT_FIELDS = (
    "id kind title special_category family request match volunteer created_at created_by "
    "last_uploaded_at"
)
_VERSION_FIELDS = "id document number file original_name content_type size uploaded_at uploaded_by"
for _subject in (Family, Volunteer):
    registry.register_export_fields(_subject, Document, about_subject=_DOCUMENT_FIELDS)
    registry.register_export_fields(_subject, DocumentVersion, about_subject=_VERSION_FIELDS)
