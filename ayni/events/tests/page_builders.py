"""Events, speakers and registrations for the tests of the public pages, made with the models
(the shapes an organiser's back office would save) and the registering services."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from ayni.events import tokens
from ayni.events.enums import EmailKind, EventFormat, EventState, RegistrationStatus, Role
from ayni.events.models import Appearance, Event, Host, Registration, Speaker
from ayni.events.services import registering

_numbers = itertools.count(1)
# A meeting address no page may ever show (tests look for it in every page's source).
MEETING_URL = "https://meet.example.org/secret-room-7f3c9a"


def make_event(
    *,
    starts_in: timedelta = timedelta(days=7),
    hours: float = 2,
    state: str = EventState.PUBLISHED,
    **fields: Any,
) -> Event:
    """A published online event a week from now, unless told otherwise."""
    number = next(_numbers)
    starts = fields.pop("starts_at", None) or (timezone.now() + starts_in).replace(
        second=0, microsecond=0
    )
    defaults: dict[str, Any] = {
        "slug": f"event-{number}",
        "state": state,
        "title_en": f"Solidarity meeting {number}",
        "title_es": f"Reunión solidaria {number}",
        "summary_en": "Hear from the people in power.",
        "summary_es": "Escucha a la gente en el poder.",
        "format": EventFormat.ONLINE,
        "time_zone": "Europe/London",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=hours),
        "meeting_url": MEETING_URL,
        "languages": "en,es",
    }
    defaults.update(fields)
    event = Event(**defaults)
    event.full_clean()
    event.save()
    return event


def make_speaker(name: str = "Ana Quispe", **fields: Any) -> Speaker:
    number = next(_numbers)
    defaults: dict[str, Any] = {"slug": f"speaker-{number}", "name": name}
    defaults.update(fields)
    return Speaker.objects.create(**defaults)


def appear(event: Event, speaker: Speaker, role: str = Role.SPEAKER, order: int = 0, **fields: Any):
    return Appearance.objects.create(event=event, speaker=speaker, role=role, order=order, **fields)


def make_host(name: str = "Trade Union Solidarity", code: str = "tus") -> Host:
    return Host.objects.create(name=name, code=code)


def register(event: Event, email: str = "ana@example.org", **fields: Any) -> Registration:
    """A registration through the service, as the form makes it (pending)."""
    return registering.register_for_event(
        event=event, name=fields.pop("name", "Ana Mamani"), email=email, language="en", **fields
    )


def registered(event: Event, email: str = "ana@example.org", **fields: Any) -> Registration:
    """A registration whose address is confirmed (with a place, or on the waiting list)."""
    registration = register(event, email, **fields)
    registering.confirm_registration(registration)
    registration.refresh_from_db()
    assert registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    return registration


def url_in(language: str, name: str, **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def link(name: str, registration: Registration, language: str = "en") -> str:
    """The address of one of a registrant's links, with the token its purpose takes (a
    confirm link names the registration's latest confirmation email)."""
    if name == "confirm":
        email = registration.emails.filter(kind=EmailKind.CONFIRM).latest("pk")
        return url_in(language, "events:confirm", token=tokens.CONFIRM.make(email.pk))
    signed = tokens.JOIN if name == "join" else tokens.MANAGE
    return url_in(language, f"events:{name}", token=signed.make(registration.pk))


def at(moment: datetime) -> Any:
    """A stand-in for timezone.now reading `moment` (monkeypatch it in)."""
    return lambda: moment
