"""What the events' public pages share."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from ayni.events.enums import EventState
from ayni.events.models import Event

ICS_TYPE = "text/calendar; charset=utf-8"


def language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def is_past(event: Event) -> bool:
    return event.state == EventState.FINISHED or event.ends_at <= timezone.now()
