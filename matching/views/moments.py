"""The volunteer's support moments: a month of them, plan one (or weekly), confirm
each past one with one tap, and their private calendar address."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coalition.people.access import volunteer_required
from coalition.people.audit import get_visible_or_404
from matching.models import Match
from matching.moments import services
from matching.moments.feed import feed_calendar, feed_volunteer
from matching.moments.forms import MomentOutcomeForm, MomentPlanForm
from matching.moments.models import CalendarFeed, Moment
from matching.moments.selectors import month_from
from matching.moments.volunteer import match_label, volunteer_moments, volunteer_moments_page
from volunteers.selectors import volunteer_for_user


def _page(request, *, form=None, status=200):
    first = month_from(request.GET.get("maand"), today=timezone.localdate())
    page = volunteer_moments_page(request.user, first=first)
    if form is None:
        form = MomentPlanForm(kinds=page.kinds, matches=page.matches)
    return render(
        request,
        "matching/volunteer_moments.html",
        {"page": page, "form": form, "month": page.month},
        status=status,
    )


@require_safe
@volunteer_required
def volunteer_moments_view(request):
    return _page(request)


@require_POST
@volunteer_required
def volunteer_moment_plan(request):
    page = volunteer_moments_page(request.user, first=timezone.localdate().replace(day=1))
    form = MomentPlanForm(request.POST, kinds=page.kinds, matches=page.matches)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    match = get_visible_or_404(
        request, Match.objects.visible_to(request.user), pk=form.cleaned_data["match"]
    )
    data = form.cleaned_data
    try:
        planned = services.moments_plan(
            match=match,
            kind=data["kind"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            weeks=data["weeks"],
            by=request.user,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, form=form, status=400)
    messages.success(
        request,
        _("%(n)s moment(s) planned with %(names)s.")
        % {"n": len(planned), "names": match_label(match)},
    )
    return redirect("matching:volunteer_moments")


def _moment(request, pk: int) -> Moment:
    return get_visible_or_404(
        request, volunteer_moments(request.user).select_related("match"), pk=pk
    )


@require_http_methods(["GET", "HEAD", "POST"])
@volunteer_required
def volunteer_moment(request, pk: int):
    """One moment, from the nudge's link: what became of it, in one tap."""
    moment = _moment(request, pk)
    form = MomentOutcomeForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "matching/volunteer_moment.html", {"moment": moment}, status=400)
        outcome, cancelled_by = form.recorded()
        try:
            services.moment_confirm(
                moment=moment, outcome=outcome, cancelled_by=cancelled_by, by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("matching:volunteer_moment", pk=pk)
        messages.success(request, _("Thank you, it is saved."))
        return redirect("matching:volunteer_moments")
    return render(request, "matching/volunteer_moment.html", {"moment": moment})


# --- The private calendar address ----------------------------------------------------


def _volunteer(request):
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        raise Http404
    return volunteer


def _feed_page(request, *, feed_url: str = ""):
    volunteer = _volunteer(request)
    feed = CalendarFeed.objects.filter(volunteer=volunteer).first()
    return render(
        request, "matching/volunteer_calendar_feed.html", {"feed": feed, "feed_url": feed_url}
    )


@require_safe
@volunteer_required
def calendar_feed_page(request):
    return _feed_page(request)


@require_POST
@volunteer_required
def calendar_feed_renew(request):
    """A new address, shown once on the answer to this post: only its hash is kept."""
    token = services.calendar_feed_renew(volunteer=_volunteer(request))
    url = settings.SITE_URL + reverse("matching:moments_feed", args=[token])
    return _feed_page(request, feed_url=url)


@require_POST
@volunteer_required
def calendar_feed_revoke(request):
    services.calendar_feed_revoke(volunteer=_volunteer(request))
    messages.success(request, _("Your calendar address is stopped. It shows nothing any more."))
    return redirect("matching:calendar_feed")


@require_safe
def moments_feed(request, token: str):
    """The subscribed calendar (no login: the address is the key)."""
    volunteer = feed_volunteer(token)
    if volunteer is None:
        raise Http404
    response = HttpResponse(feed_calendar(volunteer), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
