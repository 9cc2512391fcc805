"""The worker's events tasks and periodic jobs: each safe to run twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from ayni.events import tasks
from ayni.events.enums import EmailKind, EventState
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services import bulk
from ayni.events.tests.factories import EventFactory, confirmed, register

pytestmark = pytest.mark.django_db


def test_the_send_task_sends_its_batch_once(mailbox):
    event = EventFactory()
    rows = [register(event, f"p{n}@example.org") for n in range(3)]
    ids = list(EventEmail.objects.filter(registration__in=rows).values_list("pk", flat=True))

    assert tasks.task_send_event_emails.call(ids) == {"sent": 3}
    assert tasks.task_send_event_emails.call(ids) == {"nothing": 3}

    assert sorted(m["To"] for m in mailbox.messages) == [f"p{n}@example.org" for n in range(3)]


def test_the_dispatch_job_makes_reminders_due_and_queues_every_due_email(mailbox, run_tasks):
    event = EventFactory(starts_at=timezone.now() + timedelta(minutes=50))
    registration = confirmed(event, "ana@example.org")
    Registration.objects.filter(pk=registration.pk).update(
        placed_at=timezone.now() - timedelta(days=1)
    )

    tasks.periodic_dispatch_emails()
    tasks.periodic_dispatch_emails()
    run_tasks()

    assert sorted(EventEmail.objects.values_list("kind", "email_due")) == [
        (EmailKind.CONFIRM, ""),
        (EmailKind.CONFIRMED, ""),
        (EmailKind.REMINDER, ""),
    ]
    assert len(mailbox.to("ana@example.org")) == 2  # the place, then the reminder


def test_the_sweep_requeues_stuck_emails_and_finishes_past_events():
    now = timezone.now()
    over = EventFactory(starts_at=now - timedelta(hours=2), ends_at=now - timedelta(minutes=1))
    registration = register(EventFactory(), "ana@example.org")
    EventEmail.objects.filter(registration=registration).update(
        email_queued_at=now - timedelta(days=2)
    )

    tasks.periodic_sweep()
    tasks.periodic_sweep()

    assert Event.objects.get(pk=over.pk).state == EventState.FINISHED
    assert EventEmail.objects.get(registration=registration).email_queued_at is None


def test_a_failed_reminder_schedule_does_not_stop_that_runs_sending(
    monkeypatch, mailbox, run_tasks
):
    register(EventFactory(), "ana@example.org")

    def busy() -> int:
        raise OperationalError("database is locked")

    monkeypatch.setattr(tasks.reminders, "schedule_reminders", busy)
    tasks.periodic_dispatch_emails()
    run_tasks()

    assert len(mailbox.to("ana@example.org")) == 1  # the confirm email still went


def test_queueing_for_many_goes_page_by_page_and_adds_nothing_the_second_time(monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK", 2)
    event = EventFactory()
    rows = [confirmed(event, f"p{n}@example.org") for n in range(5)]
    everyone = Registration.objects.filter(event=event)

    assert bulk.queue_for_all(everyone, EmailKind.MESSAGE, key="k") == 5
    assert bulk.queue_for_all(everyone, EmailKind.MESSAGE, key="k") == 0
    queued = EventEmail.objects.filter(kind=EmailKind.MESSAGE, key="k")
    assert sorted(queued.values_list("registration_id", flat=True)) == [r.pk for r in rows]
