"""Lists of families, requests, volunteers and matches: filter, sort, paginate.

Each list loads its page in a fixed number of queries (select_related /
prefetch_related), so a longer list is not a slower page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import audit_list, get_visible_or_404
from coordinators import selectors
from coordinators.filters import FamilyFilter, MatchFilter, RequestFilter, VolunteerFilter
from coordinators.forms import NoteForm
from coordinators.views._actions import run_note_action
from coordinators.views.documents import documents_panel
from families.duplicates.elsewhere import elsewhere_context
from families.models import Child, Family, Parent, SupportRequest
from matching.models import OPEN_MATCH_STATUSES, Match
from volunteers.models import Volunteer

PAGE_SIZE = 25


def _paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _render_list(request, template: str, filterset, nav: str, **extra):
    # Who searched for whom: the term's hash, never the term.
    model = filterset.queryset.model
    audit_list(request, target_type=model._meta.label_lower, search=request.GET.get("q", ""))
    page = _paginate(request, filterset.qs)
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page": page,
            "query": _query_without_page(request),
            "nav": nav,
            **extra,
        },
    )


def _children_count():
    counted = (
        Child.objects.filter(family=OuterRef("pk"))
        .order_by()
        .values("family")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def _primary_parents():
    return Prefetch("family__parents", queryset=Parent.objects.filter(is_primary_contact=True))


@require_safe
@coordinator_required
def request_list(request):
    queryset = (
        SupportRequest.objects.visible_to(request.user)
        .select_related("programme", "family__wijk", "owner")
        .prefetch_related(_primary_parents())
        .order_by("-created_at")
    )
    filterset = RequestFilter(request.GET, queryset=queryset, request=request)
    return _render_list(request, "coordinators/request_list.html", filterset, "requests")


@require_safe
@coordinator_required
def family_list(request):
    queryset = (
        Family.objects.visible_to(request.user)
        .select_related("wijk")
        .prefetch_related(
            Prefetch("parents", queryset=Parent.objects.filter(is_primary_contact=True)),
            Prefetch(
                "requests",
                queryset=SupportRequest.objects.visible_to(request.user).select_related(
                    "programme"
                ),
                to_attr="visible_requests",
            ),
        )
        # A subquery, not a join with GROUP BY: PostgreSQL counts children for the 25 rows
        # shown instead of for every visible family, and the page count needs no join.
        .annotate(children_count=_children_count())
        .order_by("-created_at")
    )
    filterset = FamilyFilter(request.GET, queryset=queryset, request=request)
    return _render_list(request, "coordinators/family_list.html", filterset, "families")


@require_safe
@coordinator_required
def volunteer_list(request):
    queryset = (
        Volunteer.objects.visible_to(request.user)
        .select_related("wijk")
        .prefetch_related("programmes")
        .annotate(
            open_matches=Count(
                "matches",
                filter=Q(matches__status__in=list(OPEN_MATCH_STATUSES)),
            )
        )
        .order_by("last_name", "first_name")
    )
    filterset = VolunteerFilter(request.GET, queryset=queryset, request=request)
    return _render_list(request, "coordinators/volunteer_list.html", filterset, "volunteers")


@require_safe
@coordinator_required
def match_list(request):
    queryset = (
        Match.objects.visible_to(request.user)
        .select_related("request__family__wijk", "volunteer", "programme", "coordinator")
        .order_by("-proposed_at")
    )
    filterset = MatchFilter(request.GET, queryset=queryset, request=request)
    return _render_list(request, "coordinators/match_list.html", filterset, "matches")


@require_safe
@coordinator_required
def family_detail(request, pk: int):
    user = request.user
    family = get_visible_or_404(
        request,
        Family.objects.visible_to(user)
        .select_related("wijk")
        .prefetch_related(
            "parents",
            "children",
            Prefetch(
                "requests",
                queryset=SupportRequest.objects.visible_to(user).select_related("programme"),
                to_attr="visible_requests",
            ),
        ),
        pk=pk,
    )
    today = timezone.localdate()
    return render(
        request,
        "coordinators/family_detail.html",
        {
            "family": family,
            "children": [{"child": c, "age": c.age_on(today)} for c in family.children.all()],
            "notes": list(selectors.notes_for(user).filter(family=family)),
            "note_form": NoteForm(),
            "nav": "families",
            **documents_panel(user, family=family),
            **elsewhere_context(user=user, family=family),
        },
    )


@require_POST
@coordinator_required
def family_note(request, pk: int):
    family = get_visible_or_404(request, Family.objects.visible_to(request.user), pk=pk)
    run_note_action(request, family=family)
    return redirect("coordinators:family_detail", pk=pk)
