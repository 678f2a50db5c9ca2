"""allauth policy: staff and partners are invited, volunteers may sign up themselves;
the second factor is stored encrypted."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.utils.encoding import force_str

from coalition.people.mfa_secrets import mfa_decrypt, mfa_encrypt


def coalition_site() -> SimpleNamespace:
    """What allauth's emails call "the site": the coalition, at the address it runs on
    (not the host and port of whichever request sent the email)."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Account sign-up is only reachable from the volunteer application,
        # which marks the session; everyone else gets an invitation.
        return bool(request.session.get("volunteer_signup_allowed"))

    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.SITE_NAME}] {force_str(subject)}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {**context, "current_site": coalition_site()})


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are stored encrypted (mfa_secrets.py)."""

    def encrypt(self, text: str) -> str:
        return mfa_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return mfa_decrypt(encrypted_text)
