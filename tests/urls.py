"""ayni's URLs plus the test-only apps' (tests/settings.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from ayni.urls import handler403
from ayni.urls import urlpatterns as ayni_urlpatterns

urlpatterns = [
    *ayni_urlpatterns,
    *i18n_patterns(path("", include("tests.pledges.urls")), prefix_default_language=True),
]

__all__ = ["handler403", "urlpatterns"]
