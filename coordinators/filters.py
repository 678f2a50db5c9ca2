"""Filters of the coordinator lists (django-filter): search, status, programme, order."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from coalition.programmes.models import Programme, Wijk
from coordinators.selectors import visible_programmes
from coordinators.selectors.panels import in_intake_queue
from families.models import Family, Parent, RequestSource, RequestStatus, SupportRequest
from matching.models import Match, MatchStatus
from volunteers.models import Volunteer, VolunteerKind, VolunteerStatus


def _programmes(request) -> QuerySet[Programme]:
    if request is None:
        return Programme.objects.none()
    return visible_programmes(request.user)


def _parent_named(term: str, family_ref: str) -> Exists:
    return Exists(
        Parent.objects.filter(family=OuterRef(family_ref)).filter(
            Q(first_name__icontains=term) | Q(last_name__icontains=term)
        )
    )


class _Search:
    """Shared by the list filters: one search box, and Bootstrap classes on the widgets."""

    @property
    def form(self):
        form = super().form
        for form_field in form.fields.values():
            is_select = isinstance(form_field.widget, forms.Select)
            form_field.widget.attrs.setdefault(
                "class",
                "form-select form-select-sm" if is_select else "form-control form-control-sm",
            )
        return form

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for term in value.split()[:5]:
            queryset = queryset.filter(self.search_q(term))
        return queryset


class RequestFilter(_Search, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=_programmes, null_label=_("Intake queue")
    )
    source = django_filters.ChoiceFilter(label=_("Source"), choices=RequestSource.choices)
    queue = django_filters.ChoiceFilter(
        label=_("Queue"),
        choices=[("intake", _("Central intake queue, still to place"))],
        method="in_queue",
    )
    wijk = django_filters.ModelChoiceFilter(
        label=_("Wijk"), field_name="family__wijk", queryset=Wijk.objects.all()
    )
    ordering = django_filters.OrderingFilter(
        label=_("Order"),
        fields=(
            ("created_at", "received"),
            ("status_changed_at", "changed"),
            ("waiting_since", "waiting"),
            ("reference_code", "code"),
        ),
        field_labels={
            "created_at": _("Received"),
            "status_changed_at": _("Last change"),
            "waiting_since": _("Waiting since"),
            "reference_code": _("Reference code"),
        },
    )

    class Meta:
        model = SupportRequest
        fields: list[str] = []

    def in_queue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return in_intake_queue(queryset) if value == "intake" else queryset

    def search_q(self, term: str) -> Q:
        return (
            Q(reference_code__icontains=term)
            | Q(family__pc4__startswith=term)
            | Q(family__wijk__name__icontains=term)
            | _parent_named(term, "family")
        )


class FamilyFilter(_Search, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    wijk = django_filters.ModelChoiceFilter(label=_("Wijk"), queryset=Wijk.objects.all())
    ordering = django_filters.OrderingFilter(
        label=_("Order"),
        fields=(("created_at", "created"), ("pc4", "pc4")),
        field_labels={"created_at": _("Registered"), "pc4": _("Postcode")},
    )

    class Meta:
        model = Family
        fields: list[str] = []

    def search_q(self, term: str) -> Q:
        return (
            Q(pc4__startswith=term)
            | Q(wijk__name__icontains=term)
            | _parent_named(term, "pk")
            | Exists(
                SupportRequest.objects.filter(family=OuterRef("pk"), reference_code__icontains=term)
            )
        )


class VolunteerFilter(_Search, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=VolunteerStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=VolunteerKind.choices)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), field_name="programmes", queryset=_programmes
    )
    wijk = django_filters.ModelChoiceFilter(label=_("Wijk"), queryset=Wijk.objects.all())
    ordering = django_filters.OrderingFilter(
        label=_("Order"),
        fields=(
            ("last_name", "name"),
            ("applied_at", "applied"),
            ("status_changed_at", "changed"),
        ),
        field_labels={
            "last_name": _("Name"),
            "applied_at": _("Applied"),
            "status_changed_at": _("Last change"),
        },
    )

    class Meta:
        model = Volunteer
        fields: list[str] = []

    def search_q(self, term: str) -> Q:
        return (
            Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
            | Q(email__icontains=term)
            | Q(pc4__startswith=term)
            | Q(wijk__name__icontains=term)
        )


class MatchFilter(_Search, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MatchStatus.choices)
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=_programmes)
    ordering = django_filters.OrderingFilter(
        label=_("Order"),
        fields=(
            ("proposed_at", "proposed"),
            ("started_on", "started"),
            ("status_changed_at", "changed"),
        ),
        field_labels={
            "proposed_at": _("Proposed"),
            "started_on": _("Started"),
            "status_changed_at": _("Last change"),
        },
    )

    class Meta:
        model = Match
        fields: list[str] = []

    def search_q(self, term: str) -> Q:
        return (
            Q(request__reference_code__icontains=term)
            | Q(volunteer__first_name__icontains=term)
            | Q(volunteer__last_name__icontains=term)
            | Q(request__family__pc4__startswith=term)
            | Q(request__family__wijk__name__icontains=term)
            | _parent_named(term, "request__family")
        )
