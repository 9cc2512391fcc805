"""The back office's task list: a task that waits to retry says so, and is not a failure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ayni.core.roles import ORGANISER, STAFF
from ayni.statements.tasks import task_send_signature_email
from tests.factories import StatementFactory, UserFactory
from tests.fixtures import free_port

pytestmark = pytest.mark.django_db

TASKS = reverse("admin:django_tasks_database_dbtaskresult_changelist")
VALID = {"kind": "individual", "name": "Ana Sampleton", "email": "ana@example.org", "country": "BO"}


@pytest.fixture
def outage(client, mailbox, settings, run_tasks):
    """A signature whose email failed twice while SMTP was down: its third attempt waits."""
    statement = StatementFactory()
    client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), VALID)
    settings.EMAIL_PORT = free_port()
    run_tasks()
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    run_tasks()
    done = task_send_signature_email.enqueue(0)  # an unrelated task: nothing due, done
    run_tasks()
    return DBTaskResult.objects.get(id=done.id)


def rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [row.split("</tr>")[0] for row in body.split("<tr")[1:]]


def test_organiser_sees_retries_waiting_and_no_failure(client, outage):
    client.force_login(UserFactory(role=ORGANISER))

    page = client.get(TASKS).content.decode()

    listed = rows(page)
    assert len(listed) == 4
    assert sum("Waiting to retry (attempt 3)" in row for row in listed) == 1
    assert (
        sum("Failed; retried as attempt 2 of 8: ConnectionRefusedError" in row for row in listed)
        == 1
    )
    assert (
        sum("Failed; retried as attempt 3 of 8: ConnectionRefusedError" in row for row in listed)
        == 1
    )
    assert sum(f"{outage.id}" in row and "Successful" in row for row in listed) == 1
    assert "Failed after" not in page


def test_retry_filter_lists_the_waiting_and_the_retried(client, outage):
    client.force_login(UserFactory(role=ORGANISER))

    waiting = rows(client.get(TASKS, {"retry": "waiting"}).content.decode())
    retried = rows(client.get(TASKS, {"retry": "retried"}).content.decode())

    assert [("Waiting to retry (attempt 3)" in row) for row in waiting] == [True]
    assert [("retried as attempt" in row) for row in retried] == [True, True]


def test_the_attempt_that_gave_up_shows_as_failed_after_all_attempts(
    client, mailbox, settings, run_tasks
):
    settings.TASK_MAX_ATTEMPTS = 2
    statement = StatementFactory()
    client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), VALID)
    settings.EMAIL_PORT = free_port()
    run_tasks()
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )
    run_tasks()
    client.force_login(UserFactory(role=ORGANISER))

    listed = rows(client.get(TASKS).content.decode())

    assert sum("Failed after 2 attempts" in row for row in listed) == 1
    assert sum("Failed; retried as attempt 2 of 2" in row for row in listed) == 1


def test_task_list_in_spanish(client, outage):
    client.force_login(UserFactory(role=ORGANISER))

    page = client.get(TASKS, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Esperando reintento (intento 3)" in page
    assert "Falló; se reintenta como intento 2 de 8" in page


def test_read_only_staff_and_outsiders_do_not_see_the_task_list(client, outage):
    assert client.get(TASKS)["Location"].startswith(reverse("admin:login"))
    client.force_login(UserFactory(role=STAFF))

    response = client.get(TASKS)

    assert response.status_code == 403
    assert "ConnectionRefusedError" not in response.content.decode()
