"""The news pages: every section, one section, one tag, one author (with their bio), each
paginated, and each one's feed (Atom; RSS too for the whole news)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import SyndicationFeed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ayni.core.campaign import current_campaign
from ayni.newsroom import feeds, selectors
from ayni.newsroom.enums import Section
from ayni.newsroom.models import Article
from ayni.newsroom.views.common import language

PER_PAGE = 10
# Feed readers poll often; a few minutes' delay on a new article is fine.
FEED_MAX_AGE = 300
ATOM_TYPE = "application/atom+xml; charset=utf-8"
RSS_TYPE = "application/rss+xml; charset=utf-8"


def _section(value: str) -> Section:
    if value not in Section.values:
        raise Http404
    return Section(value)


def _page(request: HttpRequest, articles: QuerySet[Article]) -> Any:
    page = request.GET.get("page", "1")
    if not page.isdigit():
        raise Http404
    paginator = Paginator(articles, PER_PAGE)
    if int(page) > 1 and int(page) > paginator.num_pages:
        raise Http404
    return paginator.get_page(page)


def _listing(
    request: HttpRequest,
    articles: QuerySet[Article],
    *,
    heading: str,
    feed_url: str,
    **extra: Any,
) -> HttpResponse:
    context = {
        "heading": heading,
        "page": _page(request, articles),
        "feed_url": feed_url,
        "sections": Section,
        **extra,
    }
    return render(request, "newsroom/article_list.html", context)


@require_safe
def news_index(request: HttpRequest) -> HttpResponse:
    return _listing(
        request,
        selectors.listed_articles(language()),
        heading=_("News"),
        feed_url=reverse("newsroom:feed"),
        rss_url=reverse("newsroom:rss"),
        current_section="",
    )


@require_safe
def section_list(request: HttpRequest, section: str) -> HttpResponse:
    chosen = _section(section)
    return _listing(
        request,
        selectors.listed_articles(language(), section=chosen),
        heading=str(chosen.label),
        feed_url=reverse("newsroom:section_feed", kwargs={"section": chosen.value}),
        current_section=chosen.value,
    )


@require_safe
def tag_list(request: HttpRequest, slug: str) -> HttpResponse:
    tag = selectors.public_tag(slug)
    if tag is None:
        raise Http404
    return _listing(
        request,
        selectors.listed_articles(language(), tag=tag),
        heading=_("Tagged “%(tag)s”") % {"tag": tag.name},
        feed_url=reverse("newsroom:tag_feed", kwargs={"slug": tag.slug}),
        tag=tag,
    )


@require_safe
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = selectors.public_author(slug)
    if author is None:
        raise Http404
    return _listing(
        request,
        selectors.listed_articles(language(), author=author),
        heading=author.name,
        feed_url=reverse("newsroom:author_feed", kwargs={"slug": author.slug}),
        author=author,
    )


# --- Feeds ------------------------------------------------------------------------------------


def _feed(
    articles: QuerySet[Article],
    *,
    kind: type[SyndicationFeed],
    title: str,
    link: str,
    feed_url: str,
) -> HttpResponse:
    campaign = current_campaign()
    body = feeds.build_feed(
        kind=kind,
        title=_("%(title)s · %(site)s") % {"title": title, "site": campaign.name},
        link=link,
        feed_url=feed_url,
        description=campaign.description or title,
        language=language(),
        articles=articles[: feeds.LATEST],
    )
    content_type = RSS_TYPE if kind is feeds.RSS else ATOM_TYPE
    return HttpResponse(
        body,
        content_type=content_type,
        headers={"Cache-Control": f"public, max-age={FEED_MAX_AGE}"},
    )


@require_safe
def news_feed(request: HttpRequest) -> HttpResponse:
    return _feed(
        selectors.listed_articles(language()),
        kind=feeds.ATOM,
        title=_("News"),
        link=reverse("newsroom:index"),
        feed_url=reverse("newsroom:feed"),
    )


@require_safe
def news_rss(request: HttpRequest) -> HttpResponse:
    return _feed(
        selectors.listed_articles(language()),
        kind=feeds.RSS,
        title=_("News"),
        link=reverse("newsroom:index"),
        feed_url=reverse("newsroom:rss"),
    )


@require_safe
def section_feed(request: HttpRequest, section: str) -> HttpResponse:
    chosen = _section(section)
    return _feed(
        selectors.listed_articles(language(), section=chosen),
        kind=feeds.ATOM,
        title=str(chosen.label),
        link=reverse("newsroom:section", kwargs={"section": chosen.value}),
        feed_url=reverse("newsroom:section_feed", kwargs={"section": chosen.value}),
    )


@require_safe
def tag_feed(request: HttpRequest, slug: str) -> HttpResponse:
    tag = selectors.public_tag(slug)
    if tag is None:
        raise Http404
    return _feed(
        selectors.listed_articles(language(), tag=tag),
        kind=feeds.ATOM,
        title=_("Tagged “%(tag)s”") % {"tag": tag.name},
        link=reverse("newsroom:tag", kwargs={"slug": tag.slug}),
        feed_url=reverse("newsroom:tag_feed", kwargs={"slug": tag.slug}),
    )


@require_safe
def author_feed(request: HttpRequest, slug: str) -> HttpResponse:
    author = selectors.public_author(slug)
    if author is None:
        raise Http404
    return _feed(
        selectors.listed_articles(language(), author=author),
        kind=feeds.ATOM,
        title=author.name,
        link=reverse("newsroom:author", kwargs={"slug": author.slug}),
        feed_url=reverse("newsroom:author_feed", kwargs={"slug": author.slug}),
    )
