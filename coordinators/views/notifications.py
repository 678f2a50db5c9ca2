"""Everyone's notifications in the platform (/meldingen/) and how they want them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalition.notifications.forms import NotificationPreferencesForm
from coalition.notifications.kinds import kind_of, kinds_for_role
from coalition.notifications.models import Notification, NotificationPreference, NotificationStatus
from coalition.notifications.rendering import notification_subject
from coalition.notifications.services import (
    notification_mark_read,
    notification_preferences_set,
    notification_resolve,
)
from coalition.people.access import coordinator_required
from coalition.people.audit import audit_list

PAGE_SIZE = 30


@require_safe
@login_required
def notification_list(request):
    audit_list(request, target_type="notifications.notification")
    rows = (
        Notification.objects.filter(recipient_user=request.user, due_at__lte=timezone.now())
        .exclude(status=NotificationStatus.CANCELLED)
        .order_by("-due_at", "-id")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    items = [
        {
            "notification": n,
            "label": kind_of(n.kind).label,
            "subject": notification_subject(n),
        }
        for n in page
    ]
    attention = []
    if request.user.is_staff_member:
        attention = [
            {"notification": n, "label": kind_of(n.kind).label}
            for n in Notification.objects.visible_to(request.user)
            .filter(status=NotificationStatus.NEEDS_ATTENTION)
            .select_related("recipient_user")
            .order_by("due_at")[:50]
        ]
    return render(
        request,
        "coordinators/notification_list.html",
        {"page": page, "items": items, "attention": attention},
    )


@login_required
@require_POST
def notification_read(request):
    ids = request.POST.getlist("id")
    notification_mark_read(
        user=request.user, notification_ids=[int(i) for i in ids if i.isdigit()] if ids else None
    )
    return redirect("coordinators:notifications")


@login_required
def notification_preferences(request):
    kinds = kinds_for_role(request.user.role)
    current = dict(
        NotificationPreference.objects.filter(user=request.user).values_list("kind", "delivery")
    )
    form = NotificationPreferencesForm(request.POST or None, kinds=kinds, current=current)
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(user=request.user, deliveries=form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("coordinators:notification_preferences")
    return render(request, "coordinators/notification_preferences.html", {"form": form})


@coordinator_required
@require_POST
def notification_resolve_view(request, pk: int):
    notification = get_object_or_404(
        Notification.objects.visible_to(request.user),
        pk=pk,
        status=NotificationStatus.NEEDS_ATTENTION,
    )
    send_again = request.POST.get("action") == "send_again"
    notification_resolve(notification=notification, send_again=send_again, by=request.user)
    messages.success(
        request,
        _("The message will be sent again.") if send_again else _("Marked as handled."),
    )
    return redirect("coordinators:notifications")
