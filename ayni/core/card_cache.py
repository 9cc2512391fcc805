"""A share card kept and answered: what an app's card address (og:image) does once the app has
said what its card shows.

An app declares its card with `campaign_card`: a key made of everything its drawing shows
(`card_key` adds the campaign's look, which every card shows) and the texts it shows (a
`CardText`, asked for only when the card is drawn, in the card's language); core draws it in
the campaign's look (ayni.core.share_card) into a `KeptCard`. The ETag is
derived from the key, so a conditional request is answered without drawing or reading the
cache; a drawing is kept for a day under its key, and an edit that changes the card changes
the key. Every app's card goes through here (statements, events, motions, newsroom): the app
only says what its card shows and how long a copy may be kept by the client.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import quote_etag

from ayni.core.campaign import current_campaign
from ayni.core.conditional import not_modified
from ayni.core.share_card import render_card

CARD_CACHE_SECONDS = 24 * 3600
# Long enough to spare the server a crawler's bursts, short enough that a change shows soon.
CARD_MAX_AGE = 300


@dataclass(frozen=True)
class KeptCard:
    key: str  # everything the drawing shows, and the drawing's version
    draw: Callable[[], bytes]  # the PNG's bytes (ayni.core.share_card.render_card)
    max_age: int = CARD_MAX_AGE  # how long a client or proxy may keep a copy (Cache-Control)

    @property
    def etag(self) -> str:
        return quote_etag(hashlib.blake2s(self.key.encode(), digest_size=12).hexdigest())

    def png(self) -> bytes:
        """The card's PNG, from the cache or drawn and kept."""
        png = cache.get(self.key)
        if png is None:
            png = self.draw()
            cache.set(self.key, png, CARD_CACHE_SECONDS)
        return png


@dataclass(frozen=True)
class CardText:
    """What a card says (ayni.core.share_card.render_card's texts)."""

    title: str
    count_line: str  # the line under the title: a count, a date
    detail_line: str = ""
    progress: float | None = None  # a bar from 0 to 1, or none


def campaign_card(
    kind: str,
    *,
    version: int,
    language: str,
    shown: Iterable[object],
    text: Callable[[], CardText],
    max_age: int = CARD_MAX_AGE,
) -> KeptCard:
    """The card of `kind` ("event-card") drawn by release `version`, keyed on `shown` (all the
    drawing depends on besides the campaign's look): `text()`, called with `language` active
    and only when the card is drawn, says what it shows; drawn in the campaign's look."""

    def draw() -> bytes:
        campaign = current_campaign()
        with translation.override(language):
            said = text()
            return render_card(
                title=said.title,
                count_line=said.count_line,
                detail_line=said.detail_line,
                progress=said.progress,
                colour=campaign.accent_colour,
                site_name=campaign.name,
                logo=campaign.logo,
            )

    key = card_key(kind, version=version, language=language, shown=shown)
    return KeptCard(key=key, draw=draw, max_age=max_age)


def card_key(kind: str, *, version: int, language: str, shown: Iterable[object]) -> str:
    """The key of a card of `kind` ("motion-card") drawn by release `version` in `language`,
    showing `shown` (its title, its count…) in the campaign's present look."""
    campaign = current_campaign()
    look = (campaign.name, campaign.accent_colour, campaign.logo.name if campaign.logo else "")
    parts = "\x1f".join(map(str, (*shown, *look)))
    digest = hashlib.blake2s(parts.encode(), digest_size=12).hexdigest()
    return f"{kind}:{version}:{language}:{digest}"


def card_response(request: HttpRequest, card: KeptCard) -> HttpResponse:
    """The card as a cacheable PNG, or 304 to a client that holds it (its ETag)."""
    headers = {"Cache-Control": f"public, max-age={card.max_age}", "ETag": card.etag}
    if not_modified(request, card.etag):
        return HttpResponse(status=304, headers=headers)
    return HttpResponse(card.png(), content_type="image/png", headers=headers)
