"""The registrations' emails: who each kind is for, the rate limit, the calendar attachments,
sent through the worker to a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.events import selectors
from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services import backoffice, emails
from ayni.events.services.registering import cancel_registration, confirm_registration
from ayni.events.services.reminders import reminder_key
from ayni.events.tests.factories import (
    EventFactory,
    calendar_of,
    confirmed,
    edit_event,
    register,
    send_everything,
)
from ayni.supporters import outbox
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db

ALL_STATUSES = list(RegistrationStatus)


def registration_in(status: str, event=None) -> Registration:
    event = event or EventFactory(capacity=1)
    if status == RegistrationStatus.WAITLISTED and not Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ):
        confirmed(event, "holder@example.org")
    registration = register(event, f"{status}@example.org")
    if status != RegistrationStatus.PENDING:
        confirm_registration(registration)
    if status == RegistrationStatus.CANCELLED:
        cancel_registration(registration)
    registration.refresh_from_db()
    assert registration.status == status
    return registration


def due_row(registration: Registration, kind: str, **fields) -> EventEmail:
    event = registration.event
    key = {
        EmailKind.REMINDER: reminder_key(event, 24),
        EmailKind.POSTPONED: f"{event.sequence}",
        EmailKind.RESCHEDULED: f"{event.sequence}",
        EmailKind.CANCELLED: f"{event.sequence}",
    }.get(kind, "")
    return EventEmail.objects.create(
        registration=registration,
        kind=kind,
        key=fields.pop("key", key),
        email_due=kind,
        email_due_at=timezone.now(),
        **fields,
    )


@pytest.mark.parametrize("kind", [k for k in EmailKind if k != EmailKind.MESSAGE])
@pytest.mark.parametrize("status", ALL_STATUSES)
def test_each_kind_goes_only_to_the_statuses_it_is_for(kind, status):
    registration = registration_in(status)
    if kind == EmailKind.POSTPONED:  # due while the event stays postponed
        Event.objects.filter(pk=registration.event_id).update(state=EventState.POSTPONED)
    row = due_row(registration, kind)

    prepared = emails.prepare(row.pk)

    if status in emails.FOR[kind]:
        assert isinstance(prepared, outbox.DueEmail)
        assert (prepared.to, prepared.template, prepared.language) == (
            registration.email,
            f"events/email/{kind}",
            "en",
        )
        assert prepared.message_id_key == f"event-email-{row.pk}"
    else:
        assert prepared == "no longer due"


@pytest.mark.parametrize("include_waitlist", [False, True])
def test_a_message_reaches_the_waiting_list_only_when_asked(include_waitlist):
    event = EventFactory(capacity=1)
    holder = confirmed(event, "holder@example.org")
    waiting = confirmed(event, "waiting@example.org")
    message = backoffice.send_message(
        event=event,
        subject="Bring water",
        body="It will be hot.",
        include_waitlist=include_waitlist,
        sender=None,
    )
    rows = {
        row.registration_id: row.pk for row in EventEmail.objects.filter(kind=EmailKind.MESSAGE)
    }

    assert isinstance(emails.prepare(rows[holder.pk]), outbox.DueEmail)
    if include_waitlist:
        assert isinstance(emails.prepare(rows[waiting.pk]), outbox.DueEmail)
        assert message.recipients == 2
    else:
        assert waiting.pk not in rows
        assert message.recipients == 1
        # Even a row made for them some other way is not sent.
        row = due_row(waiting, EmailKind.MESSAGE, key="message-x", message=message)
        assert emails.prepare(row.pk) == "no longer due"


def test_the_rate_limit_holds_confirmations_past_the_per_ip_burst(settings):
    settings.SIGNATURE_BURST_LIMIT = 3
    settings.SIGNATURE_BURST_SECONDS = 60
    event = EventFactory(capacity=None)
    registered = confirmed(event, "registered@example.org")
    rows = []
    for n in range(3):
        register(event, f"p{n}@example.org", ip_hash="crowd")
    rows = list(EventEmail.objects.filter(ip_hash="crowd").order_by("pk"))
    register(event, "registered@example.org", ip_hash="crowd")  # an AGAIN, the 4th
    register(event, "p4@example.org", ip_hash="crowd")  # the 5th
    register(event, "elsewhere@example.org", ip_hash="someone-else")
    register(event, "no-ip@example.org")
    again = EventEmail.objects.get(kind=EmailKind.AGAIN, registration=registered)
    fifth = EventEmail.objects.get(registration__email="p4@example.org")

    assert [isinstance(emails.prepare(row.pk), outbox.DueEmail) for row in rows] == [True] * 3
    assert emails.prepare(again.pk) == "held"
    assert emails.prepare(fifth.pk) == "held"
    for email in ("elsewhere@example.org", "no-ip@example.org"):
        row = EventEmail.objects.get(registration__email=email)
        assert isinstance(emails.prepare(row.pk), outbox.DueEmail)


def test_the_rate_limit_window_passes(settings):
    settings.SIGNATURE_BURST_LIMIT = 1
    settings.SIGNATURE_BURST_SECONDS = 60
    event = EventFactory()
    register(event, "early@example.org", ip_hash="crowd")
    EventEmail.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    register(event, "later@example.org", ip_hash="crowd")

    row = EventEmail.objects.get(registration__email="later@example.org")
    assert isinstance(emails.prepare(row.pk), outbox.DueEmail)


def test_only_confirmations_and_agains_are_held_by_the_rate_limit(settings):
    settings.SIGNATURE_BURST_LIMIT = 1
    registration = registration_in(RegistrationStatus.CONFIRMED)
    for _ in range(3):
        due_row(registration, EmailKind.AGAIN, ip_hash="crowd")
    reminder = due_row(registration, EmailKind.REMINDER, ip_hash="crowd")

    assert isinstance(emails.prepare(reminder.pk), outbox.DueEmail)


def test_a_reminder_for_an_old_start_time_is_not_sent():
    registration = registration_in(RegistrationStatus.CONFIRMED)
    event = registration.event
    old = due_row(registration, EmailKind.REMINDER)
    event = edit_event(
        event,
        starts_at=event.starts_at + timedelta(hours=3),
        ends_at=event.ends_at + timedelta(hours=3),
    )
    new = due_row(registration, EmailKind.REMINDER, key=reminder_key(event, 24))

    assert emails.prepare(old.pk) == "no longer due"
    assert isinstance(emails.prepare(new.pk), outbox.DueEmail)


@pytest.mark.parametrize("state", [EventState.CANCELLED, EventState.POSTPONED])
def test_no_reminder_for_an_event_that_is_not_going_ahead(state):
    registration = registration_in(RegistrationStatus.CONFIRMED)
    row = due_row(registration, EmailKind.REMINDER)
    registration.event.state = state
    registration.event.save()

    assert emails.prepare(row.pk) == "no longer due"


def test_no_confirmation_once_registration_has_closed():
    registration = registration_in(RegistrationStatus.PENDING)
    row = EventEmail.objects.get(registration=registration)
    registration.event.registration_closes_at = timezone.now() - timedelta(minutes=1)
    registration.event.save()

    assert emails.prepare(row.pk) == "no longer due"


def test_a_time_change_superseded_by_another_is_not_sent():
    event = EventFactory()
    confirmed(event, "ana@example.org")
    for hours in (1, 2):
        event = edit_event(event, ends_at=event.ends_at + timedelta(hours=hours))
    first, second = EventEmail.objects.filter(kind=EmailKind.RESCHEDULED).order_by("pk")

    assert (first.key, second.key) == ("1", "2")
    assert emails.prepare(first.pk) == "no longer due"
    assert isinstance(emails.prepare(second.pk), outbox.DueEmail)


# --- Through the worker, to a real SMTP server -------------------------------------------------


def test_the_registration_emails_arrive_with_their_calendar_files(mailbox, run_tasks):
    event = EventFactory(capacity=1, title_en="Solidarity with Bolivia")
    holder = register(event, "holder@example.org", language="es")
    waiting = register(event, "waiting@example.org")
    send_everything(run_tasks)
    confirm_mail = mailbox.to("holder@example.org")
    assert len(confirm_mail) == 1
    assert calendar_of(confirm_mail[0]) is None  # nothing to put in a calendar yet
    assert "/es/events/r/confirm/" in text_body(confirm_mail[0])
    mailbox.clear()

    confirm_registration(holder)
    confirm_registration(waiting)
    send_everything(run_tasks)

    (placed,) = mailbox.to("holder@example.org")
    method, calendar = calendar_of(placed)
    assert method == calendar["METHOD"] == "PUBLISH"
    (attachment,) = placed.iter_attachments()
    assert [name for name, _value in attachment.get_params()] == [
        "text/calendar",
        "method",
        "charset",
    ]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["SUMMARY"] == "Solidaridad con Bolivia"  # the registrant's language
    assert "/es/events/r/join/" in str(vevent["DESCRIPTION"])
    assert str(vevent["ORGANIZER"]).startswith("mailto:")
    (waitlisted,) = mailbox.to("waiting@example.org")
    assert calendar_of(waitlisted) is None  # no place, nothing for the calendar
    mailbox.clear()

    cancel_registration(Registration.objects.get(pk=holder.pk))
    send_everything(run_tasks)

    assert mailbox.to("holder@example.org") == []  # cancelling is answered by its page
    (promoted,) = mailbox.to("waiting@example.org")
    assert calendar_of(promoted)[1]["METHOD"] == "PUBLISH"
    mailbox.clear()

    event = edit_event(
        event,
        starts_at=event.starts_at + timedelta(days=1),
        ends_at=event.ends_at + timedelta(days=1),
    )
    send_everything(run_tasks)

    (moved,) = mailbox.to("waiting@example.org")
    _type, calendar = calendar_of(moved)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["SEQUENCE"] == 1
    assert vevent.decoded("DTSTART") == event.starts_at
    mailbox.clear()

    edit_event(event, state=EventState.CANCELLED)
    send_everything(run_tasks)

    (cancelled,) = mailbox.to("waiting@example.org")
    method, calendar = calendar_of(cancelled)
    assert method == calendar["METHOD"] == "CANCEL"
    (vevent,) = calendar.walk("VEVENT")
    assert (vevent["STATUS"], vevent["SEQUENCE"]) == ("CANCELLED", 2)
    assert not EventEmail.objects.exclude(email_due="").exists()


def test_each_email_is_sent_once_however_often_the_worker_runs(mailbox, run_tasks):
    event = EventFactory()
    for n in range(5):
        confirmed(event, f"p{n}@example.org")

    for _ in range(3):
        send_everything(run_tasks)
        outbox.sweep_stuck(EventEmail, older_than=0)

    # Confirmed before the worker ran: the confirmation was dropped, the place is told.
    assert sorted(m["To"] for m in mailbox.messages) == [f"p{n}@example.org" for n in range(5)]
    assert not EventEmail.objects.exclude(email_due="").exists()


def test_every_kind_fits_the_outbox_fields():
    """SQLite stores a longer value anyway; PostgreSQL refused "report_back" in 10 characters."""
    longest = max(len(kind) for kind in EmailKind.values)

    for name in ("kind", "email_due"):
        assert EventEmail._meta.get_field(name).max_length >= longest


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.mark.parametrize("with_message", [False, True])
def test_the_email_read_for_sending_is_the_orms_row_with_its_registration_and_event(
    with_message, django_assert_num_queries
):
    event = EventFactory(capacity=5, summary_es="Resumen", venue_name="Sala")
    registration = confirmed(event, "reader@example.org")
    message = None
    if with_message:
        message = backoffice.send_message(
            event=event, subject="Bring water", body="Hot.", include_waitlist=False, sender=None
        )
    row = due_row(registration, EmailKind.MESSAGE, key="message-y", message=message)
    orm = EventEmail.objects.select_related("registration__event", "message").get(pk=row.pk)

    with django_assert_num_queries(3):
        read = selectors.email_to_send(row.pk)

    assert _fields(read) == _fields(orm)
    assert _fields(read.registration) == _fields(orm.registration)
    assert _fields(read.registration.event) == _fields(orm.registration.event)
    with django_assert_num_queries(1 if with_message else 0):
        assert read.message == orm.message
    assert emails.prepare(row.pk).context["event"].title == event.title


def test_an_email_whose_row_is_gone_is_no_longer_due():
    registration = confirmed(EventFactory(), "gone@example.org")
    row = due_row(registration, EmailKind.REMINDER, key="1h@x")
    EventEmail.objects.filter(pk=row.pk).delete()

    assert selectors.email_to_send(row.pk) is None
    assert emails.prepare(row.pk) == "no longer due"
