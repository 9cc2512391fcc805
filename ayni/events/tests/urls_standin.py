"""The events' URL names (docs: the events brief), answered by a blank page: a stand-in, so
emails can be built and sent, until the app's own urls.py is in ayni/urls.py."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tests.urls import handler403
from tests.urls import urlpatterns as test_urlpatterns


def blank(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse()


events = (
    [
        path("", blank, name="list"),
        path("feed.ics", blank, name="feed"),
        path("r/confirm/<str:token>/", blank, name="confirm"),
        path("r/join/<str:token>/", blank, name="join"),
        path("r/<str:token>/", blank, name="manage"),
        path("r/<str:token>/cancel/", blank, name="cancel"),
        path("r/<str:token>/event.ics", blank, name="registration_ics"),
        path("r/<str:token>/data/", blank, name="data"),
        path("r/<str:token>/erase/", blank, name="erase"),
        path("speakers/<slug:slug>/", blank, name="speaker"),
        path("<slug:slug>/", blank, name="detail"),
        path("<slug:slug>/register/", blank, name="register"),
        path("<slug:slug>/check-inbox/", blank, name="sent"),
        path("<slug:slug>/card.png", blank, name="card"),
    ],
    "events",
)

urlpatterns = [
    *test_urlpatterns,
    *i18n_patterns(path("events/", include(events)), prefix_default_language=True),
]

__all__ = ["handler403", "urlpatterns"]
