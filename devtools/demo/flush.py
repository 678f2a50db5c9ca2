"""Find and delete what `seed_demo` created, and nothing else.

Demo rows are recognised by their markers (see constants): addresses under the
demo domain, and consents with the demo text version for families. Programmes,
wijken and the coalition office are reference data and stay.
"""

from __future__ import annotations

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.db import transaction
from django.db.models import Q

from coalition.people.models import Role, User
from coalition.programmes.models import Organisation
from devtools.demo import constants as c
from families.models import Consent, Family, Referral
from matching.models import Match
from volunteers.models import Volunteer, VolunteerConsent

DEMO_SUFFIX = "@" + c.DEMO_DOMAIN
DEMO_SUBDOMAIN_SUFFIX = "." + c.DEMO_DOMAIN


def _demo_address(field: str) -> Q:
    return Q(**{f"{field}__iendswith": DEMO_SUFFIX}) | Q(
        **{f"{field}__iendswith": DEMO_SUBDOMAIN_SUFFIX}
    )


def demo_data_exists() -> bool:
    return (
        User.objects.filter(_demo_address("email")).exists()
        or Organisation.objects.filter(_demo_address("email")).exists()
        or Consent.objects.filter(text_version=c.DEMO_CONSENT_VERSION).exists()
        or VolunteerConsent.objects.filter(text_version=c.DEMO_CONSENT_VERSION).exists()
        or Volunteer.objects.filter(_demo_address("email")).exists()
    )


@transaction.atomic
def flush_demo() -> dict[str, int]:
    """Delete the demo families, volunteers, matches, users and partner organisations.
    Returns the number of rows deleted per model (cascades included)."""
    families = Consent.objects.filter(text_version=c.DEMO_CONSENT_VERSION).values("family_id")
    volunteers = Volunteer.objects.filter(
        _demo_address("email")
        | Q(
            pk__in=VolunteerConsent.objects.filter(text_version=c.DEMO_CONSENT_VERSION).values(
                "volunteer_id"
            )
        )
    ).values("pk")
    deleted: dict[str, int] = {}

    def tally(result: tuple[int, dict[str, int]]) -> None:
        for label, count in result[1].items():
            deleted[label] = deleted.get(label, 0) + count

    # Matches and referrals protect requests, volunteers and consents: they go first.
    tally(
        Match.objects.filter(
            Q(request__family_id__in=families) | Q(volunteer_id__in=volunteers)
        ).delete()
    )
    tally(Referral.objects.filter(request__family_id__in=families).delete())
    tally(Family.objects.filter(pk__in=families).delete())
    tally(Volunteer.objects.filter(pk__in=volunteers).delete())
    tally(User.objects.filter(_demo_address("email")).delete())
    tally(Organisation.objects.filter(_demo_address("email")).delete())
    return deleted


def demo_logins() -> list[tuple[str, str]]:
    """(role, email) of every demo account, staff first."""
    order = {"admin": 0, "intake": 1, "coordinator": 2, "partner": 3, "volunteer": 4}
    users = User.objects.filter(_demo_address("email")).values_list("role", "email")
    labels = dict(Role.choices)
    return [
        (str(labels.get(role, role)), email)
        for role, email in sorted(users, key=lambda u: (order.get(u[0], 9), u[1]))
    ]


def demo_totp_code() -> str:
    """The two-step code the demo staff accounts accept right now."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(c.DEMO_TOTP_SECRET, counter))
