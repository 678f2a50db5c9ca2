from django.contrib import admin

from volunteers.models import HouseholdMember, ScreeningStep, Volunteer


class ScreeningInline(admin.TabularInline):
    model = ScreeningStep
    extra = 0


class HouseholdInline(admin.TabularInline):
    model = HouseholdMember
    extra = 0


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "pc4", "status", "capacity"]
    list_filter = ["status", "kind", "programmes"]
    search_fields = ["first_name", "last_name", "email", "pc4"]
    readonly_fields = ["status", "status_changed_at"]
    exclude = ["submission_key"]
    inlines = [HouseholdInline, ScreeningInline]
