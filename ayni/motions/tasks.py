"""The motions' background work: sending the emails adoption reports are due. Tasks take ids
and are safe to run twice."""

from __future__ import annotations

from django_tasks import task

from ayni.core.tasks import retried
from ayni.motions.models import AdoptionEmail
from ayni.motions.services import emails, forwarding
from ayni.supporters import outbox


@task(queue_name="email")
@retried
def task_send_adoption_emails(email_ids: list[int]) -> dict[str, int]:
    return outbox.send_batch(email_ids, emails.send_adoption_email)


def periodic_dispatch_emails() -> int:
    """Queue the due emails, oldest first, at the configured sending rate (periodic job)."""
    return outbox.dispatch_due(AdoptionEmail, task_send_adoption_emails.enqueue)


def periodic_sweep() -> None:
    outbox.sweep_stuck(AdoptionEmail)


def periodic_lapse_forwardings() -> int:
    """Mark the forwarded motions still unheard long after their deadline as not heard
    (periodic job; ayni.motions.services.forwarding)."""
    return forwarding.lapse_overdue()
