"""Retries: a task that fails on a passing fault (SMTP down) runs again later, and its email
still goes out exactly once."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ayni.core.tasks import backoff_seconds
from ayni.statements.models import Submission
from ayni.statements.services import sweep_unsent_emails
from tests.factories import StatementFactory
from tests.fixtures import free_port

pytestmark = pytest.mark.django_db

VALID = {"kind": "individual", "name": "Ana Sampleton", "email": "ana@example.org",
         "country": "BO"}  # fmt: skip


def test_backoff_doubles_and_is_capped():
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert backoff_seconds(30) == 3600


def time_passes(seconds: float) -> None:
    """Move every waiting task's run_after back, as if `seconds` had gone by."""
    for task in DBTaskResult.objects.filter(status=TaskResultStatus.READY):
        DBTaskResult.objects.filter(id=task.id).update(
            run_after=task.run_after - timedelta(seconds=seconds)
        )


def test_email_task_failing_on_smtp_down_is_retried_later_and_sent_once(
    client, mailbox, settings, run_tasks, caplog
):
    statement = StatementFactory()
    client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), VALID)
    up_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # SMTP is down

    before = timezone.now()
    with caplog.at_level(logging.WARNING):
        run_tasks()

    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.args_kwargs["args"] == failed.args_kwargs["args"]
    assert retry.run_after >= before + timedelta(seconds=backoff_seconds(1) - 1)
    assert "attempt 1 failed; retrying" in caplog.text
    submission = Submission.objects.get()
    assert submission.signature.emails_sent == 0
    assert submission.email_due == "confirm"
    assert submission.email_claimed_at is None  # released for the retry
    assert run_tasks() == 0  # not before its time
    assert mailbox.messages == []

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
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1


def test_retries_stop_after_task_max_attempts(client, mailbox, settings, run_tasks, caplog):
    settings.TASK_MAX_ATTEMPTS = 3
    statement = StatementFactory()
    client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), VALID)
    settings.EMAIL_PORT = free_port()

    with caplog.at_level(logging.WARNING):
        for _attempt in range(5):
            run_tasks()
            time_passes(3600)

    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 3
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert "failed after 3 attempts" in caplog.text
    # The email is still due, so the periodic sweep tries again once SMTP is back.
    assert Submission.objects.get().email_due == "confirm"
