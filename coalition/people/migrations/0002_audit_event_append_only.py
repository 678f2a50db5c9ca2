"""Make the audit table append-only in the database itself.

PostgreSQL: a trigger refuses every UPDATE and DELETE. The only exception is
the retention purge, which sets `coalition.audit_purge = on` for its own
transaction (SET LOCAL) to delete events older than the retention period.
TRUNCATE (used by test database flushes) is not a row operation and is left
to database privileges.

SQLite (development and most tests): a trigger refuses UPDATE; DELETE is
guarded by the model only, because the test runner empties tables with DELETE.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION people_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('coalition.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER people_auditevent_append_only
    BEFORE UPDATE OR DELETE ON people_auditevent
    FOR EACH ROW EXECUTE FUNCTION people_auditevent_append_only();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS people_auditevent_append_only ON people_auditevent;
DROP FUNCTION IF EXISTS people_auditevent_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER people_auditevent_no_update
BEFORE UPDATE ON people_auditevent
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused');
END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS people_auditevent_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
