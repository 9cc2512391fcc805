from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ayni.core import registry
from ayni.core.campaign import current_campaign, stylesheet
from ayni.core.markdown import render_markdown
from ayni.core.page_cache import cached_page
from ayni.core.sitemaps import PagesSitemap


@dataclass(frozen=True)
class RenderedBlock:
    template: str
    context: dict[str, Any]


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The campaign's front page: each app's blocks, the call to action (a `lead` block) first.
    Kept a few seconds whole (core/page_cache.py)."""

    def render_home() -> HttpResponse:
        blocks = []
        for block in registry.home_blocks():
            context = import_string(block.context)(request)
            if context is not None:
                blocks.append(RenderedBlock(block.template, context))
        return render(request, "core/home.html", {"blocks": blocks})

    return cached_page(request, "home", render_home)


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    return render(request, "core/about.html", {"about_html": render_markdown(campaign.about)})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    campaign = current_campaign()
    return render(
        request,
        "core/privacy.html",
        {
            "legal_basis": campaign.text("legal_basis"),
            "retention": campaign.text("retention"),
            "notes": [note.render(request) for note in registry.privacy_notes()],
        },
    )


@require_safe
def campaign_css(request: HttpRequest) -> HttpResponse:
    """The campaign's colours. Pages link it with ?v=<last change>, so it may be kept long."""
    response = HttpResponse(stylesheet(current_campaign()), content_type="text/css; charset=utf-8")
    versioned = request.GET.get("v", "").isdigit()
    response["Cache-Control"] = "public, max-age=31536000, immutable" if versioned else "no-cache"
    return response


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
