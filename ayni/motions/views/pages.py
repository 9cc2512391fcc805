"""The motions list and a motion's page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ayni.core.page_cache import cached_page
from ayni.motions import selectors
from ayni.motions.views import rollup as rollup_views


@require_safe
def motion_list(request: HttpRequest) -> HttpResponse:
    motions = list(selectors.public_motions())
    return render(request, "motions/motion_list.html", {"motions": motions})


@require_safe
def motion_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The same for every anonymous reader of a language: kept whole for a few seconds
    # (core.page_cache; measured in docs/performance.md § Motions).
    return cached_page(request, f"motion:{slug}", lambda: _motion_detail(request, slug))


def _motion_detail(request: HttpRequest, slug: str) -> HttpResponse:
    motion = selectors.public_motion(slug)
    if motion is None:
        raise Http404
    version = selectors.current_version(motion)
    return render(
        request,
        "motions/motion_detail.html",
        {
            "motion": motion,
            "version": version,
            "sections": version.sections() if version else [],
            **rollup_views.rollup_context(motion),
        },
    )
