"""Run by the database owner after `migrate`: re-install the audit table's guard
with the current RETENTION_AUDIT_DAYS and give the application's role its rights.

    DATABASE_URL=$MIGRATION_DATABASE_URL manage.py db_guard --app-role coalition_app
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from coalition.people.db_guard import db_guard_install


class Command(BaseCommand):
    help = "Install the audit guard and grant the application's database role its rights."

    def add_arguments(self, parser):
        parser.add_argument("--app-role", default="", help="The role the application connects as.")

    def handle(self, *args, **options):
        db_guard_install(
            connection=connection,
            retention_days=settings.RETENTION_AUDIT_DAYS,
            app_role=options["app_role"],
        )
        if connection.vendor != "postgresql":
            self.stdout.write("Not PostgreSQL: nothing to do.")
            return
        self.stdout.write(
            f"Audit guard installed ({settings.RETENTION_AUDIT_DAYS} days)"
            + (f"; rights granted to {options['app_role']}." if options["app_role"] else ".")
        )
