from django.urls import path

from volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("vrijwilliger-worden/", views.signup, name="signup"),
]
