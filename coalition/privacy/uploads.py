"""Limits for uploaded files: a screening document is a small PDF or photo."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def validate_screening_document(upload) -> None:
    """Use on the form field of `ScreeningStep.document` (validators=[...])."""
    FileExtensionValidator(allowed_extensions=settings.SCREENING_DOCUMENT_EXTENSIONS)(upload)
    if upload.size > settings.SCREENING_DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(max)s.")
            % {"max": filesizeformat(settings.SCREENING_DOCUMENT_MAX_BYTES)},
            code="file_too_large",
        )
