"""A statement's share card: its title, its count and the campaign's look, drawn by core.

The card shows the count rounded down to one significant figure ("1,000+ signatures" from
1,000 to 1,999), so one drawing serves every signature until the count crosses the next
round step, and what the card says stays true for as long as it is cached. The cache key
holds everything the drawing depends on; the ETag is derived from it, so a conditional
request is answered without drawing or even reading the cache.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import translation
from django.utils.formats import number_format
from django.utils.http import quote_etag
from django.utils.translation import gettext, ngettext

from ayni.core.campaign import current_campaign
from ayni.core.share_card import render_card
from ayni.statements import selectors
from ayni.statements.models import Statement

# Bump when the drawing changes, so cards cached by an older release are drawn again.
CARD_VERSION = 1
CARD_CACHE_SECONDS = 24 * 3600


def count_step(total: int) -> int:
    """`total` rounded down to one significant figure: exact below 10, then steps of 10 below
    100, of 100 below 1,000, of 1,000 below 10,000, and so on."""
    if total < 10:
        return max(total, 0)
    unit = 10 ** (len(str(total)) - 1)
    return total - total % unit


@dataclass(frozen=True)
class StatementCard:
    statement: Statement
    language: str
    shown: int  # the count the card shows, `count_step` of the live count
    key: str

    @property
    def etag(self) -> str:
        return quote_etag(hashlib.blake2s(self.key.encode(), digest_size=12).hexdigest())


def statement_card(statement: Statement, *, language: str, total: int) -> StatementCard:
    """What the card of `statement` in `language` shows with `total` signatures (the live
    count), and the key it is cached under."""
    shown = count_step(total)
    campaign = current_campaign()
    look = "|".join(
        (campaign.name, campaign.accent_colour, campaign.logo.name if campaign.logo else "")
    )
    marker = hashlib.blake2s(look.encode(), digest_size=8).hexdigest()
    key = (
        f"share-card:{CARD_VERSION}:{statement.pk}:{statement.updated_at.timestamp()}:"
        f"{language}:{marker}:{shown}"
    )
    return StatementCard(statement=statement, language=language, shown=shown, key=key)


def count_line(shown: int) -> str:
    """The card's count line in the active language, such as "1,000+ signatures"; exact below
    10, where no rounding happens."""
    number = number_format(shown, force_grouping=True)
    if shown < 10:
        return ngettext("%(count)s signature", "%(count)s signatures", shown) % {"count": number}
    return ngettext("%(count)s+ signature", "%(count)s+ signatures", shown) % {"count": number}


def card_alt(card: StatementCard) -> str:
    """The card described for who cannot see it (og:image:alt): its title and count."""
    with translation.override(card.language):
        text = selectors.statement_text(card.statement, card.language)
        return gettext("%(title)s: %(count)s") % {
            "title": text.title if text else card.statement.slug,
            "count": count_line(card.shown),
        }


def card_png(card: StatementCard) -> bytes:
    """The card's PNG, from the cache or drawn and cached."""
    png = cache.get(card.key)
    if png is None:
        png = _draw(card)
        cache.set(card.key, png, CARD_CACHE_SECONDS)
    return png


def _draw(card: StatementCard) -> bytes:
    statement = card.statement
    campaign = current_campaign()
    with translation.override(card.language):
        text = selectors.statement_text(statement, card.language)
        detail, progress = "", None
        if statement.goal:
            detail = ngettext(
                "Goal: %(goal)s signature", "Goal: %(goal)s signatures", statement.goal
            ) % {"goal": number_format(statement.goal, force_grouping=True)}
            progress = card.shown / statement.goal
        return render_card(
            title=text.title if text else statement.slug,
            count_line=count_line(card.shown),
            detail_line=detail,
            progress=progress,
            colour=campaign.accent_colour,
            site_name=campaign.name,
            logo=campaign.logo,
        )
