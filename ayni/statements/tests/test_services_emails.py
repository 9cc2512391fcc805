"""services/emails.py: each signature email sent once (the submission is its outbox), claims, the
sweep, the cap, and what each email says."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.core.models import Campaign, WorkerHeartbeat
from ayni.core.tasks import retry_span_seconds
from ayni.statements import services
from ayni.statements.enums import EmailDue
from ayni.statements.models import Signature, Submission
from ayni.statements.tests.helpers import (
    emails_to,
    pending,
    sign_as_ana,
    sign_petition,
    signature_for,
    told_to_check_inbox,
)
from ayni.supporters import outbox
from tests.factories import StatementFactory
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db


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


def test_at_most_five_emails_per_address(client, mailbox, run_tasks):
    statement = StatementFactory()
    for _ in range(8):
        sign_as_ana(client, statement)
        run_tasks()

    assert len(mailbox.to("Ana.Sampleton+bolivia@Gmail.com")) == 5
    assert Signature.objects.get().emails_sent == 5


def test_emails_come_from_the_campaign_and_carry_its_name_and_colour(
    client, mailbox, run_tasks, settings
):
    settings.DEFAULT_FROM_EMAIL = "ayni <campaigns@mail.example.org>"
    Campaign.objects.create(
        pk=1, name="Friends of Bolivia", sender_name="Amigos de Bolivia", accent_colour="#1d4ed8"
    )
    sign_as_ana(client, StatementFactory())

    run_tasks()

    [message] = mailbox.to("Ana.Sampleton+bolivia@Gmail.com")
    # The campaign's sender name over the address the mail server sends for.
    assert message["From"] == "Amigos de Bolivia <campaigns@mail.example.org>"
    assert (
        text_body(message)
        .replace("\r\n", "\n")
        .rstrip()
        .endswith("— Friends of Bolivia\nhttp://127.0.0.1:8000")
    )
    html = html_body(message)
    assert '<p class="brand">Friends of Bolivia</p>' in html
    assert "background:#1d4ed8;" in html


def test_a_campaign_sender_address_replaces_the_default(client, mailbox, run_tasks):
    Campaign.objects.create(pk=1, name="Friends of Bolivia", sender_email="hola@fob.example.org")
    sign_as_ana(client, StatementFactory())

    run_tasks()

    [message] = mailbox.to("Ana.Sampleton+bolivia@Gmail.com")
    assert message["From"] == "Friends of Bolivia <hola@fob.example.org>"


def test_the_email_about_sams_submission_is_addressed_to_the_name_sam_gave(
    client, mailbox, run_tasks, petition
):
    """Sam's submission with Suzie's address, while hers is pending —
    features/sam_signs_a_petition_with_suzies_email_address.feature: the email whose link
    records Sam's details must not read as Suzie's own reminder."""
    sign_petition(client, petition)
    run_tasks()
    sign_petition(client, petition, name="Sam Wibbledon", country="IE")
    run_tasks()

    suzies, sams = emails_to(mailbox, "womboid@wimbledon.com")

    assert "Dear Womboid Wibbledon," in text_body(suzies)
    assert "Dear Sam Wibbledon," in text_body(sams)
    assert "Womboid" not in text_body(sams)


def test_at_most_five_emails_go_to_one_mailbox_per_statement(client, mailbox, run_tasks, petition):
    """signature_spec.rb: #email_count / #email_threshold_reached? (ayni: SIGNATURE_MAX_EMAILS,
    5 by default, per address and statement)."""
    for _ in range(7):
        told_to_check_inbox(client, sign_petition(client, petition), petition)
        run_tasks()

    assert len(emails_to(mailbox, "womboid@wimbledon.com")) == 5
    signature = signature_for("womboid@wimbledon.com")
    assert (signature.emails_sent, signature.submissions.count()) == (5, 7)
