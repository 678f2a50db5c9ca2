"""Files that no record owns (a replacement whose transaction rolled back, or
left behind before every replacement deleted its old file) are removed by the
nightly retention sweep."""

import os
import time

import pytest
from django.core.files.base import ContentFile

from coalition.privacy.files import stored_files_sweep
from coalition.privacy.retention import retention_apply

pytestmark = pytest.mark.django_db


def test_the_sweep_removes_old_files_that_no_record_owns(screened_volunteer, media_root):
    owned = screened_volunteer.screening.get(kind="vog").document.path
    orphan = media_root / "screening" / "2024" / "vog-left-behind.pdf"
    fresh = media_root / "screening" / "2026" / "upload-in-progress.pdf"
    for path in (orphan, fresh):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4 old")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(orphan, (two_days_ago, two_days_ago))
    os.utime(owned, (two_days_ago, two_days_ago))

    assert stored_files_sweep() == 1

    assert not orphan.exists()
    assert fresh.exists()  # may belong to a transaction not yet committed
    assert os.path.exists(owned)


def test_the_sweep_with_an_empty_media_folder_does_nothing(media_root):
    assert stored_files_sweep() == 0


def test_a_file_saved_without_the_service_is_still_owned(screened_volunteer, media_root):
    step = screened_volunteer.screening.get(kind="vog")
    step.document.save("vog-direct.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    os.utime(step.document.path, (time.time() - 3 * 24 * 3600,) * 2)

    stored_files_sweep()

    assert os.path.exists(step.document.path)


def test_the_nightly_retention_run_sweeps_the_files_no_record_owns(media_root):
    orphan = media_root / "screening" / "2023" / "vog.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.4 old")
    os.utime(orphan, (time.time() - 2 * 24 * 3600,) * 2)

    assert retention_apply()["orphan_files"] == 1
    assert not orphan.exists()
