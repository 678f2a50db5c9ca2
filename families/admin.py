from django.contrib import admin

from families.models import (
    Child,
    Consent,
    Family,
    Parent,
    ProgrammeReferral,
    Referral,
    SupportRequest,
)


class ParentInline(admin.TabularInline):
    model = Parent
    extra = 0


class ChildInline(admin.TabularInline):
    model = Child
    extra = 0


@admin.register(Family)
class FamilyAdmin(admin.ModelAdmin):
    list_display = ["id", "pc4", "wijk", "created_at"]
    list_filter = ["wijk"]
    search_fields = ["pc4", "parents__first_name", "requests__reference_code"]
    inlines = [ParentInline, ChildInline]


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ["reference_code", "programme", "status", "source", "created_at"]
    list_filter = ["status", "programme", "source"]
    search_fields = ["reference_code"]
    raw_id_fields = ["family", "children"]
    readonly_fields = ["reference_code", "status", "status_changed_at"]
    exclude = ["status_token_hash", "submission_key", "health_notes"]


admin.site.register(Consent)
admin.site.register(Referral)
admin.site.register(ProgrammeReferral)
