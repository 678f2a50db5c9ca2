"""Nobody, the application included, changes or deletes an audit event."""

import datetime as dt

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from coalition.people.audit import audit_log
from coalition.people.models import AuditAction, AuditEvent
from coalition.privacy.retention import audit_purge

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(coordinator):
    request = RequestFactory().get("/")
    request.user = coordinator
    return audit_log(
        request=request, action=AuditAction.VIEW, target_type="families.family", target_id=1
    )


def test_the_model_refuses_to_save_a_changed_event(event):
    event.action = AuditAction.EXPORT
    with pytest.raises(PermissionError):
        event.save()


def test_the_model_refuses_to_delete_an_event(event):
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="export")


def test_the_database_refuses_an_update_even_in_raw_sql(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE people_auditevent SET action = 'export' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get().action == AuditAction.VIEW


@pytest.mark.postgres
def test_postgresql_refuses_a_delete_even_in_raw_sql(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM people_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.count() == 1


def test_retention_purges_only_events_older_than_the_period(coordinator, settings):
    settings.RETENTION_AUDIT_DAYS = 5 * 365
    request = RequestFactory().get("/")
    request.user = coordinator
    with time_machine.travel(dt.datetime(2020, 1, 1, tzinfo=dt.UTC)):
        audit_log(request=request, action=AuditAction.VIEW, target_type="x", target_id=1)
    with time_machine.travel(dt.datetime(2024, 1, 1, tzinfo=dt.UTC)):
        audit_log(request=request, action=AuditAction.VIEW, target_type="x", target_id=2)

    with time_machine.travel(dt.datetime(2026, 11, 23, tzinfo=dt.UTC)):
        purged = audit_purge()

    assert purged == 1
    assert list(AuditEvent.objects.values_list("target_id", flat=True)) == ["2"]
