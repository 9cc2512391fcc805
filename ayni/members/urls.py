from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

app_name = "members"


def _not_yet(request: HttpRequest) -> HttpResponse:
    # Replaced by the subscription and sign-in views (issue 10, membership slice).
    raise Http404


urlpatterns = [
    path("members/subscribe/", _not_yet, name="subscribe"),
    path("members/join/", _not_yet, name="join"),
]
