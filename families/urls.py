from django.urls import path

from families import views

app_name = "families"

urlpatterns = [
    path("hulp-vragen/", views.request_start, name="request_start"),
]
