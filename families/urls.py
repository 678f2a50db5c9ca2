from django.urls import path

from families.views import (
    call_back,
    goals,
    partner,
    partner_webhooks,
    questionnaire,
    request_form,
    status,
)

app_name = "families"

urlpatterns = [
    path("hulp-vragen/", request_form.request_start, name="request_start"),
    path("hulp-vragen/bel-mij-terug/", call_back.call_back, name="call_back"),
    path("hulp-vragen/taal/", request_form.language_switch, name="language_switch"),
    path("hulp-vragen/stap/<int:number>/", request_form.request_step, name="request_step"),
    path("hulp-vragen/verstuurd/", request_form.request_sent, name="request_sent"),
    path("hulp-vragen/status/<str:token>/", status.request_status, name="request_status"),
    path(
        "hulp-vragen/status/<str:token>/stoppen/",
        status.request_status_withdraw,
        name="request_status_withdraw",
    ),
    path(
        "hulp-vragen/status/<str:token>/toestemming/",
        status.request_status_consent,
        name="request_status_consent",
    ),
    path(
        "hulp-vragen/status/<str:token>/toestemming/intrekken/",
        status.request_status_consent_withdraw,
        name="request_status_consent_withdraw",
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
    path("hulp-vragen/doelen/<str:token>/", goals.goal_rating, name="goal_rating"),
    path(
        "hulp-vragen/doelen/<str:token>/opslaan/", goals.goal_rating_save, name="goal_rating_save"
    ),
    path("vragenlijst/<str:token>/", questionnaire.questionnaire, name="questionnaire"),
    path("partner/", partner.referral_list, name="partner_home"),
    path("partner/verwijzen/", partner.referral_create, name="partner_refer"),
    path("partner/samen-invullen/", partner.assist_start, name="partner_assist"),
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
