from django.contrib import admin

from documents.models import DocumentRetention


@admin.register(DocumentRetention)
class DocumentRetentionAdmin(admin.ModelAdmin):
    """Only the periods: the documents themselves are case data, not for the admin."""

    list_display = ["kind", "days"]
