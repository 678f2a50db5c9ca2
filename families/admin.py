"""Families, requests, consents and referrals are deliberately not in the Django admin.

The admin is the coalition administrators' tool (organisations, programmes, users,
weights, the audit log). Case data is worked on the coordinators' dashboard only,
where every read goes through `visible_to`, special-category data is shown to the
programme's own coordinators only, and each view or change is audited.

What the admin does hold here: the API clients of partner organisations (made with
their secret shown once, and revoked).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oauth2_provider import models as oauth_models

from families import services
from families.models import ApiClient, WebhookDelivery
from families.services.webhooks import api_client_set_webhook

# Tokens are secrets and grants are for browser flows the API does not offer: an
# API client is made, read and revoked on its own page below.
for model in (
    oauth_models.AccessToken,
    oauth_models.RefreshToken,
    oauth_models.Grant,
    oauth_models.IDToken,
    oauth_models.Application,
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=[(scope, scope) for scope in settings.OAUTH2_PROVIDER["SCOPES"]],
        widget=forms.CheckboxSelectMultiple,
    )

    webhook_url = forms.URLField(
        label=_("webhook URL"),
        required=False,
        assume_scheme="https",
        help_text=_("HTTPS address that receives the status changes of this client's referrals."),
    )

    class Meta:
        model = ApiClient
        fields = ["organisation", "scopes", "webhook_url"]


@admin.action(description=_("Revoke the selected API clients"))
def revoke_clients(modeladmin, request, queryset):
    for client in queryset.filter(revoked_at__isnull=True):
        services.api_client_revoke(client=client)
    modeladmin.message_user(request, _("Revoked: the clients' tokens stop working at once."))


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["organisation", "client_id", "scopes", "created_at", "revoked_at"]
    list_filter = ["revoked_at", "organisation"]
    actions = [revoke_clients]
    form = ApiClientForm

    @admin.display(description=_("client id"))
    def client_id(self, client: ApiClient) -> str:
        return client.application.client_id

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "application")

    def get_readonly_fields(self, request, obj=None):
        return ["organisation", "scopes", "created_at", "revoked_at"] if obj else []

    def get_fields(self, request, obj=None):
        if obj:
            return ["organisation", "scopes", "webhook_url", "created_at", "revoked_at"]
        return ["organisation", "scopes"]

    def save_model(self, request, obj, form, change):
        if change:
            self._save_webhook(request, obj, form)
            return
        new = services.api_client_create(
            organisation=form.cleaned_data["organisation"],
            scopes=" ".join(form.cleaned_data["scopes"]),
        )
        # The admin goes on with `obj` (its log entry, the redirect): make it the new row.
        for field in ("id", "application_id", "scopes", "created_at"):
            setattr(obj, field, getattr(new.client, field))
        obj._state.adding = False
        messages.warning(
            request,
            _("Client id %(id)s, secret %(secret)s. Copy the secret now: it is shown only once.")
            % {"id": new.client_id, "secret": new.client_secret},
        )

    def _save_webhook(self, request, obj, form):
        if "webhook_url" not in form.changed_data:
            return
        try:
            secret = api_client_set_webhook(client=obj, url=form.cleaned_data["webhook_url"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return
        if secret:
            messages.warning(
                request,
                _("Webhook signing secret %(secret)s. Copy it now: it is shown only once.")
                % {"secret": secret},
            )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read-only, what was sent to which client (or organisation's own
    endpoint) and what it answered."""

    list_display = [
        "created_at",
        "client",
        "organisation",
        "status",
        "status_on",
        "attempts",
        "delivered_at",
        "last_response",
    ]
    list_filter = ["delivered_at", "status"]
    list_select_related = ["client__organisation", "client__application", "organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
