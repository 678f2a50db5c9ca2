"""Reports: aggregates per period and programme, charts, tables and CSV."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from coalition import formfields
from coalition.formfields import DateInput
from coalition.people.access import coordinator_required
from coalition.people.audit import audit_list
from coalition.people.models import AuditAction
from coalition.programmes.models import Wijk
from coordinators import reports
from coordinators.selectors import visible_programmes


class ReportFilterForm(forms.Form):
    start = formfields.DateField(
        label=_("From"), widget=DateInput(attrs={"class": "form-control"}), required=False
    )
    end = formfields.DateField(
        label=_("Up to and including"),
        widget=DateInput(attrs={"class": "form-control"}),
        required=False,
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=None,
        required=False,
        empty_label=_("All my programmes"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    per = forms.ChoiceField(
        label=_("Moments per"),
        choices=[("month", _("Month")), ("quarter", _("Quarter"))],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    wijk = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=Wijk.objects.order_by("name"),
        required=False,
        empty_label=_("All wijken"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = visible_programmes(user)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period starts after it ends."))
        return data


def _scope(request) -> tuple[ReportFilterForm, reports.Scope]:
    today = timezone.localdate()
    form = ReportFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    start = data.get("start") or dt.date(today.year, 1, 1)
    end = data.get("end") or today
    scope = reports.scope_for(
        user=request.user,
        start=start,
        end=end,
        programme=data.get("programme"),
        wijk=data.get("wijk"),
        per=data.get("per") or "month",
    )
    if not form.is_bound:
        form = ReportFilterForm(initial={"start": start, "end": end}, user=request.user)
    return form, scope


# Reports hold aggregates only; who looked at them is logged all the same.
REPORT_TARGET = "coordinators.report"


@require_safe
@coordinator_required
def report_overview(request):
    audit_list(request, target_type=REPORT_TARGET)
    form, scope = _scope(request)
    return render(
        request,
        "coordinators/reports.html",
        {
            "form": form,
            "scope": scope,
            "tables": reports.all_reports(scope),
            "query": request.GET.urlencode(),
            "nav": "reports",
        },
    )


@require_safe
@coordinator_required
def report_csv(request, slug: str):
    build = reports.REPORTS.get(slug)
    if build is None:
        raise Http404
    _form, scope = _scope(request)
    audit_list(request, target_type=REPORT_TARGET, action=AuditAction.EXPORT)
    table = build(scope)
    response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    filename = f"{slug}_{scope.start.isoformat()}_{scope.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
