"""Limits for uploaded files: a screening document is a small PDF or photo.

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

# The signature (first bytes) each accepted extension must start with.
PDF, JPEG, PNG = b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"
SIGNATURES = {"pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "png": PNG}


def _first_bytes(upload, count: int) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(count)
    upload.seek(position)
    return head


def validate_screening_document(upload) -> None:
    """Use on the form field of `ScreeningStep.document` (validators=[...])."""
    FileExtensionValidator(allowed_extensions=settings.SCREENING_DOCUMENT_EXTENSIONS)(upload)
    if upload.size > settings.SCREENING_DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(max)s.")
            % {"max": filesizeformat(settings.SCREENING_DOCUMENT_MAX_BYTES)},
            code="file_too_large",
        )
    signature = SIGNATURES.get(upload.name.rsplit(".", 1)[-1].lower())
    if signature is None or _first_bytes(upload, len(signature)) != signature:
        raise ValidationError(
            _("This file is not a real PDF, JPG or PNG. Upload the scan or photo itself."),
            code="file_content",
        )
