from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ayni.core import registry
from ayni.core.sitemaps import PagesSitemap


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


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public pages, but not the back office nor the pages that belong to
    one person (the apps' `private_paths`, such as a signer's confirm and withdraw links), in
    any language or at the old unprefixed addresses."""
    prefixes = ["/"] + [f"/{code}/" for code, _name in settings.LANGUAGES]
    lines = ["User-agent: *", "Allow: /", f"Disallow: {reverse('admin:index')}"]
    lines += [
        f"Disallow: {prefix}{private}"
        for private in registry.private_paths()
        for prefix in prefixes
    ]
    lines += ["", f"Sitemap: {settings.SITE_URL}{reverse('site:sitemap')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """Core's pages, then each app's sections in the order of INSTALLED_APPS."""
    return sitemap_view(request, sitemaps={"pages": PagesSitemap, **registry.sitemaps()})
