"""Fill the database with invented demo data: a believable Tilburg, or the large benchmark set."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from devtools.demo import DemoBuilder, demo_data_exists, flush_demo
from devtools.demo.constants import DEMO_PASSWORD, DEMO_TOTP_SECRET, SIZES
from devtools.demo.flush import demo_logins, demo_totp_code


class Command(BaseCommand):
    help = (
        "Create invented demo data (families, volunteers, matches, demo logins). "
        "The same --seed gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when demo data is already loaded (used by `make run`).",
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="Only print the demo logins."
        )
        parser.add_argument(
            "--totp-code",
            action="store_true",
            help="Print the current two-step code of the demo staff accounts.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--families", type=int, help="Override the number of families.")
        parser.add_argument("--volunteers", type=int, help="Override the number of volunteers.")
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete the demo data made earlier by this command first.",
        )
        parser.add_argument(
            "--flush-only",
            action="store_true",
            help="Only delete the demo data; create nothing.",
        )

    def _print_logins(self, logins: list[tuple[str, str]]) -> None:
        if not logins:
            self.stdout.write("No demo logins: run `manage.py seed_demo` first.")
            return
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password: {DEMO_PASSWORD})"))
        width = max(len(role) for role, _email in logins)
        for role, email in logins:
            self.stdout.write(f"  {role:<{width}}  {email}")
        self.stdout.write(
            f"Staff accounts ask for a two-step code: add the secret {DEMO_TOTP_SECRET} to an "
            "authenticator app, or run `manage.py seed_demo --totp-code`."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["totp_code"]:
            self.stdout.write(demo_totp_code())
            return
        if options["print_logins"]:
            self._print_logins(demo_logins())
            return
        wants_flush = options["flush"] or options["flush_only"]
        if options["if_empty"] and not wants_flush and demo_data_exists():
            self.stdout.write("Demo data is already loaded; nothing to do.")
            self._print_logins(demo_logins())
            return
        if options["flush"] or options["flush_only"]:
            deleted = flush_demo()
            total = sum(deleted.values())
            self.stdout.write(
                f"Deleted {total} demo rows in {time.perf_counter() - started:.1f} s."
            )
            if options["flush_only"]:
                return
        elif demo_data_exists():
            raise CommandError(
                "This database already has demo data. "
                "Run `manage.py seed_demo --flush` to replace it."
            )
        size = SIZES[options["size"]]
        families = options["families"] if options["families"] is not None else size.families
        volunteers = options["volunteers"] if options["volunteers"] is not None else size.volunteers
        if families < 1 or volunteers < 1:
            raise CommandError("--families and --volunteers must be at least 1.")
        building = time.perf_counter()
        builder = DemoBuilder(seed=options["seed"], families=families, volunteers=volunteers)
        with transaction.atomic():
            builder.run()
        elapsed = time.perf_counter() - building

        self.stdout.write(self.style.MIGRATE_HEADING("Rows created"))
        width = max(len(label) for label in builder.counts)
        for label, count in builder.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>7}")
        self._print_logins(builder.logins)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ({families} families, {volunteers} volunteers, seed {options['seed']}) "
                f"created in {elapsed:.1f} s."
            )
        )
