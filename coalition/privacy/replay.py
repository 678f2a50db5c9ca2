"""Re-apply erasures after a database restore.

A backup is older than the erasures done after it was made. Every erasure is an
audit event (action "erase", object type and id, no personal data), so the
erasure log can be exported next to each backup and replayed after a restore.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from coalition.people.models import AuditAction, AuditEvent
from coalition.privacy import registry


@dataclass
class ReplayReport:
    erased: dict[str, list[int]] = field(default_factory=dict)
    already_gone: int = 0


def erasure_log() -> list[dict]:
    """Every erasure recorded in this database, oldest first."""
    rows = (
        AuditEvent.objects.filter(
            action=AuditAction.ERASE, target_type__in=registry.subject_labels()
        )
        .order_by("occurred_at", "id")
        .values("occurred_at", "target_type", "target_id")
    )
    return [
        {"at": row["occurred_at"].isoformat(), "type": row["target_type"], "id": row["target_id"]}
        for row in rows
    ]


def erasure_log_write(path: Path) -> int:
    entries = erasure_log()
    path.write_text(json.dumps(entries, indent=1), encoding="utf-8")
    return len(entries)


def erasures_reapply(*, entries: list[dict]) -> ReplayReport:
    """Erase again what the restored database still holds of each logged erasure."""
    report = ReplayReport()
    for entry in entries:
        kind, pk = entry["type"], int(entry["id"])
        subject = registry.subject(kind)
        row = None
        if subject is not None:
            row = subject.model.objects.filter(pk=pk, anonymised_at__isnull=True).first()
        if row is None:
            report.already_gone += 1
            continue
        subject.erase(row)
        report.erased.setdefault(kind, []).append(pk)
    return report
