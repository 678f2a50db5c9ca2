"""allauth policy: staff and partners are invited, volunteers may sign up themselves;
the second factor is stored encrypted."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from coalition.people.mfa_secrets import mfa_decrypt, mfa_encrypt


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Account sign-up is only reachable from the volunteer application,
        # which marks the session; everyone else gets an invitation.
        return bool(request.session.get("volunteer_signup_allowed"))


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are stored encrypted (mfa_secrets.py)."""

    def encrypt(self, text: str) -> str:
        return mfa_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return mfa_decrypt(encrypted_text)
