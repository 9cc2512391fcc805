from __future__ import annotations

from django_tasks import task

from ayni.core.pow import prune_spent_challenges
from ayni.core.tasks import retried
from ayni.statements import services
from ayni.statements.models import Submission
from ayni.statements.services import EMAIL_BATCH
from ayni.supporters import outbox


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
    organiser's release); see ayni.supporters.outbox.dispatch_due. Returns how many rows it
    queued.
    """
    return outbox.dispatch_due(
        Submission, task_send_signature_emails.enqueue, batch=batch, limit=limit
    )


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
