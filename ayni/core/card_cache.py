"""A share card kept and answered: what an app's card address (og:image) does once the app has
said what its card shows.

An app declares a `KeptCard`: a key made of everything its drawing shows (`card_key` adds the
campaign's look, which every card shows) and how to draw it (ayni.core.share_card). The ETag is
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
from django.utils.http import quote_etag

from ayni.core.campaign import current_campaign
from ayni.core.conditional import not_modified

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


def card_key(kind: str, *, version: int, language: str, shown: Iterable[object]) -> str:
    """The key of a card of `kind` ("motion-card") drawn by release `version` in `language`,
    showing `shown` (its title, its count…) in the campaign's present look."""
    campaign = current_campaign()
    look = (campaign.name, campaign.accent_colour, campaign.logo.name if campaign.logo else "")
    parts = "\x1f".join(str(part) for part in (*shown, *look))
    digest = hashlib.blake2s(parts.encode(), digest_size=12).hexdigest()
    return f"{kind}:{version}:{language}:{digest}"


def card_response(request: HttpRequest, card: KeptCard) -> HttpResponse:
    """The card as a cacheable PNG, or 304 to a client that holds it (its ETag)."""
    headers = {"Cache-Control": f"public, max-age={card.max_age}", "ETag": card.etag}
    if not_modified(request, card.etag):
        return HttpResponse(status=304, headers=headers)
    return HttpResponse(card.png(), content_type="image/png", headers=headers)
