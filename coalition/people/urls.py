from django.urls import path

from coalition.people import views

app_name = "people"

urlpatterns = [
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
