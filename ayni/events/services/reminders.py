"""Reminders before an event starts (EVENT_REMINDER_HOURS, by default 24 and 1 hours).

A periodic job (`schedule_reminders`) makes each reminder due when its moment comes, for the
registrations holding a place since before that moment (someone who registered an hour ago
was just sent everything). Only the latest moment passed is reminded: a registrant placed
between the two is not sent the earlier one late. The key names the start time, so each is
sent once (the constraint), and a start time changed since is reminded afresh.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import Event, Registration
from ayni.events.services.bulk import queue_for_all


def start_key(event: Event) -> str:
    """The event's start time, as reminder keys name it (UTC, to the second)."""
    return event.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def reminder_key(event: Event, hours: float) -> str:
    """A reminder is once per registration, per offset and per start time: a changed time
    reminds again."""
    return f"{hours:g}h@{start_key(event)}"


def reminder_moment(event: Event, now: datetime) -> float | None:
    """The offset (hours) of the latest reminder moment passed, or None before the first and
    once the event has started."""
    if now >= event.starts_at:
        return None
    passed = [
        hours
        for hours in settings.EVENT_REMINDER_HOURS
        if event.starts_at - timedelta(hours=hours) <= now
    ]
    return min(passed) if passed else None


def schedule_reminders(now: datetime | None = None) -> int:
    """Make the reminders due whose moment has come (periodic job). Returns how many were
    queued (those queued already are not queued again)."""
    now = now or timezone.now()
    furthest = max(settings.EVENT_REMINDER_HOURS, default=0)
    events = Event.objects.filter(
        state=EventState.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=furthest),
    )
    offered = 0
    for event in events:
        hours = reminder_moment(event, now)
        if hours is None:
            continue
        moment = event.starts_at - timedelta(hours=hours)
        offered += queue_for_all(
            Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED, placed_at__lte=moment
            ),
            EmailKind.REMINDER,
            key=reminder_key(event, hours),
        )
    return offered
