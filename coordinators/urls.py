from django.urls import path

from coordinators import views

app_name = "coordinators"

urlpatterns = [
    path("", views.home, name="home"),
    path("over/", views.about, name="about"),
    path("start/", views.after_login, name="after_login"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
