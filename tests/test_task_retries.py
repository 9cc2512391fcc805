"""Retries: a task that fails on a passing fault (SMTP down) runs again later, and its email
still goes out exactly once. While it waits, nothing is recorded as failed; once it is done,
the rows of its earlier attempts are cleared away."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ayni.core.tasks import RETRY_SCHEDULED, backoff_seconds, prune_retried_attempts
from ayni.core.worker import run_periodic_jobs
from ayni.statements.models import Submission
from ayni.statements.services import sweep_unsent_emails
from tests.factories import StatementFactory
from tests.fixtures import free_port

pytestmark = pytest.mark.django_db

VALID = {"kind": "individual", "name": "Ana Sampleton", "email": "ana@example.org", "country": "BO"}


def test_backoff_doubles_and_is_capped():
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert backoff_seconds(30) == 3600


def time_passes(seconds: float) -> None:
    """Move every waiting task's run_after back, as if `seconds` had gone by."""
    for task in DBTaskResult.objects.filter(status=TaskResultStatus.READY):
        DBTaskResult.objects.filter(id=task.id).update(
            run_after=task.run_after - timedelta(seconds=seconds)
        )


def test_email_task_failing_on_smtp_down_waits_to_retry_and_is_sent_once(
    client, mailbox, settings, run_tasks, caplog
):
    statement = StatementFactory()
    client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), VALID)
    up_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # SMTP is down

    before = timezone.now()
    with caplog.at_level(logging.WARNING):
        run_tasks()

    # The failed attempt is not a failure: it ends saying when the next one runs, which waits.
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    first = DBTaskResult.objects.get(status=TaskResultStatus.SUCCESSFUL)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    scheduled = first.return_value[RETRY_SCHEDULED]
    assert scheduled["attempt"] == 2 and scheduled["of"] == settings.TASK_MAX_ATTEMPTS
    assert scheduled["task_id"] == str(retry.id)
    assert "ConnectionRefusedError" in scheduled["error"]
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.args_kwargs["args"] == first.args_kwargs["args"]
    assert retry.run_after >= before + timedelta(seconds=backoff_seconds(1) - 1)
    assert "attempt 1 failed (ConnectionRefusedError" in caplog.text
    submission = Submission.objects.get()
    assert submission.signature.emails_sent == 0
    assert submission.email_due == "confirm"
    assert submission.email_claimed_at is None  # released for the retry
    assert run_tasks() == 0  # not before its time
    assert mailbox.messages == []
    assert prune_retried_attempts() == 0  # still waiting: its history stays

    settings.EMAIL_PORT = up_port  # SMTP is back
    time_passes(backoff_seconds(1))
    run_tasks()
    # The periodic sweep may put the same email on the queue again: still one email.
    Submission.objects.update(email_queued_at=timezone.now() - timedelta(days=1))
    sweep_unsent_emails()
    run_tasks()

    assert len(mailbox.to("ana@example.org")) == 1
    submission.refresh_from_db()
    assert submission.signature.emails_sent == 1
    assert submission.email_due == ""
    # Delivered: the first attempt's row goes, the one that delivered stays.
    assert prune_retried_attempts() == 1
    assert list(DBTaskResult.objects.values_list("id", "status")) == [
        (retry.id, TaskResultStatus.SUCCESSFUL)
    ]


def test_retries_stop_after_task_max_attempts_and_only_the_last_is_failed(
    client, mailbox, settings, run_tasks, caplog
):
    settings.TASK_MAX_ATTEMPTS = 3
    statement = StatementFactory()
    client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), VALID)
    settings.EMAIL_PORT = free_port()

    with caplog.at_level(logging.WARNING):
        for _attempt in range(5):
            run_tasks()
            time_passes(3600)

    last = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert last.args_kwargs["kwargs"] == {"attempt": 3}
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 2
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert "failed after 3 attempts" in caplog.text
    # The email is still due, so the periodic sweep tries again once SMTP is back.
    assert Submission.objects.get().email_due == "confirm"
    # Given up: the failure stays on record, the attempts before it go.
    assert prune_retried_attempts() == 2
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [last.id]


def test_a_minute_of_mail_outage_leaves_tasks_waiting_not_failed(
    client, mailbox, settings, run_tasks
):
    statement = StatementFactory()
    settings.EMAIL_PORT = free_port()
    for n in range(5):
        client.post(
            reverse("statements:sign", kwargs={"slug": statement.slug}),
            {**VALID, "email": f"ana{n}@example.org"},
        )
        run_tasks()  # one batch each
    time_passes(backoff_seconds(1))
    run_tasks()  # the second attempts fail too

    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == [TaskResultStatus.READY] * 5 + [TaskResultStatus.SUCCESSFUL] * 10
    assert (
        sorted(
            r.args_kwargs["kwargs"]["attempt"]
            for r in DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        )
        == [3] * 5
    )


def test_the_periodic_jobs_clear_the_attempts_of_a_delivered_email(
    client, mailbox, settings, run_tasks
):
    statement = StatementFactory()
    client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), VALID)
    up_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()
    run_tasks()
    time_passes(backoff_seconds(1))
    run_tasks()  # the second attempt fails too: two attempts on record, the third waits
    settings.EMAIL_PORT = up_port
    time_passes(backoff_seconds(2))
    run_tasks()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 3

    assert "core.prune_retried_attempts" in run_periodic_jobs(force=True)

    [(attempt, status)] = [(r.args_kwargs["kwargs"], r.status) for r in DBTaskResult.objects.all()]
    assert (attempt, status) == ({"attempt": 3}, TaskResultStatus.SUCCESSFUL)
    assert len(mailbox.to("ana@example.org")) == 1
