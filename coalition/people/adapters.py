"""allauth policy: staff and partners are invited, volunteers may sign up themselves."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Account sign-up is only reachable from the volunteer application,
        # which marks the session; everyone else gets an invitation.
        return bool(request.session.get("volunteer_signup_allowed"))
