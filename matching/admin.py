from django.contrib import admin

from matching.models import (
    ContactNote,
    FollowUp,
    Match,
    MatchingWeights,
    MatchProposal,
    ProposalBatch,
)


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "status", "proposed_at", "started_on", "ended_on"]
    list_filter = ["status", "programme"]
    raw_id_fields = ["request", "volunteer"]
    readonly_fields = ["status", "status_changed_at"]
    inlines = [FollowUpInline]


@admin.register(ContactNote)
class ContactNoteAdmin(admin.ModelAdmin):
    list_display = ["kind", "created_at", "confidential"]
    raw_id_fields = ["family", "volunteer", "match"]


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
