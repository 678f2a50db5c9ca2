from django.urls import path

from families import views, views_partner

app_name = "families"

urlpatterns = [
    path("hulp-vragen/", views.request_start, name="request_start"),
    path("hulp-vragen/stap/<int:number>/", views.request_step, name="request_step"),
    path("hulp-vragen/verstuurd/", views.request_sent, name="request_sent"),
    path("hulp-vragen/status/<str:token>/", views.request_status, name="request_status"),
    path(
        "hulp-vragen/status/<str:token>/stoppen/",
        views.request_status_withdraw,
        name="request_status_withdraw",
    ),
    path(
        "hulp-vragen/status/<str:token>/contact/",
        views.request_status_contact,
        name="request_status_contact",
    ),
    path(
        "hulp-vragen/status/<str:token>/link-stoppen/",
        views.request_status_revoke,
        name="request_status_revoke",
    ),
    path("partner/", views_partner.referral_list, name="partner_home"),
    path("partner/verwijzen/", views_partner.referral_create, name="partner_refer"),
    path(
        "partner/verwijzingen/<str:reference_code>/",
        views_partner.referral_detail,
        name="partner_referral_detail",
    ),
]
