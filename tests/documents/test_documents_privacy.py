"""Documents leave with their subject and after their kind's retention period."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from coalition.privacy.retention import retention_apply
from documents.models import Document, DocumentRetention, DocumentVersion
from documents.privacy import documents_due
from documents.services import document_add_version, document_upload
from families.privacy import family_erase
from tests.documents.conftest import pdf
from tests.factories import MatchFactory, SupportRequestFactory, VolunteerFactory
from volunteers.privacy import volunteer_erase

pytestmark = pytest.mark.django_db


def paths(document: Document) -> list[str]:
    return [version.file.path for version in document.versions.all()]


def aged(document: Document, days: int) -> Document:
    Document.objects.filter(pk=document.pk).update(
        last_uploaded_at=timezone.now() - dt.timedelta(days=days)
    )
    return document


@pytest.fixture
def closed_request(buurtgezinnen):
    return SupportRequestFactory(
        programme=buurtgezinnen, status="closed", closed_at=timezone.now() - dt.timedelta(days=30)
    )


def test_erasing_a_family_removes_its_documents_versions_and_files(
    buurtgezinnen, coordinator, django_capture_on_commit_callbacks
):
    request = SupportRequestFactory(programme=buurtgezinnen, status="waiting")
    match = MatchFactory(request=request, volunteer=VolunteerFactory(programmes=[buurtgezinnen]))
    on_family = document_upload(
        kind="consent_form",
        title="Toestemming",
        upload=pdf(),
        by=coordinator,
        family=request.family,
    )
    document_add_version(document=on_family, upload=pdf("v2.pdf"), by=coordinator)
    on_request = document_upload(
        kind="intake_report", title="Intake", upload=pdf(), by=coordinator, request=request
    )
    on_match = document_upload(
        kind="agreement", title="Overeenkomst", upload=pdf(), by=coordinator, match=match
    )
    files = paths(on_family) + paths(on_request) + paths(on_match)
    assert len(files) == 4 and all(os.path.exists(p) for p in files)

    with django_capture_on_commit_callbacks(execute=True):
        report = family_erase(family=request.family)

    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert report.deleted["documents.documentversion"] == 4
    assert not any(os.path.exists(p) for p in files)


def test_erasing_a_volunteer_removes_their_documents_and_files(
    buurtgezinnen, coordinator, django_capture_on_commit_callbacks
):
    volunteer = VolunteerFactory(programmes=[buurtgezinnen])
    document = document_upload(
        kind="agreement",
        title="Vrijwilligersovereenkomst",
        upload=pdf(),
        by=coordinator,
        volunteer=volunteer,
    )
    files = paths(document)

    with django_capture_on_commit_callbacks(execute=True):
        volunteer_erase(volunteer=volunteer)

    assert not Document.objects.exists()
    assert not any(os.path.exists(p) for p in files)


def test_a_volunteer_with_matches_loses_their_documents_but_the_match_keeps_its_own(
    buurtgezinnen, coordinator, django_capture_on_commit_callbacks
):
    match = MatchFactory(
        request=SupportRequestFactory(programme=buurtgezinnen, status="waiting"),
        volunteer=VolunteerFactory(programmes=[buurtgezinnen]),
    )
    own = document_upload(
        kind="other", title="Eigen", upload=pdf(), by=coordinator, volunteer=match.volunteer
    )
    of_match = document_upload(
        kind="agreement", title="Overeenkomst", upload=pdf(), by=coordinator, match=match
    )
    own_files = paths(own)

    with django_capture_on_commit_callbacks(execute=True):
        volunteer_erase(volunteer=match.volunteer)

    assert list(Document.objects.values_list("pk", flat=True)) == [of_match.pk]
    assert not any(os.path.exists(p) for p in own_files)


def test_each_kind_is_kept_for_its_own_period(closed_request, coordinator):
    DocumentRetention.objects.filter(kind="intake_report").update(days=100)
    DocumentRetention.objects.filter(kind="agreement").update(days=400)
    report = aged(
        document_upload(
            kind="intake_report",
            title="Intake",
            upload=pdf(),
            by=coordinator,
            request=closed_request,
        ),
        days=200,
    )
    agreement = aged(
        document_upload(
            kind="agreement",
            title="Overeenkomst",
            upload=pdf(),
            by=coordinator,
            request=closed_request,
        ),
        days=200,
    )

    assert list(documents_due()) == [report]
    DocumentRetention.objects.filter(kind="agreement").update(days=150)
    assert set(documents_due()) == {report, agreement}


def test_a_document_of_an_open_request_is_kept_however_old(buurtgezinnen, coordinator):
    request = SupportRequestFactory(programme=buurtgezinnen, status="waiting")
    aged(
        document_upload(kind="other", title="Oud", upload=pdf(), by=coordinator, request=request),
        days=5000,
    )

    assert not documents_due().exists()


def test_a_new_version_starts_the_period_again(closed_request, coordinator):
    document = aged(
        document_upload(
            kind="other", title="Oud", upload=pdf(), by=coordinator, request=closed_request
        ),
        days=5000,
    )

    document_add_version(document=document, upload=pdf("nieuw.pdf"), by=coordinator)

    assert not documents_due().exists()


def test_the_nightly_run_deletes_due_documents_with_their_files(
    closed_request, coordinator, django_capture_on_commit_callbacks
):
    document = aged(
        document_upload(
            kind="other", title="Oud", upload=pdf(), by=coordinator, request=closed_request
        ),
        days=5000,
    )
    files = paths(document)

    with django_capture_on_commit_callbacks(execute=True):
        counts = retention_apply()

    assert counts["documents"] == 1
    assert not Document.objects.exists()
    assert not any(os.path.exists(p) for p in files)
