"""An event's share card: its title, when it is (in the event's own zone), its format, and the
campaign's look, drawn by core (ayni.core.share_card).

The cache key is made of what the drawing shows — the title in the card's language, the
times, the zone, the format and venue, the state, the campaign's look — so an edit that
changes the card changes the key (and the ETag derived from it), and any other edit keeps
the card cached. A conditional request is answered from the key alone, without drawing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.http import quote_etag
from django.utils.translation import gettext, pgettext

from ayni.core.campaign import current_campaign
from ayni.core.share_card import render_card
from ayni.events.enums import EventState
from ayni.events.models import Event

# Bump when the drawing changes, so cards cached by an older release are drawn again.
CARD_VERSION = 1
CARD_CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class EventCard:
    event: Event
    language: str
    key: str

    @property
    def etag(self) -> str:
        return quote_etag(hashlib.blake2s(self.key.encode(), digest_size=12).hexdigest())


def event_card(event: Event, *, language: str | None = None) -> EventCard:
    """The card of `event` in `language` (by default the active one) and the key it is cached
    under."""
    language = (language or translation.get_language() or "en")[:2]
    campaign = current_campaign()
    shown = "|".join(
        (
            event.text("title", language),
            event.starts_at.isoformat(),
            event.ends_at.isoformat(),
            event.time_zone,
            event.format,
            event.venue_name,
            event.state,
            campaign.name,
            campaign.accent_colour,
            campaign.logo.name if campaign.logo else "",
        )
    )
    digest = hashlib.blake2s(shown.encode(), digest_size=12).hexdigest()
    key = f"event-card:{CARD_VERSION}:{event.pk}:{language}:{digest}"
    return EventCard(event=event, language=language, key=key)


def card_png(event: Event, *, language: str | None = None) -> bytes:
    """The event's card as PNG bytes (1200×630), in `language` (by default the active one),
    from the cache or drawn and cached."""
    card = event_card(event, language=language)
    png = cache.get(card.key)
    if png is None:
        png = _draw(card)
        cache.set(card.key, png, CARD_CACHE_SECONDS)
    return png


def card_alt(event: Event, *, language: str | None = None) -> str:
    """The card described for who cannot see it (og:image:alt): the title and the date."""
    card = event_card(event, language=language)
    with translation.override(card.language):
        return gettext("%(title)s: %(date)s") % {
            "title": event.text("title", card.language),
            "date": date_line(event),
        }


def date_line(event: Event) -> str:
    """The day the event starts, in its zone and the active language ("Monday 16 May 2022"),
    led by its state when it is cancelled or postponed."""
    day = format_date(
        event.local(event.starts_at), pgettext("date on an event's share card", "l j F Y")
    )
    if event.state in (EventState.CANCELLED, EventState.POSTPONED):
        return gettext("%(state)s: %(date)s") % {"state": event.get_state_display(), "date": day}
    return day


def detail_line(event: Event) -> str:
    """The times in the event's zone and how to be there ("19:00–20:30 BST · Online")."""
    starts, ends = event.local(event.starts_at), event.local(event.ends_at)
    times = f"{starts:%H:%M}–{ends:%H:%M} {zone_label(starts)}"
    parts = [times, str(event.get_format_display())]
    if event.has_venue and event.venue_name:
        parts.append(event.venue_name)
    return " · ".join(parts)


def zone_label(local: datetime) -> str:
    """The zone's abbreviation where it has a lettered one (BST, CET), else its offset from UTC
    (UTC−4 for La Paz, whose zone data names no abbreviation)."""
    name = local.tzname() or ""
    if name.isalpha():
        return name
    offset = local.utcoffset()
    minutes = round(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _draw(card: EventCard) -> bytes:
    event = card.event
    campaign = current_campaign()
    with translation.override(card.language):
        return render_card(
            title=event.text("title", card.language),
            count_line=date_line(event),
            detail_line=detail_line(event),
            colour=campaign.accent_colour,
            site_name=campaign.name,
            logo=campaign.logo,
        )
