from django.urls import path

from coalition.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.privacy_statement, name="statement"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
    path("privacy/gezinnen/<int:pk>/inzage/", views.family_export, name="family_export"),
    path("privacy/gezinnen/<int:pk>/wissen/", views.family_erase_view, name="family_erase"),
    path("privacy/vrijwilligers/<int:pk>/inzage/", views.volunteer_export, name="volunteer_export"),
    path(
        "privacy/vrijwilligers/<int:pk>/wissen/",
        views.volunteer_erase_view,
        name="volunteer_erase",
    ),
]
