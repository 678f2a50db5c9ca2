"""Turning a notification into an email: templates in the recipient's language, and .ics.

Only what a notification's context holds goes into an email: first names,
reference codes, dates and links. Never a family's situation, health or notes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from coalition.notifications.calendar import calendar_event
from coalition.notifications.kinds import kind_of
from coalition.notifications.models import Notification
from coalition.notifications.registry import record_page, reminder_kind
from coalition.notifications.subjects import notification_subject, typed_context


def send_context(notification: Notification) -> dict:
    """Values added at send time: links, the recipient's first name, what the domain
    app that scheduled the reminder adds (see the registry)."""
    site = settings.SITE_URL
    user = notification.recipient_user
    context: dict = {
        "notifications_url": site + reverse("coordinators:notifications"),
        "preferences_url": site + reverse("coordinators:notification_preferences"),
        "recipient_first_name": (
            user.first_name
            if user is not None
            else notification.context.get("parent_first_name")
            or notification.context.get("first_name")
            or notification.context.get("volunteer_first_name", "")
        ),
        "for_user": user is not None,
    }
    target = notification.target if user is not None and user.is_staff_member else None
    path = record_page(target) if target is not None else None
    if path:
        context["record_url"] = site + path
    rule = reminder_kind(notification.kind)
    if rule is not None and rule.send_context is not None:
        context.update(rule.send_context(notification))
    return context


def notification_message(notification: Notification, *, connection=None) -> EmailMultiAlternatives:
    kind = kind_of(notification.kind)
    address = (
        notification.recipient_user.email
        if notification.recipient_user_id
        else notification.recipient_email
    )
    with translation.override(notification.language):
        context = {
            **typed_context(notification.context),
            **send_context(notification),
            "site_url": settings.SITE_URL,
            "coalition_phone": settings.COALITION_PHONE,
            "privacy_email": settings.PRIVACY_CONTACT_EMAIL,
            "notification": notification,
            "LANGUAGE_CODE": notification.language,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        subject = notification_subject(notification, context)
        text = render_to_string(f"emails/{kind.slug}.txt", context)
        html = render_to_string(f"emails/{kind.slug}.html", context)
        calendar = evaluation_calendar(notification, context) if kind.calendar else None
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[address],
        connection=connection,
        headers={"X-Coalition-Notification": str(notification.pk)},
    )
    message.attach_alternative(html, "text/html")
    if calendar is not None:
        message.attach("evaluation.ics", calendar, "text/calendar")
    return message


def evaluation_calendar(notification: Notification, context: dict) -> bytes:
    """An all-day calendar event on the evaluation date; the exact hour is agreed
    by phone. The UID is the follow-up's, so a later reminder updates the same event."""
    code = context.get("reference_code", "")
    return calendar_event(
        uid=f"followup-{context.get('followup_id', notification.target_id)}",
        summary=_("Evaluation meeting %(code)s") % {"code": code},
        description=_(
            "Evaluation of the match %(code)s. Your coordinator agrees the time with you."
        )
        % {"code": code},
        start=context["due_on"],
    )
