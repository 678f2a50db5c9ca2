from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView

from coalition.health import health
from coalition.privacy import urls as privacy_urls
from coordinators.urls import privacy_urlpatterns as coordinators_privacy_urlpatterns
from matching.urls import checkin_urlpatterns, pulse_urlpatterns


class FaviconRedirect(RedirectView):
    """Browsers ask for /favicon.ico whatever a page links to."""

    permanent = True
    http_method_names = ["get", "head"]

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicon.svg")


urlpatterns = [
    path("", include("coordinators.urls")),
    path("", include("families.urls")),
    path("", include("volunteers.urls")),
    path("", include("matching.urls")),
    # One `privacy:` namespace: the public statements (the privacy room) and the
    # coordinators' subject access export and erasure pages (the workspace).
    path(
        "",
        include(
            (
                privacy_urls.urlpatterns + coordinators_privacy_urlpatterns,
                privacy_urls.app_name,
            )
        ),
    ),
    path("", include((checkin_urlpatterns, "checkin"))),
    path("", include((pulse_urlpatterns, "pulse"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("", include("coalition.people.urls")),
    path("api/v1/", include("families.api.urls")),
    path("beheer/", admin.site.urls),
    path("health/", health, name="health"),
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
]
