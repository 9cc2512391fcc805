"""The newsroom's feeds for feed readers: Atom for the site, each section, each tag and each
author, and RSS 2.0 for the site (what older readers and podcast-style tools expect), in the
language of the address (/en/…, /es/…), listing what that language's news pages list.

A gated article (members only, metered) carries only what its public page shows everyone: its
standfirst and first paragraphs, never the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ayni.newsroom.body import render_body
from ayni.newsroom.models import Article

# How many articles a feed carries (the latest first).
LATEST = 20


def item_html(article: Article) -> str:
    """What a reader's feed shows of the article: the standfirst and the body, or only the
    preview of a gated one with a line saying where the rest is."""
    body = render_body(article.body, preview=article.is_gated)
    parts = [format_html("<p><strong>{}</strong></p>", article.standfirst), body.html]
    if article.is_gated:
        parts.append(
            format_html(
                '<p><a href="{}">{}</a></p>',
                settings.SITE_URL + article.get_absolute_url(),
                _("Read the whole article on the site."),
            )
        )
    return "".join(parts)


def build_feed(
    *,
    kind: type[SyndicationFeed],
    title: str,
    link: str,
    feed_url: str,
    description: str,
    language: str,
    articles: Iterable[Article],
) -> str:
    """The feed of `articles` (already the latest first, with their bylines)."""
    feed = kind(
        title=title,
        link=settings.SITE_URL + link,
        description=description,
        language=language,
        feed_url=settings.SITE_URL + feed_url,
        feed_guid=settings.SITE_URL + feed_url,
    )
    for article in articles:
        url = settings.SITE_URL + article.get_absolute_url()
        names = ", ".join(byline.author.name for byline in article.bylines.all())
        feed.add_item(
            title=article.title,
            link=url,
            description=item_html(article),
            author_name=names or None,
            unique_id=f"{settings.SITE_URL}/news/{article.pk}",
            unique_id_is_permalink=False,
            pubdate=article.published_at,
            updateddate=article.updated_at,
            categories=[article.get_section_display()],
        )
    return feed.writeString("utf-8")


ATOM = Atom1Feed
RSS = Rss201rev2Feed
