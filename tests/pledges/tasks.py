from __future__ import annotations

from django_tasks import task

from ayni.core.tasks import retried
from ayni.supporters import outbox
from tests.pledges import services
from tests.pledges.models import Pledge


@task(queue_name="email")
@retried
def task_send_pledge_emails(pledge_ids: list[int]) -> dict[str, int]:
    return outbox.send_batch(pledge_ids, services.send_pledge_email)


def dispatch_pledge_emails() -> int:
    return outbox.dispatch_due(Pledge, task_send_pledge_emails.enqueue)
