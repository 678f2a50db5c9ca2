from django import forms
from django.contrib import admin

from matching.health import rules
from matching.models import (
    ContactCadence,
    HealthRule,
    MatchingWeights,
    MatchProposal,
    ProgrammeMomentKind,
    ProposalBatch,
    PulseStep,
)

# Matches and contact notes are not here on purpose: they are case data, worked on
# the coordinators' dashboard, where the services keep a match's invariants
# (capacity, screening, ages) and every view or change is audited.


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(admin.ModelAdmin):
    """Coalition administrators tune how much each criterion counts per programme."""

    list_display = [
        "programme",
        "distance",
        "availability",
        "language",
        "age_fit",
        "same_wijk",
        "waiting",
        "load",
    ]
    list_editable = [
        "distance",
        "availability",
        "language",
        "age_fit",
        "same_wijk",
        "waiting",
        "load",
    ]

    # By role, not by Django permissions: invited coalition administrators are staff
    # without any permission rows. Every programme has its row from the start, so
    # adding and deleting stay with the default (superusers only).
    def _coalition_admin(self, request) -> bool:
        return request.user.is_active and request.user.is_coalition_admin

    def has_view_permission(self, request, obj=None):
        return self._coalition_admin(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._coalition_admin(request) or super().has_change_permission(request, obj)

    def has_module_permission(self, request):
        return self._coalition_admin(request) or super().has_module_permission(request)


class MatchProposalInline(admin.TabularInline):
    model = MatchProposal
    extra = 0
    raw_id_fields = ["request", "volunteer", "match"]
    fields = ["request", "volunteer", "score", "status", "decided_by", "decided_at"]
    readonly_fields = fields


@admin.register(ProposalBatch)
class ProposalBatchAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "programme",
        "requests_considered",
        "total_score",
        "greedy_total_score",
    ]
    list_filter = ["programme"]
    inlines = [MatchProposalInline]


# The cadences and the early-warning weights are the programme's settings, as data
# (docs/match-health.md); the pulses and expectations themselves are case data.


@admin.register(PulseStep)
class PulseStepAdmin(admin.ModelAdmin):
    list_display = ["programme", "anchor", "days_after", "repeat_every_months"]
    list_filter = ["programme"]


@admin.register(ContactCadence)
class ContactCadenceAdmin(admin.ModelAdmin):
    list_display = ["programme", "first_period_days", "contacts_in_first_period", "then_every_days"]
    list_editable = ["first_period_days", "contacts_in_first_period", "then_every_days"]


class HealthRuleForm(forms.ModelForm):
    rule = forms.ChoiceField(choices=[])

    class Meta:
        model = HealthRule
        fields = ["rule", "programme", "weight", "threshold"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [(r.code, f"{r.code}: {r.label}") for r in rules()]


@admin.register(HealthRule)
class HealthRuleAdmin(admin.ModelAdmin):
    form = HealthRuleForm
    list_display = ["rule", "programme", "weight", "threshold"]
    list_editable = ["weight", "threshold"]


@admin.register(ProgrammeMomentKind)
class ProgrammeMomentKindAdmin(admin.ModelAdmin):
    """Which kinds of support moment each programme plans (dagdeel, overnight stay,
    visit), with their usual start and length; the plan forms follow them."""

    list_display = ["programme", "kind", "usual_start", "usual_minutes"]
    list_filter = ["programme"]
