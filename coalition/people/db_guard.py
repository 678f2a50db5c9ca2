"""The audit table's guard in PostgreSQL, and what the application's role may do.

Two database roles: the owner runs migrations and owns every table; the
application connects as a role that may read and write rows and nothing more: no
TRUNCATE, no trigger or table changes (those need the owner). On the audit table
it may only add and read rows; a DELETE passes the trigger only inside the
retention purge (`SET LOCAL coalition.audit_purge = 'on'`) and only for events
older than the retention period, so even the application's own credentials
cannot remove a recent event.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

AUDIT_TABLE = "people_auditevent"


def audit_guard_sql(retention_days: int) -> str:
    """The trigger function, with the retention period fixed in it by the owner."""
    days = int(retention_days)
    return f"""
CREATE OR REPLACE FUNCTION people_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('coalition.audit_purge', true) = 'on'
       AND OLD.occurred_at < now() - interval '{days} days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def app_role_grants_sql(role: str, connection: BaseDatabaseWrapper) -> list[str]:
    """What the application's role gets: rows, not tables; the audit table read,
    added to, and purged through the trigger."""
    quoted = connection.ops.quote_name(role)
    return [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        f"REVOKE UPDATE ON {AUDIT_TABLE} FROM {quoted}",
    ]


def db_guard_install(
    *, connection: BaseDatabaseWrapper, retention_days: int, app_role: str = ""
) -> None:
    """Install the audit guard (and, given the application's role, its grants).
    Run by the owner, after every migrate; a no-op on other databases."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(audit_guard_sql(retention_days))
        for statement in app_role_grants_sql(app_role, connection) if app_role else []:
            cursor.execute(statement)
