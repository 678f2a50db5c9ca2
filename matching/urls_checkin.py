"""The volunteer's monthly check-in link (from their email; no login)."""

from django.urls import path

from matching import views_checkin

app_name = "checkin"

urlpatterns = [
    path(
        "vrijwilliger/check-in/<str:token>/",
        views_checkin.volunteer_check_in,
        name="volunteer_check_in",
    ),
]
