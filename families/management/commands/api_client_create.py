"""Make an API client for a partner organisation; prints its id and secret once.

    manage.py api_client_create --organisation "OBS De Regenboog" \
        --scopes "referrals:write referrals:read"
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from coalition.programmes.models import Organisation
from families.services import api_client_create


class Command(BaseCommand):
    help = "Create an OAuth 2 client (client credentials) for a partner organisation."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="Name of the organisation.")
        parser.add_argument(
            "--scopes", required=True, help='E.g. "referrals:write referrals:read".'
        )

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation named {options['organisation']!r}.")
        try:
            new = api_client_create(organisation=organisation, scopes=options["scopes"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        # One JSON line, the only time the secret is shown: store it in the partner's vault.
        self.stdout.write(
            json.dumps(
                {
                    "client_id": new.client_id,
                    "client_secret": new.client_secret,
                    "organisation": organisation.name,
                    "scopes": new.client.scopes,
                    "token_url": settings.SITE_URL + reverse("api:token"),
                }
            )
        )
