"""Writes on accounts: invitations and deactivation.

Staff and partners never sign up themselves: an administrator invites them,
and the invitation email carries an allauth set-password link (the password
reset flow), so the platform never sees or sends a password.
"""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coalition.people.models import Coordinator, Role, User
from coalition.programmes.models import Organisation, Programme

INVITABLE_ROLES = frozenset(
    {Role.COALITION_ADMIN, Role.COORDINATOR, Role.INTAKE_COORDINATOR, Role.PARTNER}
)


def user_delete_sessions(user: User) -> int:
    """End every session of `user` (the database session backend)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User) -> int:
    """Block the account and log it out everywhere; returns the sessions ended."""
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    return user_delete_sessions(user)


def set_password_url(user: User) -> str:
    """allauth's password-reset-from-key link, valid for PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def user_send_invitation(*, user: User) -> None:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "url": set_password_url(user),
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        }
        subject = render_to_string("emails/account_invitation_subject.txt", context).strip()
        body = render_to_string("emails/account_invitation.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def user_invite(
    *,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    programmes: list[Programme] | None = None,
    first_name: str = "",
    last_name: str = "",
    language: str = "nl",
) -> User:
    """Create an account with a role (and for coordinators their programmes) and
    email a link to choose a password. Calling it again for an existing address
    re-sends the invitation without changing the account."""
    if role not in INVITABLE_ROLES:
        raise ValidationError(_("Only staff and partners are invited; volunteers sign up."))
    if role in (Role.PARTNER, Role.COORDINATOR, Role.INTAKE_COORDINATOR) and organisation is None:
        raise ValidationError(_("Give the organisation this person works for."))
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=None,
            role=role,
            organisation=organisation,
            first_name=first_name,
            last_name=last_name,
            preferred_language=language,
            is_staff=role == Role.COALITION_ADMIN,
        )
        user.full_clean(exclude=["password"])
        # The set-password link goes to this address: using it proves the address.
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if role in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            coordinator = Coordinator.objects.create(user=user, organisation=organisation)
            coordinator.programmes.set(programmes or [])
    transaction.on_commit(lambda: user_send_invitation(user=user))
    return user
