"""statements/tasks.py: the email dispatcher, the batches it queues, and the periodic jobs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ayni.core.worker import run_periodic_jobs
from ayni.statements import tasks
from ayni.statements.enums import StatementState
from ayni.statements.models import Signature, Submission
from ayni.statements.tests.helpers import pending
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def test_the_periodic_sweep_closes_expired_statements():
    statement = StatementFactory(deadline=timezone.now() - timedelta(seconds=1))

    run_periodic_jobs(force=True)

    statement.refresh_from_db()
    assert statement.state == StatementState.CLOSED


def test_dispatch_queues_each_due_email_once_in_batches(settings):
    statement = StatementFactory()
    rows = [pending(statement, seconds_ago=10 - i, ip_hash=f"ip{i}") for i in range(5)]
    done = pending(statement, seconds_ago=1)
    Submission.objects.filter(pk=done.pk).update(email_due="", email_due_at=None)

    assert tasks.dispatch_due_emails(batch=2) == 5
    assert tasks.dispatch_due_emails(batch=2) == 0  # queued rows are not queued twice

    batches = [t.args_kwargs["args"][0] for t in DBTaskResult.objects.order_by("enqueued_at", "id")]
    assert batches == [[rows[0].id, rows[1].id], [rows[2].id, rows[3].id], [rows[4].id]]
    assert not Submission.objects.filter(pk__in=[r.id for r in rows], email_queued_at=None).exists()


def test_a_queued_batch_sends_each_email_and_clears_the_outbox(mailbox, run_tasks):
    statement = StatementFactory()
    rows = [pending(statement, seconds_ago=5 - i, ip_hash=f"ip{i}") for i in range(3)]

    assert run_tasks() == 1  # one batch

    assert sorted(m["To"] for m in mailbox.messages) == sorted(r.email for r in rows)
    assert len(set(mailbox.peers)) == 1  # one SMTP session for the batch
    assert list(Submission.objects.values_list("email_due", "email_queued_at")) == [("", None)] * 3
    assert list(Signature.objects.values_list("emails_sent", flat=True)) == [1] * 3
    assert run_tasks() == 0


def test_dispatch_keeps_to_the_email_rate(settings, mailbox, run_tasks):
    settings.EMAIL_MAX_PER_SECOND = 2
    settings.EMAIL_DISPATCH_INTERVAL = 1.5
    statement = StatementFactory()
    for i in range(5):
        pending(statement, seconds_ago=10 - i, ip_hash=f"ip{i}")

    assert tasks.dispatch_due_emails() == 3  # 2 a second over 1.5 s, rounded up
    assert tasks.dispatch_due_emails() == 2
    assert tasks.dispatch_due_emails() == 0
    run_tasks()
    assert len(mailbox.messages) == 5
