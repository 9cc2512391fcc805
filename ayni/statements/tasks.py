from __future__ import annotations

import math

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from ayni.core.pow import prune_spent_challenges
from ayni.core.tasks import retried
from ayni.statements import services
from ayni.statements.models import Submission
from ayni.statements.services import EMAIL_BATCH


@task(queue_name="email")
@retried
def task_send_signature_email(submission_id: int) -> str:
    return services.send_signature_email(submission_id=submission_id)


@task(queue_name="email")
@retried
def task_send_signature_emails(submission_ids: list[int]) -> dict[str, int]:
    return services.send_signature_emails(submission_ids=submission_ids)


# Queueing lives here, with the task it queues: services are below tasks and never import them.
def dispatch_due_emails(*, batch: int = EMAIL_BATCH, limit: int | None = None) -> int:
    """Put signature emails that are due and not yet queued on the queue (periodic job).

    Every signature email starts as a submission with `email_due` set (by processing, or an
    organiser's release); this turns up to `limit` of them, oldest first, into tasks of
    `batch` rows each, and marks them queued, in one transaction: a row is queued once, and
    a queued row always has its task. By default `limit` keeps to EMAIL_MAX_PER_SECOND over
    one dispatch interval. Returns how many rows it queued.
    """
    if limit is None:
        rate = settings.EMAIL_MAX_PER_SECOND
        limit = math.ceil(rate * settings.EMAIL_DISPATCH_INTERVAL) if rate else 5000

    with transaction.atomic():
        due = (
            Submission.objects.exclude(email_due="")
            .filter(email_queued_at__isnull=True)
            .order_by("email_due_at")
        )
        if connection.features.has_select_for_update_skip_locked:
            # Two workers dispatching at once take different rows instead of waiting.
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("id", flat=True)[:limit])
        if not ids:
            return 0
        Submission.objects.filter(id__in=ids).update(email_queued_at=timezone.now())
        for start in range(0, len(ids), batch):
            task_send_signature_emails.enqueue(ids[start : start + batch])
    return len(ids)


def periodic_dispatch_emails() -> None:
    # Fold the sign form's submissions into signatures first: that is what makes emails due.
    services.process_submissions()
    dispatch_due_emails()


def periodic_roll_up_counts() -> None:
    services.roll_up_counts()


def periodic_reconcile_counts() -> None:
    services.reconcile_counts()


def periodic_sweep() -> None:
    services.sweep_unsent_emails()
    services.close_expired_statements()
    prune_spent_challenges()
