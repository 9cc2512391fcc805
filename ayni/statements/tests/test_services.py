"""Statement services: deadlines, the per-IP rate limit, sending each email once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ayni.core.models import WorkerHeartbeat
from ayni.core.tasks import retry_span_seconds
from ayni.core.worker import run_periodic_jobs
from ayni.statements import services, tasks
from ayni.statements.enums import EmailDue, SignatureStatus, StatementState
from ayni.statements.models import Signature, Statement, Submission
from ayni.supporters import outbox
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


# --- Deadlines --------------------------------------------------------------------------------


def test_deadline_closes_the_statement():
    now = timezone.now()
    expired = StatementFactory(deadline=now - timedelta(minutes=1))
    running = StatementFactory(deadline=now + timedelta(days=1))
    forever = StatementFactory(deadline=None)
    draft = StatementFactory(state=StatementState.DRAFT, deadline=now - timedelta(days=1))

    closed = services.close_expired_statements()

    assert closed == 1
    states = dict(Statement.objects.values_list("slug", "state"))
    assert states == {
        expired.slug: StatementState.CLOSED,
        running.slug: StatementState.OPEN,
        forever.slug: StatementState.OPEN,
        draft.slug: StatementState.DRAFT,
    }
    assert Statement.objects.get(pk=expired.pk).closed_at is not None
    assert services.close_expired_statements() == 0


def test_the_periodic_sweep_closes_expired_statements():
    statement = StatementFactory(deadline=timezone.now() - timedelta(seconds=1))

    run_periodic_jobs(force=True)

    statement.refresh_from_db()
    assert statement.state == StatementState.CLOSED


def test_signing_after_the_deadline_is_refused_even_before_the_sweep(client):
    statement = StatementFactory(deadline=timezone.now() - timedelta(seconds=1))
    data = {
        "kind": "individual",
        "name": "Late Comer",
        "email": "late@example.org",
        "country": "GB",
    }

    response = client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), data)

    assert response.status_code == 409
    assert "no longer taking signatures" in response.content.decode()
    assert Submission.objects.count() == Signature.objects.count() == 0


# --- The per-IP rate limit ----------------------------------------------------------------------

_serial = iter(range(10**6))


def submitted(statement, *, seconds_ago: float, ip_hash: str = "attacker", **extra) -> Submission:
    """One sending of the form, `seconds_ago` in the past, not yet processed by the worker."""
    fields = {
        "name": "Sam Sampler",
        "email": f"sender{next(_serial)}@example.org",
        "country": "GB",
        "language": "en",
        **extra,
    }
    submission = services.sign_statement(statement=statement, ip_hash=ip_hash, **fields)
    submission.created_at = timezone.now() - timedelta(seconds=seconds_ago)
    Submission.objects.filter(pk=submission.pk).update(created_at=submission.created_at)
    return submission


def pending(statement, *, seconds_ago: float = 1, ip_hash: str = "attacker", **extra) -> Submission:
    """A processed submission whose confirmation email is due."""
    submission = submitted(statement, seconds_ago=seconds_ago, ip_hash=ip_hash, **extra)
    services.process_submissions()
    submission.refresh_from_db()
    assert submission.email_due == EmailDue.CONFIRM
    return submission


def outcomes(statement) -> list[str]:
    services.process_submissions()
    rows = Submission.objects.filter(statement=statement).order_by("created_at")
    return list(rows.values_list("outcome", flat=True))


@pytest.fixture
def limits(settings):
    settings.SIGNATURE_BURST_LIMIT = 3
    settings.SIGNATURE_BURST_SECONDS = 60
    settings.SIGNATURE_SUSTAINED_LIMIT = 5
    settings.SIGNATURE_SUSTAINED_SECONDS = 3600


def test_burst_over_the_limit_is_held_as_suspect_without_email(limits, mailbox, run_tasks):
    statement = StatementFactory()
    for seconds_ago in (50, 40, 30, 20, 10):
        submitted(statement, seconds_ago=seconds_ago)
    submitted(statement, seconds_ago=5, ip_hash="someone-else")

    assert outcomes(statement) == ["new"] * 3 + ["held"] * 2 + ["new"]
    run_tasks()

    assert len(mailbox.messages) == 4
    held = Signature.objects.filter(status=SignatureStatus.SUSPECT)
    assert list(held.values_list("hold_reason", flat=True)) == ["rate_limit"] * 2


def test_burst_window_slides(limits):
    statement = StatementFactory()
    # Four within three minutes, but never more than three within one minute.
    for seconds_ago in (200, 150, 100, 0):
        submitted(statement, seconds_ago=seconds_ago)

    assert outcomes(statement) == ["new"] * 4


def test_sustained_limit_catches_a_slow_steady_stream(limits):
    statement = StatementFactory()
    for n in range(7):  # one every ten minutes: under the burst limit throughout
        submitted(statement, seconds_ago=3000 - n * 500)

    assert outcomes(statement) == ["new"] * 5 + ["held"] * 2


def test_sustained_window_forgets_the_old(limits):
    statement = StatementFactory()
    for seconds_ago in (7200, 7000, 6800, 6600, 6400, 100):
        submitted(statement, seconds_ago=seconds_ago)

    assert set(outcomes(statement)) == {"new"}


def test_rate_limit_counts_per_statement(limits):
    first, second = StatementFactory(), StatementFactory()
    for seconds_ago in (30, 20, 10):
        submitted(first, seconds_ago=seconds_ago)
        submitted(second, seconds_ago=seconds_ago)

    assert set(outcomes(first)) | set(outcomes(second)) == {"new"}


def test_a_repeat_over_the_limit_leaves_the_pending_signature_alone(limits, mailbox, run_tasks):
    statement = StatementFactory()
    mine = pending(statement, ip_hash="home", email="mine@example.org")
    for seconds_ago in (30, 20, 10):
        submitted(statement, seconds_ago=seconds_ago, ip_hash="flood")
    submitted(statement, seconds_ago=1, ip_hash="flood", email="mine@example.org", name="Not Me")

    assert outcomes(statement)[-1] == "held"
    signature = Signature.objects.get(email_normalised="mine@example.org")
    assert (signature.status, signature.name) == (SignatureStatus.PENDING, "Sam Sampler")
    assert mine.links_live is True


# --- Each email once -------------------------------------------------------------------------


def test_sending_twice_sends_once(mailbox):
    submission = pending(StatementFactory())

    first = services.send_signature_email(submission_id=submission.id)
    second = services.send_signature_email(submission_id=submission.id)

    assert (first, second) == ("sent confirm", "nothing due")
    assert len(mailbox.messages) == 1
    submission.refresh_from_db()
    assert submission.email_claimed_at is None and submission.emailed_at is not None
    assert submission.signature.emails_sent == 1


def test_an_email_someone_is_sending_is_left_alone(mailbox):
    submission = pending(StatementFactory())
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w", started_at=now - timedelta(hours=1), seen_at=now)
    Submission.objects.filter(pk=submission.pk).update(email_claimed_at=now - timedelta(seconds=5))

    assert services.send_signature_email(submission_id=submission.id) == "nothing due"
    assert mailbox.messages == []


def test_a_claim_left_by_a_worker_that_died_is_taken_over(mailbox):
    submission = pending(StatementFactory())
    now = timezone.now()
    Submission.objects.filter(pk=submission.pk).update(email_claimed_at=now - timedelta(seconds=40))
    # The worker that claimed it stopped beating; the one running now started after the claim.
    WorkerHeartbeat.objects.create(
        worker_id="dead", started_at=now - timedelta(hours=1), seen_at=now - timedelta(seconds=45)
    )
    WorkerHeartbeat.objects.create(
        worker_id="new", started_at=now - timedelta(seconds=10), seen_at=now
    )

    assert services.send_signature_email(submission_id=submission.id) == "sent confirm"
    assert len(mailbox.messages) == 1


def test_a_claim_that_timed_out_is_taken_over(mailbox):
    submission = pending(StatementFactory())
    Submission.objects.filter(pk=submission.pk).update(
        email_claimed_at=timezone.now() - timedelta(seconds=services.EMAIL_CLAIM_SECONDS + 1)
    )

    assert services.send_signature_email(submission_id=submission.id) == "sent confirm"


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


def test_one_failing_email_does_not_hold_up_its_batch(mailbox, monkeypatch):
    statement = StatementFactory()
    good, bad = (pending(statement, ip_hash="a"), pending(statement, ip_hash="b"))
    real_send = outbox.send_action_email

    def send(*, to, **kwargs):
        if to == bad.email:
            raise ConnectionRefusedError("mail server down")
        return real_send(to=to, **kwargs)

    monkeypatch.setattr(outbox, "send_action_email", send)

    with pytest.raises(ConnectionRefusedError):
        services.send_signature_emails(submission_ids=[bad.id, good.id])

    assert [m["To"] for m in mailbox.messages] == [good.email]
    assert Submission.objects.get(pk=bad.pk).email_due == EmailDue.CONFIRM  # for the retry
    assert Submission.objects.get(pk=good.pk).email_due == ""


def test_sweep_requeues_emails_whose_task_gave_up(mailbox, run_tasks):
    statement = StatementFactory()
    long_ago = timezone.now() - timedelta(seconds=retry_span_seconds() + 601)
    lost, fresh, claimed = (pending(statement, ip_hash=f"ip{i}") for i in range(3))
    Submission.objects.filter(pk=lost.pk).update(email_queued_at=long_ago)
    Submission.objects.filter(pk=fresh.pk).update(email_queued_at=timezone.now())  # retrying
    Submission.objects.filter(pk=claimed.pk).update(
        email_queued_at=long_ago, email_claimed_at=timezone.now()
    )

    assert services.sweep_unsent_emails() == 1
    assert Submission.objects.get(pk=lost.pk).email_queued_at is None
    run_tasks()

    assert [m["To"] for m in mailbox.messages] == [lost.email]
    assert Submission.objects.get(pk=fresh.pk).email_due == EmailDue.CONFIRM
    assert Submission.objects.get(pk=claimed.pk).email_due == EmailDue.CONFIRM


def test_email_cap_stops_repeat_emails(mailbox, settings):
    settings.SIGNATURE_MAX_EMAILS = 2
    submission = pending(StatementFactory())
    Signature.objects.update(emails_sent=2)

    assert services.send_signature_email(submission_id=submission.id) == "email cap reached"
    assert mailbox.messages == []
    assert Submission.objects.get().email_due == ""


def test_withdrawn_signature_gets_no_email(mailbox):
    submission = pending(StatementFactory())
    services.withdraw_signature(submission=submission)
    Submission.objects.filter(pk=submission.pk).update(email_due=EmailDue.CONFIRM)

    assert services.send_signature_email(submission_id=submission.id) == "no longer due"
    assert mailbox.messages == []


def test_signing_again_while_pending_keeps_the_details_and_sends_a_link_of_its_own():
    statement = StatementFactory()
    first = pending(statement, name="Ana", email="Ana@Example.org", country="BO", ip_hash="a")
    Submission.objects.filter(pk=first.pk).update(email_due="", email_queued_at=None)
    assert tasks.dispatch_due_emails() == 0

    again = services.sign_statement(
        statement=statement,
        name="Ana Sampleton",
        email="ana@example.org",
        country="PE",
        language="es",
        ip_hash="b",
    )
    services.process_submissions()

    signature = Signature.objects.get()
    assert (signature.name, str(signature.country), signature.language) == ("Ana", "BO", "en")
    again.refresh_from_db()
    assert (again.signature_id, again.outcome, again.email_due) == (
        signature.pk,
        "version",
        EmailDue.CONFIRM,
    )
    assert tasks.dispatch_due_emails() == 1  # its own email is queued


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


def test_folding_stops_at_its_limit_so_the_dispatcher_gets_its_turn():
    statement = StatementFactory()
    for n in range(5):
        submitted(statement, seconds_ago=5 - n, ip_hash=f"ip{n}")

    assert services.process_submissions(batch=2, limit=3) == 3
    assert Submission.objects.filter(processed_at__isnull=True).count() == 2
    assert services.process_submissions(batch=2, limit=3) == 2
    assert Signature.objects.count() == 5


def test_a_run_folds_a_few_times_what_the_emails_can_go_out_at(settings):
    settings.EMAIL_MAX_PER_SECOND, settings.EMAIL_DISPATCH_INTERVAL = 50, 1
    assert services.process_limit() == 200
    settings.EMAIL_MAX_PER_SECOND = 1000
    assert services.process_limit() == 4000
    settings.EMAIL_MAX_PER_SECOND = 0  # no email rate: only the hard ceiling
    assert services.process_limit() == 5000
