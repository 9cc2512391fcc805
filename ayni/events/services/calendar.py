"""Calendar files (RFC 5545, made with `icalendar`): one event for a registrant's calendar,
and the public feed of upcoming events.

Each event has one UID for good (its id and the site's host), so a calendar that imported it
replaces it when it changes; SEQUENCE is the event's `sequence`, raised whenever its time or
its status changes. STATUS is one of the three RFC 5545 gives a VEVENT: CONFIRMED while it is
on, TENTATIVE while it is postponed (it stays in people's calendars, marked as not certain,
until it is published again with its time, CONFIRMED, or cancelled), and CANCELLED, sent with
METHOD:CANCEL. Times are written in the event's own zone with its VTIMEZONE, so they read right
across a daylight-saving change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parseaddr
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone, translation

from ayni.core.mail import sender_address
from ayni.events.enums import EventState
from ayni.events.models import Event

PRODID = "-//ayni//events//EN"


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"event-{event.pk}@{host}"


def _ics_time(event: Event, instant: datetime) -> datetime:
    """The instant in the event's zone; in UTC if it is the second of a local time that
    happens twice (the hour the clocks go back), which RFC 5545 reads as the first."""
    local = event.local(instant)
    if local.fold:
        return instant.astimezone(UTC)
    return local


def _vevent(event: Event, *, language: str, description_extra: str = "") -> icalendar.Event:
    with translation.override(language):
        title = event.title
        summary = event.summary
        url = settings.SITE_URL + event.get_absolute_url()
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", _ics_time(event, event.starts_at))
    vevent.add("dtend", _ics_time(event, event.ends_at))
    vevent.add("summary", title)
    vevent.add(
        "description", "\n\n".join(part for part in (summary, description_extra, url) if part)
    )
    vevent.add("url", url)
    if event.has_venue and (event.venue_name or event.venue_address):
        vevent.add("location", ", ".join(p for p in (event.venue_name, event.venue_address) if p))
    elif event.is_online:
        vevent.add("location", url)
    vevent.add("status", ics_status(event))
    return vevent


def _calendar(events: Iterable[icalendar.Event], *, method: str = "", name: str = "") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for vevent in events:
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_status(event: Event) -> str:
    """The VEVENT's STATUS (RFC 5545 §3.8.1.11): a postponed event is TENTATIVE."""
    if event.state == EventState.CANCELLED:
        return "CANCELLED"
    if event.state == EventState.POSTPONED:
        return "TENTATIVE"
    return "CONFIRMED"


def ics_method(event: Event) -> str:
    """The iTIP method of a registrant's calendar file (RFC 5546): the event, or its
    cancellation."""
    return "CANCEL" if event.state == EventState.CANCELLED else "PUBLISH"


def ics_content_type(event: Event) -> str:
    """The MIME type of the file attached to an email: calendar apps read the method in it
    (RFC 6047). The charset is added by the email (utf-8)."""
    return f"text/calendar; method={ics_method(event)}"


def event_ics(event: Event, *, language: str, join_url: str = "") -> bytes:
    """The event for one registrant's calendar (with their personal join link, if any).
    Sent by the campaign (ORGANIZER, which RFC 5546 asks of both methods)."""
    vevent = _vevent(event, language=language, description_extra=join_url)
    name, address = parseaddr(sender_address())
    organizer = icalendar.vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["cn"] = icalendar.vText(name)
    vevent.add("organizer", organizer)
    return _calendar([vevent], method=ics_method(event))


def feed_ics(events: Iterable[Event], *, language: str, name: str) -> bytes:
    """The public feed calendar apps subscribe to."""
    return _calendar((_vevent(event, language=language) for event in events), name=name)


def ics_filename(event: Event) -> str:
    return f"{event.slug}.ics"


def local_time(event: Event, instant: datetime) -> datetime:
    return event.local(instant)
