from django.urls import path

from volunteers.views import home, profile, signup

app_name = "volunteers"

urlpatterns = [
    path("vrijwilliger-worden/", signup.signup, name="signup"),
    path("vrijwilliger-worden/verstuurd/", signup.signup_done, name="signup_done"),
    path("vrijwilliger/", home.home, name="home"),
    path("vrijwilliger/beschikbaarheid/", home.availability, name="availability"),
    path("vrijwilliger/gegevens/", profile.profile, name="profile"),
    path("vrijwilliger/status/", home.change_status, name="change_status"),
    path("vrijwilliger/ander-programma/", home.apply_programme, name="apply_programme"),
]
