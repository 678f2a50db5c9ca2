from django.urls import path

from volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("vrijwilliger-worden/", views.signup, name="signup"),
    path("vrijwilliger-worden/verstuurd/", views.signup_done, name="signup_done"),
    path("vrijwilliger/", views.home, name="home"),
    path("vrijwilliger/beschikbaarheid/", views.availability, name="availability"),
    path("vrijwilliger/status/", views.change_status, name="change_status"),
]
