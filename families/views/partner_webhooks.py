"""The partner area: the organisation's own webhook endpoint and its delivery log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalition.people.access import partner_required
from coalition.people.audit import audit_list, audit_log
from coalition.people.models import AuditAction
from families import forms, services
from families.models import WebhookDelivery, WebhookEndpoint

LOG_ROWS = 50


def _page(request, *, form=None, secret: str = "", status: int = 200):
    organisation_id = request.user.organisation_id
    audit_list(request, target_type="families.webhookdelivery")
    endpoint = WebhookEndpoint.objects.filter(organisation_id=organisation_id).first()
    context = {
        "endpoint": endpoint,
        "form": form
        or forms.WebhookEndpointForm(initial={"url": endpoint.url} if endpoint else None),
        # Shown once, in the answer to the post that made it; never stored elsewhere.
        "secret": secret,
        "deliveries": list(WebhookDelivery.objects.of_organisation(organisation_id)[:LOG_ROWS]),
    }
    response = render(request, "families/partner_webhook.html", context, status=status)
    if secret:
        response["Cache-Control"] = "no-store"
    return response


@partner_required
def webhook(request):
    """GET: the endpoint and the delivery log. POST: register or replace the address."""
    if request.method != "POST":
        return _page(request)
    form = forms.WebhookEndpointForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        endpoint, secret = services.webhook_endpoint_register(
            organisation=request.user.organisation, url=form.cleaned_data["url"], by=request.user
        )
    except ValidationError as exc:
        form.add_error("url", exc)
        return _page(request, form=form, status=400)
    audit_log(request=request, action=AuditAction.CHANGE, obj=endpoint)
    messages.success(request, _("The webhook address is saved."))
    return _page(request, secret=secret)


@require_POST
@partner_required
def webhook_rotate(request):
    endpoint = WebhookEndpoint.objects.filter(organisation_id=request.user.organisation_id).first()
    if endpoint is None:
        messages.error(request, _("Register a webhook address first."))
        return redirect("families:partner_webhook")
    secret = services.webhook_endpoint_rotate_secret(endpoint=endpoint, by=request.user)
    audit_log(request=request, action=AuditAction.CHANGE, obj=endpoint)
    messages.success(request, _("A new secret signs every webhook from now on."))
    return _page(request, secret=secret)


@require_POST
@partner_required
def webhook_remove(request):
    if services.webhook_endpoint_remove(organisation=request.user.organisation):
        audit_log(
            request=request,
            action=AuditAction.CHANGE,
            target_type="families.webhookendpoint",
            target_id=request.user.organisation_id,
        )
        messages.success(request, _("The webhook address is removed: we post nothing more."))
    return redirect("families:partner_webhook")
