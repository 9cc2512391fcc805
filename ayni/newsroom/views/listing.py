"""The news pages: every section, one section, one tag, one author (with their bio), each
paginated, and each one's feed (Atom; RSS too for the whole news)."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Listing:
    """One of the news pages: what it lists, its heading, its address and its feed's, and what
    else its template shows (the author, the tag, the section chosen)."""

    articles: QuerySet[Article]
    heading: str
    url: str
    feed_url: str
    extra: dict[str, Any] = field(default_factory=dict)


def _news() -> Listing:
    return Listing(
        selectors.listed_articles(language()),
        _("News"),
        reverse("newsroom:index"),
        reverse("newsroom:feed"),
        {"rss_url": reverse("newsroom:rss"), "current_section": ""},
    )


def _in_section(section: str) -> Listing:
    if section not in Section.values:
        raise Http404
    chosen = Section(section)
    return Listing(
        selectors.listed_articles(language(), section=chosen),
        str(chosen.label),
        reverse("newsroom:section", kwargs={"section": chosen.value}),
        reverse("newsroom:section_feed", kwargs={"section": chosen.value}),
        {"current_section": chosen.value},
    )


def _tagged(slug: str) -> Listing:
    tag = selectors.public_tag(slug)
    if tag is None:
        raise Http404
    return Listing(
        selectors.listed_articles(language(), tag=tag),
        _("Tagged “%(tag)s”") % {"tag": tag.name},
        reverse("newsroom:tag", kwargs={"slug": tag.slug}),
        reverse("newsroom:tag_feed", kwargs={"slug": tag.slug}),
        {"tag": tag},
    )


def _by_author(slug: str) -> Listing:
    author = selectors.public_author(slug)
    if author is None:
        raise Http404
    return Listing(
        selectors.listed_articles(language(), author=author),
        author.name,
        reverse("newsroom:author", kwargs={"slug": author.slug}),
        reverse("newsroom:author_feed", kwargs={"slug": author.slug}),
        {"author": author},
    )


def _page(request: HttpRequest, listing: Listing) -> HttpResponse:
    number = request.GET.get("page", "1")
    if not number.isdigit():
        raise Http404
    paginator = Paginator(listing.articles, PER_PAGE)
    if int(number) > 1 and int(number) > paginator.num_pages:
        raise Http404
    context = {
        "heading": listing.heading,
        "page": paginator.get_page(number),
        "feed_url": listing.feed_url,
        "sections": Section,
        **listing.extra,
    }
    return render(request, "newsroom/article_list.html", context)


def _feed(listing: Listing, *, kind: type[SyndicationFeed] = feeds.ATOM) -> HttpResponse:
    campaign = current_campaign()
    body = feeds.build_feed(
        kind=kind,
        title=_("%(title)s · %(site)s") % {"title": listing.heading, "site": campaign.name},
        link=listing.url,
        feed_url=listing.extra["rss_url"] if kind is feeds.RSS else listing.feed_url,
        description=campaign.description or listing.heading,
        language=language(),
        articles=listing.articles[: feeds.LATEST],
    )
    return HttpResponse(
        body,
        content_type=RSS_TYPE if kind is feeds.RSS else ATOM_TYPE,
        headers={"Cache-Control": f"public, max-age={FEED_MAX_AGE}"},
    )


@require_safe
def news_index(request: HttpRequest) -> HttpResponse:
    return _page(request, _news())


@require_safe
def section_list(request: HttpRequest, section: str) -> HttpResponse:
    return _page(request, _in_section(section))


@require_safe
def tag_list(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, _tagged(slug))


@require_safe
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, _by_author(slug))


@require_safe
def news_feed(request: HttpRequest) -> HttpResponse:
    return _feed(_news())


@require_safe
def news_rss(request: HttpRequest) -> HttpResponse:
    return _feed(_news(), kind=feeds.RSS)


@require_safe
def section_feed(request: HttpRequest, section: str) -> HttpResponse:
    return _feed(_in_section(section))


@require_safe
def tag_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return _feed(_tagged(slug))


@require_safe
def author_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return _feed(_by_author(slug))
