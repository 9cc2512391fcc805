"""Events and registrations for the tests, made through the services where it matters."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from ayni.events.enums import EventFormat, EventState
from ayni.events.models import Event, Host, Registration
from ayni.events.services import registering


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    name = factory.Sequence(lambda n: f"Host {n}")
    code = factory.Sequence(lambda n: f"host-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    state = EventState.PUBLISHED
    title_en = "Solidarity with Bolivia"
    title_es = "Solidaridad con Bolivia"
    summary_en = "The people in power."
    summary_es = "El pueblo en el poder."
    format = EventFormat.ONLINE
    time_zone = "Europe/London"
    # On the minute, as organisers enter times.
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    meeting_url = "https://meet.example.org/solidarity"
    published_at = factory.LazyFunction(timezone.now)


def register(event: Event, email: str, **details: object) -> Registration:
    """A form sent for `email` (pending until confirmed), as the register view sends it."""
    fields: dict[str, object] = {"name": "Ana Sample", "language": "en", **details}
    return registering.register_for_event(event=event, email=email, **fields)  # type: ignore[arg-type]


def confirmed(event: Event, email: str, **details: object) -> Registration:
    """A registration whose address was confirmed: it holds a place, or waits for one."""
    registration = register(event, email, **details)
    registering.confirm_registration(registration)
    registration.refresh_from_db()
    return registration
