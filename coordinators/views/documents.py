"""Documents on the family, request, match and volunteer pages: upload, new
version, download. Each is reached through the access helper of the record it
hangs on; health information follows `documents.access.may_read`; every download
is in the audit log."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import get_visible_or_404
from coalition.people.models import AuditAction
from coordinators.views._actions import run_form_action
from documents import services
from documents.access import may_read, readable
from documents.forms import DocumentUploadForm, DocumentVersionForm
from documents.models import Document
from families.models import Family, SupportRequest
from matching.models import Match
from volunteers.models import Volunteer


def documents_panel(user, **target) -> dict:
    """What a record's page shows of its documents (those `user` may read)."""
    return {
        "documents": readable(user, Document.objects.on(**target)),
        "document_form": DocumentUploadForm(auto_id="document_%s"),
        "version_form": DocumentVersionForm(auto_id=False),
    }


def _upload(request, target: str, record):
    run_form_action(
        request,
        DocumentUploadForm(request.POST, request.FILES),
        lambda data: services.document_upload(
            kind=data["kind"],
            title=data["title"],
            upload=data["file"],
            special_category=data["special_category"],
            by=request.user,
            **{target: record},
        ),
        _("Document saved."),
    )
    return redirect(f"coordinators:{target}_detail", pk=record.pk)


@require_POST
@coordinator_required
def family_document_upload(request, pk: int):
    family = get_visible_or_404(request, Family.objects.visible_to(request.user), pk=pk)
    return _upload(request, "family", family)


@require_POST
@coordinator_required
def request_document_upload(request, pk: int):
    support_request = get_visible_or_404(
        request, SupportRequest.objects.held_by(request.user), pk=pk
    )
    return _upload(request, "request", support_request)


@require_POST
@coordinator_required
def match_document_upload(request, pk: int):
    match = get_visible_or_404(request, Match.objects.visible_to(request.user), pk=pk)
    return _upload(request, "match", match)


@require_POST
@coordinator_required
def volunteer_document_upload(request, pk: int):
    volunteer = get_visible_or_404(request, Volunteer.objects.visible_to(request.user), pk=pk)
    return _upload(request, "volunteer", volunteer)


def _writable_by(user):
    """Documents `user` may add to: those of records they may act on (a request only
    offered to their programme is read, not written to, as everywhere)."""
    offered_only = SupportRequest.objects.visible_to(user).exclude(
        pk__in=SupportRequest.objects.held_by(user).values("pk")
    )
    return Document.objects.visible_to(user).exclude(request__in=offered_only.values("pk"))


def _get_document(request, pk: int, *, action: str | None = None, queryset=None) -> Document:
    """The document if the user may see its record and, for health information, may
    read it; `get_visible_or_404` logs the view, change or export (or the refusal)."""
    if queryset is None:
        queryset = Document.objects.visible_to(request.user)
    queryset = queryset.select_related("request", "match__request", "family", "volunteer")
    found = queryset.filter(pk=pk).first()
    if found is not None and not may_read(request.user, found):
        queryset = queryset.none()
    return get_visible_or_404(request, queryset, action=action, pk=pk)


@require_POST
@coordinator_required
def document_version_upload(request, pk: int):
    document = _get_document(request, pk, queryset=_writable_by(request.user))
    run_form_action(
        request,
        DocumentVersionForm(request.POST, request.FILES),
        lambda data: services.document_add_version(
            document=document, upload=data["file"], by=request.user
        ),
        _("New version saved; the earlier versions stay listed."),
    )
    name, record = document.target
    return redirect(f"coordinators:{name}_detail", pk=record.pk)


@require_safe
@coordinator_required
def document_download(request, pk: int, number: int):
    """One version of a document: never a public media URL, never cached, and every
    download is in the audit log (as an export of the document)."""
    document = _get_document(request, pk, action=AuditAction.EXPORT)
    version = get_object_or_404(document.versions, number=number)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["Cache-Control"] = "no-store"
    return response
