"""Every stored file has an owner record: a replaced scan is deleted once the
replacement is committed, and nothing of an erased volunteer stays on disk."""

import ast
import os

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from tests.architecture.test_layers import platform_modules
from volunteers.models import ScreeningStep
from volunteers.services import screening_attach_document

pytestmark = pytest.mark.django_db


def stored(media_root) -> list[str]:
    if not media_root.exists():
        return []
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def upload_vog(client, volunteer, name: str) -> None:
    scan = SimpleUploadedFile(name, b"%PDF-1.4 fictional scan", "application/pdf")
    response = client.post(
        reverse("coordinators:volunteer_screening", args=[volunteer.pk]),
        {"kind": "vog", "done_on": timezone.localdate().isoformat(), "document": scan},
    )
    assert response.status_code == 302


def test_uploading_a_vog_twice_deletes_the_first_scan_after_commit(
    client, coordinator, screened_volunteer, media_root, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    first = screened_volunteer.screening.get(kind="vog").document.path

    with django_capture_on_commit_callbacks(execute=True):
        upload_vog(client, screened_volunteer, "vog-renewed.pdf")

    step = screened_volunteer.screening.get(kind="vog")
    assert not os.path.exists(first)
    assert os.path.exists(step.document.path)
    assert step.document.name in stored(media_root)


def test_a_rolled_back_replacement_keeps_the_old_scan(
    screened_volunteer, media_root, django_capture_on_commit_callbacks
):
    step = screened_volunteer.screening.get(kind="vog")
    first_name, first_path = step.document.name, step.document.path

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        screening_attach_document(
            step=step, document=SimpleUploadedFile("vog-2.pdf", b"%PDF-1.4 new")
        )
        raise RuntimeError("the rest of the request failed")

    assert callbacks == []
    assert os.path.exists(first_path)
    assert ScreeningStep.objects.get(pk=step.pk).document.name == first_name


def test_after_erasing_a_volunteer_with_replaced_uploads_nothing_of_them_is_on_disk(
    client, coordinator, screened_volunteer, media_root, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        upload_vog(client, screened_volunteer, "vog-gerlinde-2025.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        upload_vog(client, screened_volunteer, "vog-gerlinde-2026.pdf")
    assert len(stored(media_root)) == 2  # the current VOG and the household member's

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy:volunteer_erase", args=[screened_volunteer.pk]), {"confirm": "on"}
        )

    assert response.status_code == 302
    assert stored(media_root) == []


def test_no_code_but_the_file_helpers_assigns_or_saves_a_file_field():
    """Whoever sets a file field by hand forgets the old file: only
    coalition/privacy/files.py may (tests and migrations aside)."""
    names = {
        field.name
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    }
    offenders = []
    for module, path in platform_modules():
        if module == "coalition.privacy.files":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            targets = node.targets if isinstance(node, ast.Assign) else []
            written = [t for t in targets if isinstance(t, ast.Attribute) and t.attr in names]
            saved = (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"save", "delete"}
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr in names
            )
            if written or saved:
                offenders.append(f"{module}:{node.lineno}")
    assert offenders == []
