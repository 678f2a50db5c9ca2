from django.contrib import admin

from matching.models import ContactNote, FollowUp, Match


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
