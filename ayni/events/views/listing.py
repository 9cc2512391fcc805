"""The events list and the calendar feed of upcoming events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ayni.core.campaign import current_campaign
from ayni.events import display, selectors
from ayni.events.forms import EventFilterForm
from ayni.events.models import Event
from ayni.events.services import calendar
from ayni.events.views.common import ICS_TYPE, language

# Calendar apps poll a feed often; a few minutes' delay on a change is fine.
FEED_MAX_AGE = 300


@dataclass(frozen=True)
class ListedEvent:
    event: Event
    when: display.EventTime
    languages: list[str]
    panel: list[Any]
    places: selectors.Places | None  # None: not counted (a past event)


def _listed(events: Any, *, counted: bool) -> list[ListedEvent]:
    return [
        ListedEvent(
            event=event,
            when=display.event_time(event),
            languages=display.language_names(event.language_codes),
            panel=selectors.panel(event.appearances.all()),
            places=(selectors.Places(event.places_taken, 0, event.capacity) if counted else None),
        )
        for event in events
    ]


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    upcoming = selectors.with_places_taken(selectors.upcoming_events(**filters))
    past = selectors.past_events(**filters)
    return render(
        request,
        "events/event_list.html",
        {
            "form": form,
            "filtered": any(filters.values()),
            "upcoming": _listed(upcoming, counted=True),
            "past": _listed(past, counted=False),
            **_feed_links(),
        },
    )


def _feed_links() -> dict[str, str]:
    feed = settings.SITE_URL + reverse("events:feed")
    return {"feed_url": feed, "webcal_url": "webcal://" + feed.split("://", 1)[-1]}


@require_safe
def event_feed(request: HttpRequest) -> HttpResponse:
    """The upcoming public events as one calendar, for calendar apps to subscribe to."""
    name = _("Events · %(site)s") % {"site": current_campaign().name}
    body = calendar.feed_ics(selectors.upcoming_events(), language=language(), name=name)
    return HttpResponse(
        body, content_type=ICS_TYPE, headers={"Cache-Control": f"public, max-age={FEED_MAX_AGE}"}
    )
