from django.urls import path

from coordinators import views, views_notifications

app_name = "coordinators"

urlpatterns = [
    path("", views.home, name="home"),
    path("over/", views.about, name="about"),
    path("start/", views.after_login, name="after_login"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("meldingen/", views_notifications.notification_list, name="notifications"),
    path("meldingen/gelezen/", views_notifications.notification_read, name="notifications_read"),
    path(
        "meldingen/voorkeuren/",
        views_notifications.notification_preferences,
        name="notification_preferences",
    ),
    path(
        "meldingen/<int:pk>/afhandelen/",
        views_notifications.notification_resolve_view,
        name="notification_resolve",
    ),
]
