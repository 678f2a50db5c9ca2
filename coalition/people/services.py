"""Writes on accounts: invitations and deactivation.

Staff and partners never sign up themselves: an administrator invites them,
and the invitation email carries a link, valid for seven days and once, where
the invited person gives their name and chooses a password; nobody else ever
chooses or sees it.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coalition.people.invitations import INVITATION_VALID_FOR, invitation_path, invited_user
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


def user_send_invitation(*, user: User) -> None:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "url": settings.SITE_URL + invitation_path(user),
            "days": INVITATION_VALID_FOR.days,
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


@transaction.atomic
def user_accept_invitation(*, token: str, first_name: str, last_name: str, password: str) -> User:
    """The invited person's name and password, in one step; the link is used up."""
    user = invited_user(token)
    if user is None:
        raise ValidationError(_("This invitation link is no longer valid."), code="invalid_link")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.has_usable_password():
        raise ValidationError(_("This invitation link is no longer valid."), code="invalid_link")
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.set_password(password)
    user.save(update_fields=["first_name", "last_name", "password"])
    return user
