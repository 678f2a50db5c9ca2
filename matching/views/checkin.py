"""The volunteer's monthly check-in form, opened from the link in their email (no login)."""

from __future__ import annotations

from django.shortcuts import redirect, render

from matching.checkins import check_in_record
from matching.forms import CheckInForm
from matching.reminders import check_in_notification


def volunteer_check_in(request, token: str):
    notification = check_in_notification(token)
    if notification is None:
        return render(request, "matching/checkin_invalid.html", status=404)
    if notification.responded_at is not None:
        return render(request, "matching/checkin_done.html")
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check_in_record(notification=notification, **form.cleaned_data)
        return redirect(request.path)
    first_name = notification.context.get("volunteer_first_name", "")
    return render(request, "matching/checkin_form.html", {"form": form, "first_name": first_name})
