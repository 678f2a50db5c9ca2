from django.contrib import admin

from coalition.programmes.models import Organisation, Programme, Wijk


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "provider",
        "support_mode",
        "child_min_age",
        "child_max_age",
        "is_active",
    ]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]
