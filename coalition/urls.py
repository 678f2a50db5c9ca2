from django.contrib import admin
from django.urls import include, path

from coalition.health import health
from matching.urls import checkin_urlpatterns

urlpatterns = [
    path("", include("coordinators.urls")),
    path("", include("families.urls")),
    path("", include("volunteers.urls")),
    path("", include("matching.urls")),
    path("", include("coalition.privacy.urls")),
    path("", include((checkin_urlpatterns, "checkin"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("health/", health, name="health"),
]
