"""Signature emails. Each Submission row is its email's outbox (ayni.supporters.outbox)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F

from ayni.statements.enums import EmailDue, SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.statements.selectors import statement_text
from ayni.statements.tokens import CONFIRM_SALT, WITHDRAW_SALT, make_token
from ayni.supporters import outbox
from ayni.supporters.emails import absolute_url

EMAIL_CLAIM_SECONDS = outbox.CLAIM_SECONDS
EMAIL_BATCH = outbox.BATCH  # signature emails per queued task


def signature_links(submission: Submission) -> dict[str, str]:
    """The links an email about `submission` carries; each names the submission, not the person.

    They are the addresses in the language the form was sent in (/es/… for a Spanish signer),
    so the pages they open speak the email's language whatever the browser says.
    """
    language = submission.language
    confirm = make_token(submission.pk, CONFIRM_SALT)
    withdraw = make_token(submission.pk, WITHDRAW_SALT)
    return {
        "confirm_url": absolute_url("statements:confirm", language=language, token=confirm),
        "withdraw_url": absolute_url("statements:withdraw", language=language, token=withdraw),
        "data_url": absolute_url("statements:data", language=language, token=withdraw),
        "erase_url": absolute_url("statements:erase", language=language, token=withdraw),
        "statement_url": absolute_url(
            "statements:detail", language=language, slug=submission.statement.slug
        ),
    }


def cancel_due_emails(*, signature_ids: list[int]) -> int:
    """Drop the emails still due for these signatures (they were confirmed, withdrawn or
    invalidated: a confirmation link sent now could only disappoint). Returns how many."""
    return outbox.cancel_due(Submission.objects.filter(signature__in=signature_ids))


def send_signature_email(
    *,
    submission_id: int,
    connection: BaseEmailBackend | None = None,
    unclaimed: outbox.Unclaimed | None = None,
) -> str:
    """Send whatever email the submission is due (confirmation or already-signed), once.

    The email goes to the address typed in that submission, in its language, with links that
    name it. Side effects: claims the submission row, sends one email over SMTP, records it
    on the submission and counts it on the signature (at most SIGNATURE_MAX_EMAILS per
    address and statement). Safe to run twice: a second run finds nothing due. A batch passes
    its open mail `connection` and its `unclaimed` condition (see send_signature_emails).
    Returns what it did.
    """
    return outbox.send_due(
        Submission, submission_id, _due_email, connection=connection, free=unclaimed
    )


def _due_email(submission_id: int) -> outbox.DueEmail | str:
    """The email a claimed submission is due, or why none."""
    submission = Submission.objects.select_related("statement", "signature").get(id=submission_id)
    signature = submission.signature
    if signature is None or signature.emails_sent >= settings.SIGNATURE_MAX_EMAILS:
        return "email cap reached"
    due = submission.email_due
    if due == EmailDue.CONFIRM and signature.status == SignatureStatus.PENDING:
        template = "statements/email/confirm"
    elif due == EmailDue.ALREADY and signature.status == SignatureStatus.CONFIRMED:
        template = "statements/email/already_signed"
    else:
        return "no longer due"

    def count_it(sent_at: datetime) -> None:
        Signature.objects.filter(id=signature.pk).update(
            emails_sent=F("emails_sent") + 1, last_emailed_at=sent_at
        )

    return outbox.DueEmail(
        to=submission.email,
        template=template,
        context={
            "submission": submission,
            "signature": signature,
            "statement": submission.statement,
            "text": statement_text(submission.statement, submission.language),
        },
        language=submission.language,
        links=signature_links(submission),
        # One email per submission: a resend after a crash carries the same Message-ID.
        message_id_key=f"signature-submission-{submission.pk}",
        outcome=f"sent {due}",
        on_sent=count_it,
    )


def _send_one(submission_id: int, connection: BaseEmailBackend, unclaimed: outbox.Unclaimed) -> str:
    return send_signature_email(
        submission_id=submission_id, connection=connection, unclaimed=unclaimed
    )


def send_signature_emails(*, submission_ids: list[int]) -> dict[str, int]:
    """Send each submission its due email (one queued batch). Returns what happened, counted.

    One failure does not hold up the rest of the batch: the others are sent, then the error
    is raised so the task is retried, and the retry finds only the failed rows still due.
    """
    return outbox.send_batch(submission_ids, _send_one)


def sweep_unsent_emails(*, older_than: int | None = None) -> int:
    """Queue again any signature email queued long ago and still not sent (periodic job).

    See ayni.supporters.outbox.sweep_stuck. Side effects: marks those rows unqueued, so the
    dispatcher queues them again; sending is idempotent.
    """
    return outbox.sweep_stuck(Submission, older_than=older_than)
