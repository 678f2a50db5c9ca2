from django.urls import path

from families.views import partner, partner_webhooks, request_form, status

app_name = "families"

urlpatterns = [
    path("hulp-vragen/", request_form.request_start, name="request_start"),
    path("hulp-vragen/stap/<int:number>/", request_form.request_step, name="request_step"),
    path("hulp-vragen/verstuurd/", request_form.request_sent, name="request_sent"),
    path("hulp-vragen/status/<str:token>/", status.request_status, name="request_status"),
    path(
        "hulp-vragen/status/<str:token>/stoppen/",
        status.request_status_withdraw,
        name="request_status_withdraw",
    ),
    path(
        "hulp-vragen/status/<str:token>/contact/",
        status.request_status_contact,
        name="request_status_contact",
    ),
    path(
        "hulp-vragen/status/<str:token>/link-stoppen/",
        status.request_status_revoke,
        name="request_status_revoke",
    ),
    path("partner/", partner.referral_list, name="partner_home"),
    path("partner/verwijzen/", partner.referral_create, name="partner_refer"),
    path("partner/webhook/", partner_webhooks.webhook, name="partner_webhook"),
    path(
        "partner/webhook/nieuw-geheim/",
        partner_webhooks.webhook_rotate,
        name="partner_webhook_rotate",
    ),
    path(
        "partner/webhook/verwijderen/",
        partner_webhooks.webhook_remove,
        name="partner_webhook_remove",
    ),
    path(
        "partner/verwijzingen/<str:reference_code>/",
        partner.referral_detail,
        name="partner_referral_detail",
    ),
]
