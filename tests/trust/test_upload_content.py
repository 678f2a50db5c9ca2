"""A screening document is what its content says, not what its name says: only a
real PDF, JPEG or PNG whose extension agrees with its content is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from coalition.privacy.uploads import validate_screening_document
from tests.factories import VolunteerFactory
from volunteers.models import VolunteerStatus

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20

REFUSED = "Dit bestand is geen echte PDF, JPG of PNG. Upload de scan of de foto zelf."


@pytest.mark.parametrize(
    ("name", "content"),
    [("vog.pdf", PDF), ("vog.jpg", JPEG), ("vog.JPEG", JPEG), ("vog.png", PNG)],
)
def test_a_real_small_pdf_jpeg_or_png_is_accepted(name, content):
    validate_screening_document(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("vog.pdf", HTML),
        ("vog.pdf", SVG),
        ("vog.png", SVG),
        ("vog.pdf", ZIP),
        ("vog.jpg", b""),
        ("vog.pdf", b"  %PDF-1.4 not at the start"),
    ],
    ids=["html", "svg-as-pdf", "svg-as-png", "zip", "empty", "pdf-marker-not-first"],
)
def test_a_disguised_or_empty_file_is_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        validate_screening_document(SimpleUploadedFile(name, content))

    assert refused.value.code == "file_content"


@pytest.mark.parametrize(("name", "content"), [("vog.pdf", PNG), ("vog.png", JPEG)])
def test_a_file_whose_content_disagrees_with_its_extension_is_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        validate_screening_document(SimpleUploadedFile(name, content))

    assert refused.value.code == "file_content"


def test_the_check_leaves_the_file_readable_from_the_start():
    upload = SimpleUploadedFile("vog.pdf", PDF)

    validate_screening_document(upload)

    upload.seek(0)
    assert upload.read() == PDF


@pytest.mark.django_db
@pytest.mark.parametrize("content", [HTML, SVG, ZIP], ids=["html", "svg", "zip"])
def test_the_volunteer_page_refuses_a_disguised_file_in_dutch_and_stores_nothing(
    client, coordinator, media_root, content
):
    volunteer = VolunteerFactory(status=VolunteerStatus.SCREENING, screened=False)
    client.force_login(coordinator)
    disguised = SimpleUploadedFile("vog.pdf", content, "application/pdf")

    response = client.post(
        reverse("coordinators:volunteer_screening", args=[volunteer.pk]),
        {"kind": "vog", "done_on": timezone.localdate().isoformat(), "document": disguised},
        HTTP_ACCEPT_LANGUAGE="nl",
        follow=True,
    )

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not volunteer.screening.filter(kind="vog", done_on__isnull=False).exists()
    assert not volunteer.screening.exclude(document="").exists()
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))
