"""The application's database role cannot empty, alter or un-guard the audit table,
and even inside the purge it deletes only events past their retention (issue 14.8).
PostgreSQL only: the guard is a trigger and the rights are the database's own."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from coalition.people.audit import audit_log
from coalition.people.models import AuditAction, AuditEvent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

APP_ROLE = "coalition_app_test"


@pytest.fixture
def app_role():
    with connection.cursor() as cursor:
        cursor.execute(f"DROP ROLE IF EXISTS {APP_ROLE}")
        cursor.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    call_command("db_guard", "--app-role", APP_ROLE)
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        dbname=settings["NAME"],
        user=APP_ROLE,
    ) as app:
        yield app
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {APP_ROLE}")
        cursor.execute(f"DROP ROLE {APP_ROLE}")


@pytest.fixture
def events(coordinator):
    request = RequestFactory().get("/")
    request.user = coordinator
    recent = audit_log(request=request, action=AuditAction.VIEW, target_type="x", target_id=1)
    old = audit_log(request=request, action=AuditAction.VIEW, target_type="x", target_id=2)
    # Written as the owner would have: an event from long before the retention period.
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE people_auditevent DISABLE TRIGGER people_auditevent_append_only"
        )
        cursor.execute(
            "UPDATE people_auditevent SET occurred_at = %s WHERE id = %s",
            [dt.datetime(2015, 1, 1, tzinfo=dt.UTC), old.pk],
        )
        cursor.execute("ALTER TABLE people_auditevent ENABLE TRIGGER people_auditevent_append_only")
    return recent, old


def refused(app, *statements) -> bool:
    """Whether the database refuses the statements (SQL, or (SQL, params)), run in
    one transaction as the application's role."""
    try:
        with app.transaction():
            for statement in statements:
                sql, params = statement if isinstance(statement, tuple) else (statement, ())
                app.execute(sql, params)
    except psycopg.errors.InsufficientPrivilege:
        return True
    except psycopg.errors.RaiseException as error:
        return "append-only" in str(error)
    return False


def test_the_application_reads_and_writes_rows(app_role, events):
    assert app_role.execute("SELECT count(*) FROM people_auditevent").fetchone()[0] == 2
    assert not refused(app_role, "UPDATE families_family SET pc4 = pc4")


def test_the_application_cannot_empty_alter_or_unguard_the_audit_table(app_role, events):
    assert refused(app_role, "TRUNCATE people_auditevent")
    assert refused(app_role, "ALTER TABLE people_auditevent DISABLE TRIGGER ALL")
    assert refused(app_role, "DROP TRIGGER people_auditevent_append_only ON people_auditevent")
    assert refused(app_role, "UPDATE people_auditevent SET action = 'export'")
    assert AuditEvent.objects.count() == 2


def test_even_the_purge_deletes_only_events_past_their_retention(app_role, events):
    recent, old = events
    purge = "SET LOCAL coalition.audit_purge = 'on'"

    with app_role.transaction():
        app_role.execute(purge)
        app_role.execute("DELETE FROM people_auditevent WHERE id = %s", [old.pk])
    delete_recent = ("DELETE FROM people_auditevent WHERE id = %s", [recent.pk])
    assert refused(app_role, purge, delete_recent)

    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]
