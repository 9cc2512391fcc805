"""The motions list, a motion's page (and each earlier version's), its print page and its
documents to download (.odt and PDF in each language)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ayni.core.card_cache import card_response
from ayni.core.conditional import not_modified
from ayni.core.markdown import render_markdown
from ayni.core.page_cache import cached_page
from ayni.motions import display, documents, selectors, share_card
from ayni.motions.models import Motion, MotionVersion
from ayni.motions.views import rollup as rollup_views

# Documents change only with a new version or a new title: an hour's copy is fine, and the
# ETag lets a browser check cheaply after that.
DOCUMENT_MAX_AGE = 3600


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def _report_url(motion: Motion) -> str | None:
    """The report form's address (views/reporting.py), while that part is not yet built."""
    try:
        return reverse("motions:report", kwargs={"slug": motion.slug})
    except NoReverseMatch:
        return None


def _downloads(motion: Motion, version: MotionVersion) -> list[dict[str, Any]]:
    """One entry per language the version is written in: its .odt and PDF."""
    names = dict(settings.LANGUAGES)
    return [
        {
            "language": language,
            "name": names.get(language, language),
            "links": [
                (
                    kind.upper(),
                    reverse(
                        "motions:document",
                        kwargs={"slug": motion.slug, "language": language, "kind": kind},
                    ),
                )
                for kind in documents.KINDS
            ],
        }
        for language in display.LANGUAGES
        if display.is_translated(version, language)
    ]


def _page_context(
    motion: Motion,
    version: MotionVersion | None,
    versions: list[MotionVersion],
    chart: str = rollup_views.CHARTS[0],
) -> dict[str, Any]:
    language = _language()
    context: dict[str, Any] = {
        "motion": motion,
        "title": motion.text("title"),
        "explanation_html": render_markdown(motion.text("explanation")),
        "summary": display.first_line(motion.text("explanation")),
        "version": version,
        "versions": versions,
        "current": versions[0] if versions else None,
        "sections": display.numbered_sections(version, language) if version else [],
        "translated": display.is_translated(version, language) if version else True,
        "downloads": _downloads(motion, version) if version and version.published_at else [],
        "commitments": display.commitment_labels(motion),
        "report_url": _report_url(motion),
        "share_url": settings.SITE_URL + motion.get_absolute_url(),
    }
    context.update(rollup_views.rollup_context(motion, chart))
    # The server-drawn card is the page's share image (og:image).
    context.update(
        card_url=settings.SITE_URL + reverse("motions:card", kwargs={"slug": motion.slug}),
        card_alt=share_card.card_alt(motion, language=language, figures=context["rollup"]),
    )
    return context


@require_safe
def motion_list(request: HttpRequest) -> HttpResponse:
    motions = [
        (motion, motion.text("title"), display.first_line(motion.text("explanation")))
        for motion in selectors.motions_with_adoptions()
    ]
    return render(request, "motions/motion_list.html", {"motions": motions})


def _may_preview(request: HttpRequest) -> bool:
    """A draft's page for the back office: staff who may change motions."""
    user = request.user
    return "preview" in request.GET and user.is_staff and user.has_perm("motions.change_motion")


@require_safe
def motion_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if _may_preview(request):
        return motion_preview(request, slug)
    # The same for every anonymous reader of a language and chart: kept whole for a few
    # seconds (core.page_cache; measured in docs/performance.md § Motions). Any other query
    # string shows the default chart, so it shares that copy.
    chart = rollup_views.chart_choice(request)
    name = f"motion:{slug}" if chart == rollup_views.CHARTS[0] else f"motion:{slug}:{chart}"
    return cached_page(request, name, lambda: _public_page(request, slug, chart))


def _public_page(request: HttpRequest, slug: str, chart: str) -> HttpResponse:
    motion = selectors.public_motion(slug)
    if motion is None:
        raise Http404
    versions = selectors.published_versions(motion)
    context = _page_context(motion, versions[0] if versions else None, versions, chart)
    return render(request, "motions/motion_detail.html", context)


@never_cache
def motion_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The page as the public will see it, with the newest version (a draft too), for those
    who may change motions (the caller checks), under a "not published" banner."""
    motion = selectors.motion_for_preview(slug)
    if motion is None:
        raise Http404
    context = _page_context(
        motion,
        selectors.latest_version(motion),
        selectors.published_versions(motion),
        rollup_views.chart_choice(request),
    )
    context.update(preview=True, published=motion.state in selectors.PUBLIC_STATES)
    return render(request, "motions/motion_detail.html", context)


@require_safe
def motion_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """An earlier (or the current) published version, as it read then."""
    motion = selectors.public_motion(slug)
    if motion is None:
        raise Http404
    versions = selectors.published_versions(motion)
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404
    context = _page_context(motion, version, versions, rollup_views.chart_choice(request))
    context.update(older=version != versions[0])
    return render(request, "motions/motion_detail.html", context)


@require_safe
def motion_card(request: HttpRequest, slug: str) -> HttpResponse:
    """The motion's share card (og:image): a PNG in the page's language, conditional (ETag)."""
    motion = selectors.public_motion(slug)
    if motion is None:
        raise Http404
    figures = rollup_views.kept_rollup(motion)
    return card_response(
        request, share_card.motion_card(motion, language=_language(), figures=figures)
    )


@require_safe
def motion_print(request: HttpRequest, slug: str) -> HttpResponse:
    """The current text alone, numbered, to print and table at a meeting."""
    motion = selectors.public_motion(slug)
    version = selectors.current_version(motion) if motion else None
    if motion is None or version is None:
        raise Http404
    text = documents.motion_text(motion, version, _language())
    return render(request, "motions/motion_print.html", {"motion": motion, "text": text})


@require_safe
def motion_document(request: HttpRequest, slug: str, language: str, kind: str) -> HttpResponse:
    """The current text as a document (.odt or PDF) in `language`: a download, conditional
    (ETag) and cacheable."""
    motion = selectors.public_motion(slug)
    version = selectors.current_version(motion) if motion else None
    if motion is None or version is None or kind not in documents.KINDS:
        raise Http404
    etag = documents.document_etag(motion, version, language, kind)
    headers = {
        "ETag": etag,
        "Cache-Control": f"public, max-age={DOCUMENT_MAX_AGE}",
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": content_disposition_header(
            as_attachment=True, filename=documents.filename(motion, version, language, kind)
        ),
    }
    if not_modified(request, etag):
        return HttpResponse(status=304, headers=headers)
    body = documents.build(motion, version, language, kind)
    return HttpResponse(body, content_type=documents.KINDS[kind], headers=headers)
