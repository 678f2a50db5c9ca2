"""manage.py instrument_import path.json: add a licensed instrument from its holder's file."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coalition.instruments.loading import InstrumentFileError
from coalition.instruments.services import instrument_import


class Command(BaseCommand):
    help = (
        "Add an instrument to the registry from a licence holder's JSON file (docs/instruments.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            instrument = instrument_import(data=data)
        except InstrumentFileError as error:
            raise CommandError(
                "\n".join(["The file was not imported:", *error.problems])
            ) from error
        self.stdout.write(
            f"Imported {instrument} with {instrument.items.count()} items "
            f"in {', '.join(instrument.languages)}."
        )
