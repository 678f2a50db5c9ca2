"""Screening documents are small PDFs or photos."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from coalition.privacy.uploads import validate_screening_document


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


@pytest.mark.django_db
def test_the_volunteer_page_refuses_an_oversized_or_html_upload_and_stores_nothing(
    settings, client, coordinator, media_root
):
    from django.utils import timezone

    from tests.factories import VolunteerFactory
    from volunteers.models import ScreeningStep, VolunteerStatus

    settings.SCREENING_DOCUMENT_MAX_BYTES = 1024
    volunteer = VolunteerFactory(status=VolunteerStatus.SCREENING, screened=False)
    client.force_login(coordinator)
    url = f"/dashboard/vrijwilligers/{volunteer.pk}/screening/"
    today = timezone.localdate().isoformat()

    too_large = SimpleUploadedFile("vog.pdf", b"%PDF-1.4 " + b"x" * 4096, "application/pdf")
    response = client.post(
        url, {"kind": "vog", "done_on": today, "document": too_large}, follow=True
    )
    html = SimpleUploadedFile("vog.html", b"<script>alert(1)</script>", "text/html")
    client.post(url, {"kind": "vog", "done_on": today, "document": html})

    assert "The file is too large" in response.content.decode()
    assert not ScreeningStep.objects.filter(volunteer=volunteer).exclude(document="").exists()
    assert not ScreeningStep.objects.filter(volunteer=volunteer, kind="vog", done_on__isnull=False)
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))
