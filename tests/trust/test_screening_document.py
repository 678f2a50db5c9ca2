"""A VOG scan is only downloaded by the volunteer's coordinators, never cached, always logged."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from coalition.people.models import AuditAction, AuditEvent
from tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vog_scan(buurtgezinnen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    volunteer = VolunteerFactory(programmes=[buurtgezinnen])
    step = volunteer.screening.get(kind="vog")
    step.document.save("vog.pdf", ContentFile(b"%PDF-1.4 invented scan"))
    return step


def url(step) -> str:
    return reverse("coordinators:screening_document", args=[step.volunteer_id, step.pk])


def test_the_volunteers_coordinator_downloads_the_scan_and_it_is_logged(
    client, coordinator, vog_scan
):
    client.force_login(coordinator)

    response = client.get(url(vog_scan))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 invented scan"
    assert response["Cache-Control"] == "no-store"
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, target_id=str(vog_scan.volunteer_id)
    ).exists()


def test_a_coordinator_of_another_programme_gets_a_404(client, other_coordinator, vog_scan):
    client.force_login(other_coordinator)

    assert client.get(url(vog_scan)).status_code == 404


def test_uploaded_files_have_no_public_address(client, vog_scan):
    assert client.get("/media/" + vog_scan.document.name).status_code == 404
