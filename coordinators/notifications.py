"""Scheduling notifications. Sending is done by the sweep in coordinators/tasks.py."""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models

from coordinators.models import Notification, User


def notification_key(
    kind: str, target: models.Model | None, due_at: datetime, recipient: str
) -> str:
    target_part = f"{target._meta.label_lower}:{target.pk}" if target is not None else "-"
    return f"{kind}|{target_part}|{due_at.isoformat()}|{recipient}"[:200]


def notification_schedule(
    *,
    kind: str,
    due_at: datetime,
    target: models.Model | None = None,
    recipient_user: User | None = None,
    recipient_email: str = "",
    language: str = "nl",
    context: dict | None = None,
) -> Notification:
    """Schedule one notification; calling it again for the same moment is a no-op.

    Call it inside the transaction of the change that causes it, so a rollback
    leaves no notification behind and a commit never loses one.
    """
    recipient = str(recipient_user.pk) if recipient_user else recipient_email.lower()
    notification, _created = Notification.objects.get_or_create(
        key=notification_key(kind, target, due_at, recipient),
        defaults={
            "kind": kind,
            "due_at": due_at,
            "recipient_user": recipient_user,
            "recipient_email": recipient_email,
            "language": language,
            "target_type": ContentType.objects.get_for_model(target)
            if target is not None
            else None,
            "target_id": target.pk if target is not None else None,
            "context": context or {},
        },
    )
    return notification
