"""Reminders 24 and 1 hours before: each once per registration and start time, however often
the job runs and whatever the worker goes through; none to those without a place."""

from __future__ import annotations

import tracemalloc
from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.core.models import WorkerHeartbeat
from ayni.events import tasks
from ayni.events.enums import EmailKind, RegistrationStatus
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services import emails
from ayni.events.services.registering import cancel_registration
from ayni.events.services.reminders import reminder_key, schedule_reminders
from ayni.events.tests.factories import (
    EventFactory,
    confirmed,
    edit_event,
    register,
    send_everything,
)
from ayni.supporters import outbox
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db


def reminders() -> list[tuple[str, str]]:
    """(address, key) of every reminder row, in order."""
    return list(
        EventEmail.objects.filter(kind=EmailKind.REMINDER)
        .order_by("registration__email", "key")
        .values_list("registration__email", "key")
    )


def place_at(registration: Registration, when) -> None:
    Registration.objects.filter(pk=registration.pk).update(placed_at=when)


@pytest.fixture
def event():
    """An event in two days, with one registration of each kind, placed long ago."""
    event = EventFactory(capacity=2)
    confirmed(event, "a@example.org")
    confirmed(event, "b@example.org")
    confirmed(event, "waiting@example.org")
    register(event, "pending@example.org")
    cancel_registration(confirmed(EventFactory(), "x@example.org"))  # another event's
    gone = confirmed(event, "gone@example.org")  # waiting, then cancelled
    cancel_registration(gone)
    Registration.objects.update(placed_at=timezone.now() - timedelta(days=3))
    return Event.objects.get(pk=event.pk)


def test_each_reminder_is_made_due_once_to_those_with_a_place_however_often_the_job_runs(event):
    start = event.starts_at
    clocks = [
        start - timedelta(hours=30),  # too early for any
        start - timedelta(hours=24),
        start - timedelta(hours=23, minutes=59),
        start - timedelta(hours=12),
        start - timedelta(hours=1, minutes=1),
    ]
    for now in clocks:
        for _ in range(3):
            schedule_reminders(now)
    assert reminders() == [
        ("a@example.org", reminder_key(event, 24)),
        ("b@example.org", reminder_key(event, 24)),
    ]

    for now in (start - timedelta(hours=1), start - timedelta(minutes=5)):
        for _ in range(3):
            schedule_reminders(now)
    schedule_reminders(start)  # from the start on, nothing more
    schedule_reminders(start + timedelta(minutes=10))

    assert reminders() == [
        ("a@example.org", reminder_key(event, 1)),
        ("a@example.org", reminder_key(event, 24)),
        ("b@example.org", reminder_key(event, 1)),
        ("b@example.org", reminder_key(event, 24)),
    ]
    assert reminder_key(event, 24) == f"24h@{start:%Y%m%dT%H%M%S}Z"


def test_the_job_answers_how_many_it_queued(event):
    now = event.starts_at - timedelta(hours=2)

    assert schedule_reminders(now) == 2
    assert schedule_reminders(now) == 0


def test_someone_placed_after_the_24_hour_moment_gets_only_the_1_hour_one(event):
    Event.objects.filter(pk=event.pk).update(capacity=None)
    late = confirmed(event, "late@example.org")
    place_at(late, event.starts_at - timedelta(hours=10))
    just_now = confirmed(event, "just-now@example.org")
    place_at(just_now, event.starts_at - timedelta(minutes=30))

    for hours in (24, 10, 1, 0.5):
        schedule_reminders(event.starts_at - timedelta(hours=hours) + timedelta(seconds=1))

    assert [key for email, key in reminders() if email == "late@example.org"] == [
        reminder_key(event, 1)
    ]
    # Placed half an hour before: just told everything, no reminder.
    assert [key for email, key in reminders() if email == "just-now@example.org"] == []


