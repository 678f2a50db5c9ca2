"""Volunteers are deliberately not in the Django admin: their coordinators screen,
approve and pause them on the dashboard, where capacity, screening and status rules
are enforced by the services and every view or change is audited. Which screening
steps a programme accepts from another is programme data (no person in it): the
administrator keeps it here."""

from django.contrib import admin

from volunteers.models import ScreeningAcceptance


@admin.register(ScreeningAcceptance)
class ScreeningAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["programme", "from_programme", "kind", "max_age_months", "screening_profile"]
    list_filter = ["programme", "kind"]
