"""The worker's motions tasks and periodic jobs: each safe to run twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.core import registry
from ayni.motions import tasks
from ayni.motions.enums import AdoptionStatus, EmailKind
from ayni.motions.models import AdoptionEmail
from ayni.motions.services.emails import queue_email
from ayni.motions.tests.factories import report
from ayni.motions.tests.reporting_builders import reportable

pytestmark = pytest.mark.django_db


def pending_reports(count: int):
    motion, branch = reportable()
    rows = []
    for n in range(count):
        adoption = report(
            motion,
            branch,
            status=AdoptionStatus.PENDING,
            reporter_email=f"p{n}@example.org",
            email_normalised=f"p{n}@example.org",
        )
        queue_email(adoption, EmailKind.CONFIRM)
        rows.append(adoption)
    return rows


def test_the_send_task_sends_its_batch_once(mailbox):
    pending_reports(3)
    ids = list(AdoptionEmail.objects.values_list("pk", flat=True))

    assert tasks.task_send_adoption_emails.call(ids) == {"sent": 3}
    assert tasks.task_send_adoption_emails.call(ids) == {"nothing": 3}

    assert sorted(m["To"] for m in mailbox.messages) == [f"p{n}@example.org" for n in range(3)]


def test_the_dispatch_job_queues_each_due_email_once():
    pending_reports(2)

    assert tasks.periodic_dispatch_emails() == 2
    assert tasks.periodic_dispatch_emails() == 0
    assert AdoptionEmail.objects.filter(email_queued_at__isnull=False).count() == 2


def test_the_sweep_queues_again_an_email_whose_task_ran_out_of_retries():
    pending_reports(1)
    tasks.periodic_dispatch_emails()
    AdoptionEmail.objects.update(email_queued_at=timezone.now() - timedelta(days=2))

    tasks.periodic_sweep()

    assert AdoptionEmail.objects.get().email_queued_at is None
    assert tasks.periodic_dispatch_emails() == 1


def test_the_jobs_and_the_reporters_private_pages_are_declared_to_the_site():
    names = {job.name for job in registry.periodic_jobs()}

    assert {"motions.dispatch_emails", "motions.sweep"} <= names
    assert "motions/r/" in registry.private_paths()
