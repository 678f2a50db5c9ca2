"""PostgreSQL: the audit trigger lets the retention purge delete an event only when
it is older than the retention period (fixed in the function by the owner; the
`db_guard` command re-installs it with the current RETENTION_AUDIT_DAYS)."""

from django.conf import settings
from django.db import migrations

from coalition.people.db_guard import audit_guard_sql

PREVIOUS = """
CREATE OR REPLACE FUNCTION people_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('coalition.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(audit_guard_sql(settings.RETENTION_AUDIT_DAYS), params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS, params=None)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_encrypt_mfa_secrets")]

    operations = [migrations.RunPython(forward, backward)]
