"""The site's URLs plus one page that fails, to see the error page visitors get."""

from django.urls import path

from coalition.urls import urlpatterns as site_urlpatterns


def broken_page(request):
    raise RuntimeError("database said: Zwaantje Quirijnsen 06-98765432")


urlpatterns = [*site_urlpatterns, path("kapot/", broken_page)]
