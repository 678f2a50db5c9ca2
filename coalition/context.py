"""What every page may show: how to reach the coalition, and its privacy contact."""

from __future__ import annotations

from django.conf import settings


def coalition_contact(request=None) -> dict:
    return {
        "coalition_phone": settings.COALITION_PHONE,
        "privacy_email": settings.PRIVACY_CONTACT_EMAIL,
    }
