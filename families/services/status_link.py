"""A coordinator gives the parent a new private status link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.models import Notification
from coalition.notifications.services import notification_schedule
from families.models import SupportRequest
from families.services.front_door import (
    request_issue_status_link,
    request_revoke_status_link,
    status_url,
)


def status_link_recipient(request: SupportRequest):
    """The primary parent with an email address, who can receive a new link (or None)."""
    return request.family.parents.filter(is_primary_contact=True).exclude(email="").first()


@transaction.atomic
def request_reissue_status_link(*, request: SupportRequest, by) -> Notification:
    """Stop the parent's status link and email them a new one, in their language.

    The old link then opens the "link no longer valid" page. Only for an open
    request whose parent gave an email address: the new link is never shown to
    the coordinator, and the email's copy of it is wiped once it is sent
    (SECRET_CONTEXT_KEYS), so no usable link is kept at rest. The coordinator's
    action is audited by the page that calls this (get_visible_or_404)."""
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.is_open:
        raise ValidationError(
            _("This request is no longer open: its status link cannot be renewed."),
            code="request_closed",
        )
    parent = status_link_recipient(locked)
    if parent is None:
        raise ValidationError(
            _("The parent has no email address. Add one first, or tell them by phone."),
            code="no_email",
        )
    request_revoke_status_link(request=locked)
    token = request_issue_status_link(request=locked)
    notification = notification_schedule(
        kind="status_link",
        due_at=timezone.now(),
        target=locked,
        recipient_email=parent.email,
        language=locked.language,
        context={
            "reference_code": locked.reference_code,
            "status_url": status_url(token),
            "first_name": parent.first_name,
            "renewed": True,
        },
    )
    request.refresh_from_db()
    return notification
