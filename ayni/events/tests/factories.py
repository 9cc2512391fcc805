"""Events and registrations for the tests, made and changed through the services where it
matters, and the worker's sending."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import factory
import icalendar
from django.utils import timezone

from ayni.events import tasks
from ayni.events.enums import EventFormat, EventState
from ayni.events.models import Event, Host, Registration
from ayni.events.services import backoffice, registering


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


def edit_event(event: Event, **changes: object) -> Event:
    """What an organiser's save does: the row changed, then save_event told of it."""
    before = Event.objects.get(pk=event.pk)
    event = Event.objects.get(pk=event.pk)
    for field, value in changes.items():
        setattr(event, field, value)
    event.save()
    backoffice.save_event(event=event, before=before)
    return Event.objects.get(pk=event.pk)


def send_everything(run_tasks: Callable[[], object]) -> None:
    """What the worker does: queue the due emails, run the tasks, until nothing is due."""
    while tasks.dispatch_event_emails():
        run_tasks()


def calendar_of(message) -> tuple[str, icalendar.Calendar] | None:
    """The method in the attachment's MIME type, and the calendar it holds."""
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            return part.get_param("method"), icalendar.Calendar.from_ical(part.get_content())
    return None
