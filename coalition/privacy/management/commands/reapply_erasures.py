"""After a restore: erase again every family and volunteer in the erasure log."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coalition.privacy.replay import erasure_log, erasure_log_write, erasures_reapply


class Command(BaseCommand):
    help = (
        "Replay the erasure log against the (restored) database. Without --log the log "
        "in this database is used; pass the newest exported log with --log FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("--log", type=Path, help="An erasure log written by --export.")
        parser.add_argument(
            "--export", type=Path, help="Write this database's erasure log to FILE and stop."
        )

    def handle(self, *args, **options):
        if options["export"]:
            count = erasure_log_write(options["export"])
            self.stdout.write(f"Wrote {count} erasures to {options['export']}.")
            return
        if options["log"]:
            try:
                entries = json.loads(options["log"].read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read the erasure log: {error}") from None
        else:
            entries = erasure_log()
        report = erasures_reapply(entries=entries)
        for kind, ids in report.erased.items():
            self.stdout.write(f"Erased again: {len(ids)} {kind}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(entries)} erasures in the log; {report.already_gone} already gone."
            )
        )
