"""An article's share card (og:image when it has no featured image): its title, its section and
date, its byline, and the campaign's look, drawn by core (ayni.core.share_card) and kept and
answered by core (ayni.core.card_cache), always in the article's own language.

The key is made of what the drawing shows, so an edit that changes the card changes the key
(and the ETag derived from it); a conditional request is answered from the key alone.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, pgettext

from ayni.core.card_cache import CardText, KeptCard, campaign_card
from ayni.newsroom.models import Article

# Bump when the drawing changes, so cards cached by an older release are drawn again.
CARD_VERSION = 1
# A published article's card seldom changes (its title, byline or date), so clients keep it
# longer than a count-bearing card.
CARD_MAX_AGE = 3600


def article_card(article: Article) -> KeptCard:
    """The card of `article`, in the article's language."""
    names = [b.author.name for b in article.bylines.all()]
    shown = (
        article.pk,
        article.title,
        article.section,
        article.published_at.isoformat() if article.published_at else "",
        ", ".join(names),
    )
    return campaign_card(
        "article-card",
        version=CARD_VERSION,
        language=article.language,
        shown=shown,
        text=lambda: CardText(
            title=article.title, count_line=date_line(article), detail_line=byline(article)
        ),
        max_age=CARD_MAX_AGE,
    )


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
