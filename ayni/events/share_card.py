"""An event's share card: its title, when it is (in the event's own zone), its format, and the
campaign's look, drawn by core (ayni.core.share_card) and kept and answered by core
(ayni.core.card_cache).

The key is made of what the drawing shows — the title in the card's language, the times, the
zone, the format and venue, the state — so an edit that changes the card changes the key (and
the ETag derived from it), and any other edit keeps the card cached.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, pgettext

from ayni.core.card_cache import CardText, KeptCard, campaign_card
from ayni.events.enums import EventState
from ayni.events.models import Event

# Bump when the drawing changes, so cards cached by an older release are drawn again.
CARD_VERSION = 1


def event_card(event: Event, *, language: str | None = None) -> KeptCard:
    """The card of `event` in `language` (by default the active one)."""
    language = _language(language)
    title = event.text("title", language)
    shown = (
        event.pk,
        title,
        event.starts_at.isoformat(),
        event.ends_at.isoformat(),
        event.time_zone,
        event.format,
        event.venue_name,
        event.state,
    )
    return campaign_card(
        "event-card",
        version=CARD_VERSION,
        language=language,
        shown=shown,
        text=lambda: CardText(
            title=title, count_line=date_line(event), detail_line=detail_line(event)
        ),
    )


def card_alt(event: Event, *, language: str | None = None) -> str:
    """The card described for who cannot see it (og:image:alt): the title and the date."""
    language = _language(language)
    with translation.override(language):
        return gettext("%(title)s: %(date)s") % {
            "title": event.text("title", language),
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


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "en")[:2]
