"""After a restore from an older backup, the erasure log erases the family again."""

import json

import pytest
from django.core.management import call_command

from coalition.people.models import AuditAction, AuditEvent
from families.models import Family, Parent

pytestmark = pytest.mark.django_db


def test_a_family_restored_from_an_older_backup_is_erased_again(family_a, tmp_path):
    # The erasure happened after the backup: the restored database still has the
    # family, but the exported erasure log (kept with the backups) names it.
    log = tmp_path / "erasures.json"
    log.write_text(
        json.dumps(
            [
                {
                    "at": "2026-11-20T10:00:00+01:00",
                    "type": "families.family",
                    "id": family_a.family.pk,
                }
            ]
        )
    )

    call_command("reapply_erasures", "--log", str(log))

    assert not Parent.objects.filter(first_name="Zwaantje").exists()
    assert Family.objects.get(pk=family_a.family.pk).anonymised_at is not None


def test_the_log_exported_from_the_database_replays_to_nothing_new(family_a, tmp_path):
    AuditEvent.objects.create(
        action=AuditAction.ERASE, target_type="families.family", target_id=str(family_a.family.pk)
    )
    log = tmp_path / "erasures.json"
    call_command("reapply_erasures", "--export", str(log))
    assert json.loads(log.read_text())[0]["id"] == str(family_a.family.pk)

    call_command("reapply_erasures", "--log", str(log))
    call_command("reapply_erasures", "--log", str(log))  # a second replay changes nothing

    assert Family.objects.get(pk=family_a.family.pk).anonymised_at is not None
