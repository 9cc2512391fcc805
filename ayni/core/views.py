from __future__ import annotations

from django.contrib import admin
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_safe


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on every page that names none (the admin)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def _in_back_office(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "admin" in match.namespaces
    return request.path.startswith(reverse("admin:index"))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 403 page: the back office's own inside /admin/ (its header, a way back to its home
    page), the public site's everywhere else."""
    if _in_back_office(request):
        context = {**admin.site.each_context(request), "title": _("Not allowed")}
        return render(request, "admin/403.html", context, status=403)
    return defaults.permission_denied(request, exception)
