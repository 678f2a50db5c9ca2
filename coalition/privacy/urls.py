from django.urls import path

from coalition.privacy import views

app_name = "privacy"

# The coordinators' export and erasure pages join this namespace in coalition/urls.py.
urlpatterns = [
    path("privacy/", views.privacy_statement, name="statement"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
]
