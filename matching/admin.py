from django.contrib import admin

from matching.models import MatchingWeights, MatchProposal, ProposalBatch

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
