import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

# The public pages live under their language (/en/…, /es/…), so a link shared in one language
# opens in it whatever the reader's browser says. An address without the prefix (a link in an
# email sent before, a bookmark) is redirected by LocaleMiddleware to the visitor's remembered
# language, else their browser's, else English. What has no language stays where it is: the
# back office, machine-read addresses (health, robots, sitemap) and files.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("ayni.core.site_urls")),
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    *i18n_patterns(
        path("", include("ayni.core.urls")),
        path("", include("ayni.statements.urls")),
        path("", include("ayni.events.urls")),
        path("", include("ayni.motions.urls")),
        path("", include("ayni.newsroom.urls")),
        path("", include("ayni.members.urls")),
        prefix_default_language=True,
    ),
]

handler403 = "ayni.core.views.permission_denied"

# Benchmarks only (bench/run.py sets it): a bare insert view to compare signing against.
if os.environ.get("AYNI_BENCH") == "1":
    urlpatterns.append(path("__bench__/", include("bench.bareview")))
