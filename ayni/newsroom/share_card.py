"""An article's share card (og:image when it has no featured image): its title, its section and
date, and the campaign's look, drawn by core (ayni.core.share_card).

The cache key is made of what the drawing shows, so an edit that changes the card changes the
key (and the ETag derived from it); a conditional request is answered from the key alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.http import quote_etag
from django.utils.translation import gettext, pgettext

from ayni.core.campaign import current_campaign
from ayni.core.share_card import render_card
from ayni.newsroom.models import Article

# Bump when the drawing changes, so cards cached by an older release are drawn again.
CARD_VERSION = 1
CARD_CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class ArticleCard:
    article: Article
    key: str

    @property
    def etag(self) -> str:
        return quote_etag(hashlib.blake2s(self.key.encode(), digest_size=12).hexdigest())


def article_card(article: Article) -> ArticleCard:
    campaign = current_campaign()
    shown = "|".join(
        (
            article.title,
            article.section,
            article.published_at.isoformat() if article.published_at else "",
            ", ".join(b.author.name for b in article.bylines.all()),
            campaign.name,
            campaign.accent_colour,
            campaign.logo.name if campaign.logo else "",
        )
    )
    digest = hashlib.blake2s(shown.encode(), digest_size=12).hexdigest()
    return ArticleCard(article=article, key=f"article-card:{CARD_VERSION}:{article.pk}:{digest}")


def date_line(article: Article) -> str:
    """The section and the day it was published, in the article's language."""
    with translation.override(article.language):
        day = (
            format_date(article.published_at, pgettext("date on an article's share card", "j F Y"))
            if article.published_at
            else ""
        )
        section = str(article.get_section_display())
        return f"{section} · {day}" if day else section


def byline(article: Article) -> str:
    with translation.override(article.language):
        names = [b.author.name for b in article.bylines.all()]
        return gettext("By %(names)s") % {"names": ", ".join(names)} if names else ""


def card_alt(article: Article) -> str:
    """The card described for who cannot see it (og:image:alt)."""
    with translation.override(article.language):
        return gettext("%(title)s: %(date)s") % {"title": article.title, "date": date_line(article)}


def card_png(article: Article) -> bytes:
    """The card as PNG bytes (1200×630), from the cache or drawn and cached."""
    card = article_card(article)
    png = cache.get(card.key)
    if png is None:
        campaign = current_campaign()
        with translation.override(article.language):
            png = render_card(
                title=article.title,
                count_line=date_line(article),
                detail_line=byline(article),
                colour=campaign.accent_colour,
                site_name=campaign.name,
                logo=campaign.logo,
            )
        cache.set(card.key, png, CARD_CACHE_SECONDS)
    return png
