"""An event's life-cycle steps as registrants live them: postponing tells everyone registered
or waiting (their calendar entry turns tentative, reminders stop), and publishing it again
tells them it goes ahead, with or without a new time, through the worker to a real SMTP
server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services import lifecycle
from ayni.events.services.registering import cancel_registration
from ayni.events.services.reminders import schedule_reminders
from ayni.events.tests.factories import (
    EventFactory,
    calendar_of,
    confirmed,
    edit_event,
    register,
    send_everything,
)
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> Event:
    """One place, held by a Spanish speaker; one English speaker waiting; one address never
    confirmed and one registration cancelled (neither is told anything)."""
    event = EventFactory(capacity=1)
    confirmed(event, "holder@example.org", language="es")
    confirmed(event, "waiting@example.org")
    register(event, "pending@example.org")
    cancel_registration(confirmed(event, "gone@example.org"))
    Registration.objects.update(placed_at=timezone.now() - timedelta(days=2))
    return Event.objects.get(pk=event.pk)


@pytest.fixture
def sent(mailbox, run_tasks):
    """What the worker sends from now on: (to, subject) of each email, the earlier cleared."""

    def send() -> list[tuple[str, str]]:
        mailbox.clear()
        send_everything(run_tasks)
        return sorted((message["To"], message["Subject"]) for message in mailbox.messages)

    send()
    return send


def vevent_of(message):
    _method, calendar = calendar_of(message)
    (vevent,) = calendar.walk("VEVENT")
    return calendar, vevent


def test_postponing_tells_everyone_registered_or_waiting_once(event, sent, mailbox):
    lifecycle.postpone_event(event=event)

    assert sent() == [
        ("holder@example.org", "Aplazado: Solidaridad con Bolivia"),
        ("waiting@example.org", "Postponed: Solidarity with Bolivia"),
    ]
    assert sent() == []  # once
    event.refresh_from_db()
    assert (event.state, event.sequence) == (EventState.POSTPONED, 1)
    keys = EventEmail.objects.filter(kind=EmailKind.POSTPONED).values_list("key", flat=True)
    assert list(keys) == ["1", "1"]


def test_the_postponement_email_says_so_in_their_language_and_marks_the_calendar_tentative(
    event, sent, mailbox
):
    lifecycle.postpone_event(event=event)
    sent()

    (holder,) = mailbox.to("holder@example.org")
    (waiting,) = mailbox.to("waiting@example.org")
    spanish, english = text_body(holder), text_body(waiting)
    assert "Lo sentimos: este evento se ha aplazado" in spanish
    assert "tu inscripción sigue en pie" in spanish
    assert "marca el evento como provisional" in spanish
    assert "We are sorry: this event has been postponed" in english
    assert "we will email you when the event goes ahead" in english
    assert "tentative" not in english  # no place, no calendar file
    calendar, vevent = vevent_of(holder)
    assert calendar["METHOD"] == "PUBLISH"  # still in the calendar, not removed
    assert (vevent["STATUS"], vevent["SEQUENCE"]) == ("TENTATIVE", 1)
    assert calendar_of(waiting) is None
    # Their place is kept, and the waiting list waits.
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["holder@example.org"] == RegistrationStatus.CONFIRMED
    assert statuses["waiting@example.org"] == RegistrationStatus.WAITLISTED


def test_a_postponed_event_gets_no_reminders(event, sent):
    day_before = event.starts_at - timedelta(hours=23)
    assert schedule_reminders(now=day_before) == 1  # due, not sent yet

    lifecycle.postpone_event(event=event)

    assert schedule_reminders(now=day_before) == 0
    assert schedule_reminders(now=event.starts_at - timedelta(minutes=30)) == 0
    assert [subject for _to, subject in sent()] == [
        "Aplazado: Solidaridad con Bolivia",
        "Postponed: Solidarity with Bolivia",
    ]
    assert not EventEmail.objects.exclude(email_due="").exists()


def test_on_again_at_a_new_time_tells_them_it_goes_ahead_then(event, sent, mailbox):
    lifecycle.postpone_event(event=event)
    sent()
    later = timedelta(days=30)
    event = edit_event(event, starts_at=event.starts_at + later, ends_at=event.ends_at + later)
    assert sent() == []  # no date to go to yet: told when it is published again

    lifecycle.publish_event(event=event)

    assert sent() == [
        ("holder@example.org", "Se celebra: Solidaridad con Bolivia"),
        ("waiting@example.org", "Going ahead: Solidarity with Bolivia"),
    ]
    event.refresh_from_db()
    (holder,) = mailbox.to("holder@example.org")
    (waiting,) = mailbox.to("waiting@example.org")
    new_day = event.local(event.starts_at)
    assert "Buenas noticias: el evento aplazado se celebrará" in text_body(holder)
    assert "Good news: the postponed event goes ahead. Here is when:" in text_body(waiting)
    assert f"{new_day:%H:%M}" in text_body(waiting)
    assert str(new_day.day) in text_body(waiting)
    _calendar, vevent = vevent_of(holder)
    assert (vevent["STATUS"], vevent["SEQUENCE"]) == ("CONFIRMED", event.sequence)
    assert event.sequence == 3  # postponed, moved, on again
    assert vevent.decoded("DTSTART") == event.starts_at
    assert "/es/events/r/join/" in text_body(holder)
    # The new time has its reminders.
    assert schedule_reminders(now=event.starts_at - timedelta(hours=23)) == 1


def test_on_again_at_the_same_time_tells_them_too(event, sent, mailbox):
    lifecycle.postpone_event(event=event)
    sent()

    lifecycle.publish_event(event=event)

    assert [subject for _to, subject in sent()] == [
        "Se celebra: Solidaridad con Bolivia",
        "Going ahead: Solidarity with Bolivia",
    ]
    _calendar, vevent = vevent_of(mailbox.to("holder@example.org")[0])
    assert (vevent["STATUS"], vevent["SEQUENCE"]) == ("CONFIRMED", 2)


def test_a_new_time_after_going_ahead_again_is_an_ordinary_time_change(event, sent):
    lifecycle.postpone_event(event=event)
    lifecycle.publish_event(event=event)
    sent()

    event = edit_event(event, ends_at=event.ends_at + timedelta(hours=1))

    assert [subject for _to, subject in sent()] == [
        "Nueva hora: Solidaridad con Bolivia",
        "New time: Solidarity with Bolivia",
    ]


def test_postponed_then_on_again_before_the_worker_ran_sends_only_that_it_goes_ahead(event, sent):
    lifecycle.postpone_event(event=event)
    lifecycle.publish_event(event=event)

    assert [subject for _to, subject in sent()] == [
        "Se celebra: Solidaridad con Bolivia",
        "Going ahead: Solidarity with Bolivia",
    ]


def test_postponed_then_cancelled_before_the_worker_ran_sends_only_the_cancellation(
    event, sent, mailbox
):
    lifecycle.postpone_event(event=event)
    lifecycle.cancel_event(event=event)

    assert [subject for _to, subject in sent()] == [
        "Cancelado: Solidaridad con Bolivia",
        "Cancelled: Solidarity with Bolivia",
    ]
    _calendar, vevent = vevent_of(mailbox.to("holder@example.org")[0])
    assert vevent["STATUS"] == "CANCELLED"


def test_a_new_time_while_postponed_leaves_the_postponement_email_due(event, sent):
    lifecycle.postpone_event(event=event)
    later = timedelta(days=1)
    edit_event(event, starts_at=event.starts_at + later, ends_at=event.ends_at + later)

    assert [subject for _to, subject in sent()] == [
        "Aplazado: Solidaridad con Bolivia",
        "Postponed: Solidarity with Bolivia",
    ]


def test_postponing_twice_is_refused_and_tells_nobody_again(event, sent):
    lifecycle.postpone_event(event=event)
    sent()

    with pytest.raises(ValidationError):
        lifecycle.postpone_event(event=event)

    assert sent() == []
    assert Event.objects.get(pk=event.pk).sequence == 1
