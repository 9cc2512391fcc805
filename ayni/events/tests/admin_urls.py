"""The site's URLs, with a stand-in for the public event page while the public site's
ayni/events/urls.py is not there (the preview redirect names `events:detail`)."""

from importlib.util import find_spec

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from tests.urls import handler403
from tests.urls import urlpatterns as site_urlpatterns

urlpatterns = list(site_urlpatterns)
if find_spec("ayni.events.urls") is None:
    stand_in = (
        [path("events/<slug:slug>/", lambda request, slug: HttpResponse(slug), name="detail")],
        "events",
    )
    urlpatterns += i18n_patterns(path("", include(stand_in)), prefix_default_language=True)

__all__ = ["handler403", "urlpatterns"]
