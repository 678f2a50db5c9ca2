"""Limits for uploaded files: a screening document or any other document kept with
a record is a small PDF or photo.

The name of a file says nothing about what it is: an HTML page or SVG named
`vog.pdf` would be stored and later opened by a coordinator. So the first bytes
must be the signature of the format the extension names.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The signature (first bytes) each accepted extension must start with, and the
# content type that signature stands for.
PDF, JPEG, PNG = b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"
SIGNATURES = {"pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "png": PNG}
CONTENT_TYPES = {PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png"}


def _first_bytes(upload, count: int) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(count)
    upload.seek(position)
    return head


def validate_upload(upload, *, extensions, max_bytes: int) -> str:
    """Refuse a file with another extension, above `max_bytes`, or whose first bytes
    are not what its extension says; returns the content type found in the bytes."""
    FileExtensionValidator(allowed_extensions=extensions)(upload)
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large: at most %(max)s.") % {"max": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    signature = SIGNATURES.get(upload.name.rsplit(".", 1)[-1].lower())
    if signature is None or _first_bytes(upload, len(signature)) != signature:
        raise ValidationError(
            _("This file is not a real PDF, JPG or PNG. Upload the scan or photo itself."),
            code="file_content",
        )
    return CONTENT_TYPES[signature]


def validate_screening_document(upload) -> None:
    """Use on the form field of `ScreeningStep.document` (validators=[...])."""
    validate_upload(
        upload,
        extensions=settings.SCREENING_DOCUMENT_EXTENSIONS,
        max_bytes=settings.SCREENING_DOCUMENT_MAX_BYTES,
    )


def validate_document(upload) -> str:
    """A document kept with a family, request, match or volunteer (`documents`)."""
    return validate_upload(
        upload,
        extensions=settings.SCREENING_DOCUMENT_EXTENSIONS,
        max_bytes=settings.DOCUMENT_MAX_BYTES,
    )
