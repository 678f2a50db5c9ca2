"""Documents on the family, request, match and volunteer pages: upload, versions,
refusals, downloads in the audit log."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.people.models import AuditAction, AuditEvent
from documents.models import Document
from documents.services import document_add_version, document_upload
from tests.documents.conftest import pdf
from tests.factories import MatchFactory, SupportRequestFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(buurtgezinnen):
    request = SupportRequestFactory(programme=buurtgezinnen, status="waiting")
    return MatchFactory(request=request, volunteer=VolunteerFactory(programmes=[buurtgezinnen]))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("target", ["family", "request", "match", "volunteer"])
def test_a_coordinator_uploads_a_document_and_sees_it_on_the_page(
    client, coordinator, staff, match, target
):
    record = {
        "family": match.request.family,
        "request": match.request,
        "match": match,
        "volunteer": match.volunteer,
    }[target]
    client.force_login(coordinator)

    response = client.post(
        reverse(f"coordinators:{target}_document_upload", args=[record.pk]),
        {"kind": "agreement", "title": "Samenwerkingsovereenkomst", "file": pdf()},
        follow=True,
    )

    assert "Document saved." in messages_of(response)
    assert "Samenwerkingsovereenkomst" in response.content.decode()
    document = Document.objects.get(**{target: record})
    assert document.versions.get().content_type == "application/pdf"


def test_a_new_version_keeps_the_old_ones_listed(client, coordinator, staff, match):
    document = document_upload(
        kind="agreement", title="Overeenkomst", upload=pdf("v1.pdf"), by=coordinator, match=match
    )
    client.force_login(coordinator)

    response = client.post(
        reverse("coordinators:document_version_upload", args=[document.pk]),
        {"file": pdf("getekend.pdf", b"%PDF-1.4 signed copy")},
        follow=True,
    )

    page = response.content.decode()
    assert "Version 1" in page and "Version 2" in page
    assert "v1.pdf" in page and "getekend.pdf" in page
    assert list(document.versions.values_list("number", "original_name")) == [
        (2, "getekend.pdf"),
        (1, "v1.pdf"),
    ]
    old = client.get(reverse("coordinators:document_download", args=[document.pk, 1]))
    assert b"".join(old.streaming_content) == b"%PDF-1.4 invented agreement"


def test_every_download_is_in_the_audit_log(client, coordinator, staff, match):
    document = document_upload(
        kind="consent_form",
        title="Toestemming",
        upload=pdf(),
        by=coordinator,
        family=match.request.family,
    )
    client.force_login(coordinator)
    url = reverse("coordinators:document_download", args=[document.pk, 1])

    first = client.get(url)
    client.get(url)

    assert first["Cache-Control"] == "no-store"
    assert first["Content-Type"] == "application/pdf"
    assert "attachment" in first["Content-Disposition"]
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.EXPORT, target_type="documents.document", target_id=str(document.pk)
        ).count()
        == 2
    )


def test_a_file_that_is_not_what_its_name_says_is_refused_in_plain_words(
    client, coordinator, staff, match
):
    client.force_login(coordinator)
    fake = SimpleUploadedFile("verslag.pdf", b"<html><script>alert(1)</script>", "application/pdf")

    response = client.post(
        reverse("coordinators:family_document_upload", args=[match.request.family_id]),
        {"kind": "intake_report", "title": "Verslag", "file": fake},
        follow=True,
    )

    assert any("not a real PDF, JPG or PNG" in m for m in messages_of(response))
    assert not Document.objects.exists()


def test_a_file_that_is_too_large_is_refused_with_the_limit(
    client, coordinator, staff, match, settings
):
    settings.DOCUMENT_MAX_BYTES = 100
    client.force_login(coordinator)

    response = client.post(
        reverse("coordinators:volunteer_document_upload", args=[match.volunteer_id]),
        {"kind": "other", "title": "Groot", "file": pdf(content=b"%PDF-1.4 " + b"x" * 200)},
        follow=True,
    )

    assert any("too large: at most 100" in m for m in messages_of(response))
    assert not Document.objects.exists()


def test_a_new_version_is_checked_like_the_first(coordinator, match):
    from django.core.exceptions import ValidationError

    document = document_upload(kind="other", title="X", upload=pdf(), by=coordinator, match=match)

    with pytest.raises(ValidationError):
        document_add_version(
            document=document, upload=SimpleUploadedFile("x.png", b"GIF89a"), by=coordinator
        )
    assert document.versions.count() == 1


def test_health_information_is_not_listed_for_whom_may_not_see_it(
    client, coordinator, coalition_admin, staff, match
):
    document_upload(
        kind="intake_report",
        title="Verslag met diagnose",
        upload=pdf(),
        by=coordinator,
        special_category=True,
        request=match.request,
    )
    url = reverse("coordinators:request_detail", args=[match.request_id])

    client.force_login(coordinator)
    assert "Verslag met diagnose" in client.get(url).content.decode()
    client.force_login(coalition_admin)
    assert "Verslag met diagnose" not in client.get(url).content.decode()
