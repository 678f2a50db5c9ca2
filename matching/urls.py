from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("dashboard/verzoeken/<int:pk>/koppelen/", views.shortlist, name="shortlist"),
    path("dashboard/programmas/<slug:slug>/voorstellen/", views.proposals, name="proposals"),
]