def test_a_new_start_time_reschedules_the_reminders_and_drops_the_old_ones(event):
    old_24 = reminder_key(event, 24)
    schedule_reminders(event.starts_at - timedelta(hours=23))
    event = edit_event(
        event,
        starts_at=event.starts_at + timedelta(days=2),
        ends_at=event.ends_at + timedelta(days=2),
    )

    rescheduled = EventEmail.objects.filter(kind=EmailKind.RESCHEDULED)
    assert sorted(rescheduled.values_list("registration__email", flat=True)) == [
        "a@example.org",
        "b@example.org",
        "waiting@example.org",
    ]
    assert set(rescheduled.values_list("key", flat=True)) == {"1"}
    for row in EventEmail.objects.filter(kind=EmailKind.REMINDER):
        assert row.key == old_24
        assert emails.prepare(row.pk) == "no longer due"
    schedule_reminders(event.starts_at - timedelta(hours=23))
    new = EventEmail.objects.filter(kind=EmailKind.REMINDER).exclude(key=old_24)
    assert set(new.values_list("key", flat=True)) == {reminder_key(event, 24)}
    assert new.count() == 2


def test_a_registration_cancelled_after_its_reminder_was_queued_is_not_reminded(event):
    schedule_reminders(event.starts_at - timedelta(hours=2))
    row = EventEmail.objects.get(kind=EmailKind.REMINDER, registration__email="a@example.org")

    cancel_registration(row.registration)

    assert emails.prepare(row.pk) == "no longer due"


def test_each_reminder_is_sent_once_though_the_worker_dies_in_the_middle(event, mailbox, run_tasks):
    Registration.objects.filter(email__in=["a@example.org", "b@example.org"]).update(language="es")
    EventEmail.objects.update(email_due="")  # what registering sent is not what we count
    now = timezone.now()
    old_worker = WorkerHeartbeat.objects.create(
        worker_id="old", started_at=now - timedelta(hours=1), seen_at=now
    )
    schedule_reminders(event.starts_at - timedelta(hours=23))
    assert tasks.dispatch_event_emails() == 2
    # The old worker claims a@'s reminder, and is killed before it reaches the mail server.
    crashed = EventEmail.objects.get(kind=EmailKind.REMINDER, registration__email="a@example.org")
    assert outbox.claim(EventEmail, crashed.pk, now=now - timedelta(seconds=30))

    run_tasks()  # the queued task: b@ is sent; a@'s claim looks live, so it is left alone
    assert [m["To"] for m in mailbox.messages] == ["b@example.org"]

    # The worker is restarted: the old one stops beating, the new one starts.
    old_worker.delete()
    WorkerHeartbeat.objects.create(worker_id="new", started_at=now, seen_at=now)
    for _ in range(3):
        schedule_reminders(event.starts_at - timedelta(hours=23))
        outbox.sweep_stuck(EventEmail, older_than=0)
        send_everything(run_tasks)

    assert sorted(m["To"] for m in mailbox.messages) == ["a@example.org", "b@example.org"]
    message = mailbox.to("a@example.org")[0]
    body = text_body(message)
    assert "/es/events/r/join/" in body  # in the registrant's language, with the join link
    assert event.meeting_url not in body
    assert EventEmail.objects.filter(kind=EmailKind.REMINDER, emailed_at__isnull=False).count() == 2
    assert not EventEmail.objects.exclude(email_due="").exists()


def test_10000_registrants_are_reminded_with_flat_memory_and_each_once():
    event = EventFactory(capacity=None)
    placed = timezone.now() - timedelta(days=3)
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                name=f"Person {n}",
                email=f"p{n}@crowd.example.org",
                email_normalised=f"p{n}@crowd.example.org",
                language="en",
                status=RegistrationStatus.CONFIRMED,
                placed_at=placed,
                check_in_code=f"{n:06d}",
            )
            for n in range(10_000)
        ],
        batch_size=2000,
    )
    now = event.starts_at - timedelta(hours=23)

    tracemalloc.start()
    try:
        queued = schedule_reminders(now)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert queued == 10_000
    assert EventEmail.objects.filter(kind=EmailKind.REMINDER).count() == 10_000
    assert peak < 30 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"
    assert schedule_reminders(now) == 0
    assert EventEmail.objects.filter(kind=EmailKind.REMINDER).count() == 10_000
    assert (
        EventEmail.objects.filter(kind=EmailKind.REMINDER).values("registration").distinct().count()
        == 10_000
    )
