"""Erasure (AVG art. 17) and anonymisation at the end of the retention period.

The same relation walk as the export finds every row of the person. Rows that
the coalition needs for its statistics (how many families, which wijk, which
programme, how long, how it ended) stay, with every free text, contact detail
and name cleared; the rest is deleted. Uploaded files are deleted from storage.
Notifications about the erased rows, or addressed to the person, are deleted.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from coalition.notifications.models import Notification
from coalition.people.models import Role
from coalition.people.services import user_delete_sessions
from coalition.privacy.walk import Collected, collect

logger = logging.getLogger(__name__)

# Deleted outright: nothing in them is needed once the person is gone.
DELETE_MODELS = frozenset(
    {
        "families.parent",
        "matching.contactnote",
        "volunteers.householdmember",
        # Screening has no use once the person is anonymous (and an exempted step
        # must keep its reason, so it cannot be cleared).
        "volunteers.screeningstep",
    }
)
# Kept as they are: codes and reference values used for statistics, not personal
# on their own (a four-digit postcode covers thousands of people).
KEEP_FIELDS = frozenset(
    {
        "families.family.pc4",
        "families.family.languages",
        "families.supportrequest.reference_code",
        "families.supportrequest.language",
        "families.consent.text_version",
        "families.consent.text",
        "volunteers.volunteer.pc4",
        "volunteers.volunteer.languages",
    }
)


@dataclass
class ErasureReport:
    anonymised: Counter = dataclasses.field(default_factory=Counter)
    deleted: Counter = dataclasses.field(default_factory=Counter)
    files_deleted: int = 0
    notifications_deleted: int = 0

    def as_dict(self) -> dict:
        return {
            "anonymised": dict(self.anonymised),
            "deleted": dict(self.deleted),
            "files_deleted": self.files_deleted,
            "notifications_deleted": self.notifications_deleted,
        }


def _is_free_text(field: models.Field) -> bool:
    if isinstance(field, (models.TextField, models.EmailField, models.GenericIPAddressField)):
        return True
    # Codes have choices; everything else typed by a person is free text.
    return isinstance(field, models.CharField) and not field.choices


def anonymise_row(obj: models.Model, report: ErasureReport) -> None:
    """Clear every field that can hold personal data; keep codes, dates, numbers."""
    from families.models import SPECIAL_CATEGORY_SITUATIONS, SupportRequest

    label = obj._meta.label_lower
    changed: list[str] = []
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.is_relation or f"{label}.{field.name}" in KEEP_FIELDS:
            continue
        if isinstance(field, models.FileField):
            if getattr(obj, field.name):
                _delete_file_on_commit(getattr(obj, field.name), report)
                setattr(obj, field.attname, "")
                changed.append(field.attname)
        elif isinstance(field, models.JSONField):
            if isinstance(obj, SupportRequest) and field.name == "situation":
                value = [code for code in obj.situation if code not in SPECIAL_CATEGORY_SITUATIONS]
            else:
                value = field.get_default()
            setattr(obj, field.attname, value)
            changed.append(field.attname)
        elif _is_free_text(field):
            setattr(obj, field.attname, None if field.null else "")
            changed.append(field.attname)
    if any(f.name == "anonymised_at" for f in obj._meta.concrete_fields):
        obj.anonymised_at = timezone.now()
        changed.append("anonymised_at")
    if changed:
        type(obj)._base_manager.filter(pk=obj.pk).update(
            **{name: getattr(obj, name) for name in changed}
        )
    report.anonymised[label] += 1


def _delete_rows(collected: Collected, report: ErasureReport) -> None:
    for model in [m for m in collected.rows if m._meta.label_lower in DELETE_MODELS]:
        _delete_files(collected.of(model), report)
        _deleted, per_model = model._base_manager.filter(
            pk__in=list(collected.rows[model])
        ).delete()
        for name, count in per_model.items():
            report.deleted[name.lower()] += count
    # Forget rows that went with them by cascade, so they are not anonymised after.
    for model, bucket in collected.rows.items():
        alive = set(model._base_manager.filter(pk__in=list(bucket)).values_list("pk", flat=True))
        collected.rows[model] = {pk: obj for pk, obj in bucket.items() if pk in alive}


def _delete_file_on_commit(stored, report: ErasureReport) -> None:
    """Remove the file once the erasure is committed: a rollback keeps row and file."""
    storage, name = stored.storage, stored.name
    transaction.on_commit(lambda: storage.delete(name))
    report.files_deleted += 1


def _delete_files(rows: list[models.Model], report: ErasureReport) -> None:
    for obj in rows:
        for file_field in obj._meta.concrete_fields:
            if isinstance(file_field, models.FileField) and getattr(obj, file_field.name):
                _delete_file_on_commit(getattr(obj, file_field.name), report)


def _delete_notifications(collected: Collected, emails: set[str], report: ErasureReport) -> None:
    about = set(collected.notifications().values_list("pk", flat=True))
    if emails:
        about |= set(
            Notification.objects.filter(recipient_email__in=emails).values_list("pk", flat=True)
        )
    report.notifications_deleted = Notification.objects.filter(pk__in=about).delete()[0]


def _erase(collected: Collected, emails: set[str], report: ErasureReport) -> None:
    _delete_notifications(collected, emails, report)
    _delete_rows(collected, report)
    for obj in collected:
        anonymise_row(obj, report)


def _close_open_work(family, by) -> None:
    """Without a name or a phone number nobody can help the family any more: end
    its open matches and withdraw its open requests, through the usual services."""
    from families.models import RequestStatus, SupportRequest
    from families.services import request_change_status
    from matching.models import EndReason, Match, Outcome
    from matching.services import match_end

    reason = "Personal data erased at the family's request."
    for match in Match.objects.filter(request__family=family).open():
        match_end(match=match, reason=EndReason.FAMILY_WITHDREW, outcome=Outcome.UNKNOWN, by=by)
    for request in SupportRequest.objects.filter(family=family).open():
        request_change_status(
            request=request, to_status=RequestStatus.WITHDRAWN, by=by, reason=reason
        )


@transaction.atomic
def family_erase(*, family, by=None) -> ErasureReport:
    """Remove a family's personal data everywhere; keep anonymous statistics.
    Open requests are withdrawn and open matches ended first."""
    _close_open_work(family, by)
    collected = collect(family)
    emails = {p.email.lower() for p in family.parents.all() if p.email}
    report = ErasureReport()
    _erase(collected, emails, report)
    logger.info("family %s erased: %s", family.pk, report.as_dict())
    return report


@transaction.atomic
def volunteer_erase(*, volunteer) -> ErasureReport:
    """Remove a volunteer's personal data; a volunteer without any match is
    deleted altogether, one with matches stays as an anonymous row (the matches
    count in the statistics). Their login account is deleted."""
    from volunteers.models import ScreeningStep

    collected = collect(volunteer)
    emails = {volunteer.email.lower()} if volunteer.email else set()
    user = volunteer.user
    report = ErasureReport()
    if volunteer.matches.exists():
        _erase(collected, emails, report)
    else:
        _delete_notifications(collected, emails, report)
        _delete_files(collected.of(ScreeningStep), report)
        _deleted, per_model = volunteer.delete()
        report.deleted.update({name.lower(): count for name, count in per_model.items()})
    if user is not None and user.role == Role.VOLUNTEER:
        user_delete_sessions(user)
        report.deleted["people.user"] += 1
        user.delete()
    logger.info("volunteer %s erased: %s", volunteer.pk, report.as_dict())
    return report
