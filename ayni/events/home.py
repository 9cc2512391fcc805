"""The events' block on the home page (declared in platform.py): the next few events people
can register for, or nothing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ayni.events import display, selectors
from ayni.events.enums import EventState

# Enough to show what is coming without pushing the statements down the page.
HOME_EVENTS = 3


def events_block(request: HttpRequest) -> dict[str, Any] | None:
    events = list(selectors.upcoming_events().filter(state=EventState.PUBLISHED)[:HOME_EVENTS])
    if not events:
        return None
    return {"events": [(event, display.event_time(event)) for event in events]}
