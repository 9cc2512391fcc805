"""What the back-office tests of events share: events and registrations made directly.

The roles are the real ones: events' platform.py declares its role grants, and core's
post_migrate hook gives them to the groups of the test database."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from ayni.events.enums import EventFormat, EventState, RegistrationStatus
from ayni.events.models import Event, Host, Registration
from ayni.supporters.normalise import normalise_email


def make_event(**fields) -> Event:
    starts = fields.pop("starts_at", timezone.now() + timedelta(days=7))
    values = {
        "slug": "solidarity-with-bolivia",
        "title_en": "Solidarity with Bolivia",
        "title_es": "Solidaridad con Bolivia",
        "summary_en": "The people in power",
        "state": EventState.PUBLISHED,
        "format": EventFormat.ONLINE,
        "time_zone": "Europe/London",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "meeting_url": "https://meet.example.org/secret-room",
        **fields,
    }
    return Event.objects.create(**values)


def make_registration(event: Event, name: str, **fields) -> Registration:
    email = fields.pop("email", f"{name.split()[0].lower()}@example.org")
    status = fields.pop("status", RegistrationStatus.CONFIRMED)
    now = timezone.now()
    values = {
        "event": event,
        "name": name,
        "email": email,
        "email_normalised": normalise_email(email),
        "language": "en",
        "status": status,
        "country": "GB",
        "confirmed_at": None if status == RegistrationStatus.PENDING else now,
        "waitlisted_at": now if status == RegistrationStatus.WAITLISTED else None,
        "placed_at": now if status == RegistrationStatus.CONFIRMED else None,
        "cancelled_at": now if status == RegistrationStatus.CANCELLED else None,
        **fields,
    }
    return Registration.objects.create(**values)


def make_host(name: str = "Bolivia Solidarity Campaign", code: str = "bsc") -> Host:
    return Host.objects.create(name=name, code=code)


def local(zone: str, text: str) -> datetime:
    """An aware datetime as read on the clocks of `zone` ("2026-10-24T18:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))
