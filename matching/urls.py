from django.urls import path

from matching.views import checkin, pulse, shortlist

app_name = "matching"

urlpatterns = [
    path("dashboard/verzoeken/<int:pk>/koppelen/", shortlist.shortlist, name="shortlist"),
    path("dashboard/programmas/<slug:slug>/voorstellen/", shortlist.proposals, name="proposals"),
]

# The volunteer's monthly check-in link (from their email; no login). It keeps a namespace of
# its own, "checkin:", outside the coordinators' pages; coalition/urls.py includes it.
checkin_urlpatterns = [
    path(
        "vrijwilliger/check-in/<str:token>/",
        checkin.volunteer_check_in,
        name="volunteer_check_in",
    ),
]

# The pulse's private link (email, SMS, WhatsApp; no login): its own namespace, "pulse:".
pulse_urlpatterns = [
    path("puls/<str:token>/", pulse.pulse_answer_page, name="answer"),
    path("vrijwilliger/puls/<int:pk>/", pulse.volunteer_pulse, name="volunteer_answer"),
]
