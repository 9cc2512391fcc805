"""The members' background work: sending subscription and sign-in emails. Tasks take ids and
are safe to run twice."""

from __future__ import annotations

from django_tasks import task

from ayni.core.tasks import retried
from ayni.members.models import SignInLink, Subscription
from ayni.members.services import emails
from ayni.supporters import outbox


@task(queue_name="email")
@retried
def task_send_subscription_emails(row_ids: list[int]) -> dict[str, int]:
    return outbox.send_batch(row_ids, emails.send_subscription_email)


@task(queue_name="email")
@retried
def task_send_sign_in_emails(row_ids: list[int]) -> dict[str, int]:
    return outbox.send_batch(row_ids, emails.send_sign_in_email)


def periodic_dispatch_emails() -> int:
    """Queue the due emails, oldest first, at the configured sending rate (periodic job)."""
    return outbox.dispatch_due(SignInLink, task_send_sign_in_emails.enqueue) + outbox.dispatch_due(
        Subscription, task_send_subscription_emails.enqueue
    )


def periodic_sweep() -> None:
    outbox.sweep_stuck(SignInLink)
    outbox.sweep_stuck(Subscription)
