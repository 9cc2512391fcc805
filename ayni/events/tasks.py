"""The events' background work: sending the emails registrations are due, reminders, and
finishing events that are over. Tasks take ids and are safe to run twice."""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django_tasks import task

from ayni.core.tasks import retried
from ayni.events.models import EventEmail
from ayni.events.services import backoffice, emails, reminders
from ayni.supporters import outbox

logger = logging.getLogger(__name__)


@task(queue_name="email")
@retried
def task_send_event_emails(email_ids: list[int]) -> dict[str, int]:
    return outbox.send_batch(email_ids, emails.send_event_email)


def dispatch_event_emails() -> int:
    """Queue the due emails, oldest first, at the configured sending rate (periodic job)."""
    return outbox.dispatch_due(EventEmail, task_send_event_emails.enqueue)


def periodic_dispatch_emails() -> None:
    # Scheduling reminders and sending what is due are independent: a failed schedule (a
    # busy database) is tried again next second and must not take the sending with it.
    try:
        reminders.schedule_reminders()
    except DatabaseError:
        logger.exception("scheduling event reminders failed; tried again on the next run")
    dispatch_event_emails()


def periodic_sweep() -> None:
    outbox.sweep_stuck(EventEmail)
    backoffice.finish_past_events()
