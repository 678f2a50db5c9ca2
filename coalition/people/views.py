"""The one page of the people room: accepting an invitation."""

from __future__ import annotations

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from coalition.people.audit import audit_log
from coalition.people.forms import InvitationAcceptForm
from coalition.people.invitations import invited_user
from coalition.people.models import AuditAction
from coalition.people.services import user_accept_invitation

_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    user = invited_user(token)
    if user is None:
        return render(request, "people/invitation_invalid.html", status=410)
    form = InvitationAcceptForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = user_accept_invitation(
                    token=token,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend=_BACKEND)
                audit_log(request=request, action=AuditAction.CHANGE, obj=user)
        except ValidationError:
            return render(request, "people/invitation_invalid.html", status=410)
        # Staff go on to set up their authenticator app (the two-step middleware
        # sends them there); partners land on their own page.
        return redirect("coordinators:after_login")
    return render(request, "people/invitation_accept.html", {"form": form, "invited": user})
