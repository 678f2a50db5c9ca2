"""Invite a coordinator, administrator or partner: creates the account and emails a
set-password link.

    manage.py invite_user anna@buurtgezinnen.example.org --role coordinator \
        --organisation "Buurtgezinnen" --programme buurtgezinnen
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from coalition.people.services import INVITABLE_ROLES, user_invite
from coalition.programmes.models import Organisation, Programme


class Command(BaseCommand):
    help = "Create a staff or partner account and email a link to choose a password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=sorted(INVITABLE_ROLES))
        parser.add_argument("--organisation", help="Name of the organisation.")
        parser.add_argument("--programme", action="append", default=[], help="Programme slug.")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--language", default="nl")

    def handle(self, *args, **options):
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(name=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"No organisation named {options['organisation']!r}.")
        programmes = list(Programme.objects.filter(slug__in=options["programme"]))
        if len(programmes) != len(set(options["programme"])):
            raise CommandError("Unknown programme slug in " + ", ".join(options["programme"]))
        try:
            user = user_invite(
                email=options["email"],
                role=options["role"],
                organisation=organisation,
                programmes=programmes,
                first_name=options["first_name"],
                last_name=options["last_name"],
                language=options["language"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"Invitation sent to {user.email} (user {user.pk}).")
