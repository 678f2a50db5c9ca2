"""Special-category health data and confidential notes stay with the programme's coordinators."""

from __future__ import annotations

import pytest

from families.models import ProgrammeReferral
from matching.models import ContactNote
from tests.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_request(buurtgezinnen, home_start):
    """A Buurtgezinnen request with health notes, shared with Home-Start by a referral."""
    request = SupportRequestFactory(
        situation=["overloaded", "parent_mental_health"],
        health_notes="Moeder is in behandeling bij de GGZ.",
    )
    ProgrammeReferral.objects.create(
        request=request, from_programme=buurtgezinnen, to_programme=home_start, reason="Past beter"
    )
    ContactNote.objects.create(family=request.family, kind="phone", text="Open notitie")
    ContactNote.objects.create(
        family=request.family, kind="visit", text="Vertrouwelijke notitie", confidential=True
    )
    return request


def test_the_programmes_coordinator_sees_health_notes_and_confidential_notes(
    client, coordinator, shared_request
):
    client.force_login(coordinator)
    page = client.get(f"/dashboard/verzoeken/{shared_request.pk}/").content.decode()
    assert "Moeder is in behandeling bij de GGZ." in page
    assert "A parent has psychological problems" in page
    assert "Vertrouwelijke notitie" in page


def test_a_coordinator_of_the_receiving_programme_does_not_see_special_category_data(
    client, other_coordinator, shared_request
):
    client.force_login(other_coordinator)
    page = client.get(f"/dashboard/verzoeken/{shared_request.pk}/").content.decode()
    assert "Moeder is in behandeling" not in page
    assert "A parent has psychological problems" not in page
    assert "Vertrouwelijke notitie" not in page
    assert "Open notitie" in page
    intake = client.get(f"/dashboard/verzoeken/{shared_request.pk}/intake/").content.decode()
    assert "Health notes" not in intake


def test_the_coalition_admin_does_not_see_health_notes(client, coalition_admin, shared_request):
    client.force_login(coalition_admin)
    page = client.get(f"/dashboard/verzoeken/{shared_request.pk}/").content.decode()
    assert "Moeder is in behandeling" not in page


def test_a_coordinator_without_rights_cannot_overwrite_health_notes(
    client, other_coordinator, shared_request
):
    client.force_login(other_coordinator)
    client.post(
        f"/dashboard/verzoeken/{shared_request.pk}/intake/",
        {"done_on": "2026-11-20", "health_notes": "Overschreven"},
    )
    shared_request.refresh_from_db()
    assert shared_request.health_notes == "Moeder is in behandeling bij de GGZ."


def test_the_author_always_sees_their_own_confidential_note(
    client, other_coordinator, shared_request
):
    client.force_login(other_coordinator)
    client.post(
        f"/dashboard/verzoeken/{shared_request.pk}/notitie/",
        {"kind": "phone", "text": "Mijn eigen vertrouwelijke notitie", "confidential": "on"},
    )
    page = client.get(f"/dashboard/verzoeken/{shared_request.pk}/").content.decode()
    assert "Mijn eigen vertrouwelijke notitie" in page
