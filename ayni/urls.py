import os

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("ayni.core.urls")),
    path("", include("ayni.statements.urls")),
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
]

handler403 = "ayni.core.views.permission_denied"

# Benchmarks only (bench/run.py sets it): a bare insert view to compare signing against.
if os.environ.get("AYNI_BENCH") == "1":
    urlpatterns.append(path("__bench__/", include("bench.bareview")))
