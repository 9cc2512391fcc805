from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.module_loading import import_string
from django.views.decorators.http import require_safe

from ayni.core import registry
from ayni.core.campaign import current_campaign, stylesheet
from ayni.core.markdown import render_markdown


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
    """The campaign's front page: each app's blocks, the call to action (a `lead` block) first."""
    blocks = []
    for block in registry.home_blocks():
        context = import_string(block.context)(request)
        if context is not None:
            blocks.append(RenderedBlock(block.template, context))
    return render(request, "core/home.html", {"blocks": blocks})


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
        {"legal_basis": campaign.text("legal_basis"), "retention": campaign.text("retention")},
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
