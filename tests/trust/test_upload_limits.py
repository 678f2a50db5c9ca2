"""Screening documents are small PDFs or photos."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from coordinators.privacy.uploads import validate_screening_document


def test_a_small_pdf_is_accepted(settings):
    validate_screening_document(SimpleUploadedFile("vog.pdf", b"%PDF-1.4 x"))


def test_a_file_over_the_limit_is_refused(settings):
    settings.SCREENING_DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="too large"):
        validate_screening_document(SimpleUploadedFile("vog.pdf", b"x" * 2048))


def test_a_program_or_web_page_is_refused():
    for name in ("vog.exe", "vog.html", "vog.svg"):
        with pytest.raises(ValidationError):
            validate_screening_document(SimpleUploadedFile(name, b"x"))
