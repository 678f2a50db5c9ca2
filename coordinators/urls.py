from django.urls import path

from coordinators import views
from coordinators.views_notifications import (
    notification_list,
    notification_preferences,
    notification_read,
    notification_resolve_view,
)

app_name = "coordinators"

urlpatterns = [
    path("", views.home, name="home"),
    path("over/", views.about, name="about"),
    path("start/", views.after_login, name="after_login"),
    path("dashboard/", views.dashboard, name="dashboard"),
]

# Notifications (everyone who logs in)
urlpatterns += [
    path("meldingen/", notification_list, name="notifications"),
    path("meldingen/gelezen/", notification_read, name="notifications_read"),
    path(
        "meldingen/voorkeuren/",
        notification_preferences,
        name="notification_preferences",
    ),
    path(
        "meldingen/<int:pk>/afhandelen/",
        notification_resolve_view,
        name="notification_resolve",
    ),
]
