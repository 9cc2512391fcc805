"""Signature emails: the dispatcher, the batches, the sweep. Each Submission row is its email's outbox."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation

from ayni.core.mail import send_mail_message
from ayni.core.tasks import retry_span_seconds
from ayni.core.worker import oldest_live_worker_start
from ayni.statements.enums import EmailDue, SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.statements.selectors import statement_text
from ayni.statements.tokens import CONFIRM_SALT, WITHDRAW_SALT, make_token

logger = logging.getLogger(__name__)
EMAIL_CLAIM_SECONDS = 600
EMAIL_BATCH = 50  # signature emails per queued task


def signature_links(submission: Submission) -> dict[str, str]:
    """The links an email about `submission` carries; each names the submission, not the person.

    They are the addresses in the language the form was sent in (/es/… for a Spanish signer),
    so the pages they open speak the email's language whatever the browser says.
    """
    try:
        language = translation.get_supported_language_variant(submission.language)
    except LookupError:  # a language since removed from LANGUAGES: its prefix would be a 404
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return {
            "confirm_url": settings.SITE_URL
            + reverse(
                "statements:confirm", kwargs={"token": make_token(submission.pk, CONFIRM_SALT)}
            ),
            "withdraw_url": settings.SITE_URL
            + reverse(
                "statements:withdraw", kwargs={"token": make_token(submission.pk, WITHDRAW_SALT)}
            ),
            "statement_url": settings.SITE_URL + submission.statement.get_absolute_url(),
        }


def cancel_due_emails(*, signature_ids: list[int]) -> int:
    """Drop the emails still due for these signatures (they were confirmed, withdrawn or
    invalidated: a confirmation link sent now could only disappoint). Returns how many."""
    return (
        Submission.objects.filter(signature__in=signature_ids)
        .exclude(email_due="")
        .update(email_due=EmailDue.NONE, email_due_at=None, email_queued_at=None)
    )


def _unclaimed(now: datetime) -> Q:
    """Rows nobody is sending to: never claimed, claim timed out, or claimed by a dead worker."""
    free = Q(email_claimed_at__isnull=True) | Q(
        email_claimed_at__lt=now - timedelta(seconds=EMAIL_CLAIM_SECONDS)
    )
    # A worker killed mid-send leaves its claim behind; once every live worker started
    # after the claim, its maker is gone and the email can go without a ten-minute wait.
    oldest_start = oldest_live_worker_start()
    if oldest_start is not None:
        free |= Q(email_claimed_at__lt=oldest_start)
    return free


def send_signature_email(
    *, submission_id: int, connection: BaseEmailBackend | None = None, unclaimed: Q | None = None
) -> str:
    """Send whatever email the submission is due (confirmation or already-signed), once.

    The email goes to the address typed in that submission, in its language, with links that
    name it. Side effects: claims the submission row, sends one email over SMTP, records it
    on the submission and counts it on the signature (at most SIGNATURE_MAX_EMAILS per
    address and statement). Safe to run twice: a second run finds nothing due. A batch passes
    its open mail `connection` and its `unclaimed` condition (see send_signature_emails).
    Returns what it did.
    """
    now = timezone.now()
    claimed = (
        Submission.objects.filter(id=submission_id)
        .exclude(email_due="")
        .filter(_unclaimed(now) if unclaimed is None else unclaimed)
        .update(email_claimed_at=now)
    )
    if not claimed:
        return "nothing due"
    submission = Submission.objects.select_related("statement", "signature").get(id=submission_id)
    signature = submission.signature
    done = {
        "email_due": "",
        "email_due_at": None,
        "email_queued_at": None,
        "email_claimed_at": None,
    }
    if signature is None or signature.emails_sent >= settings.SIGNATURE_MAX_EMAILS:
        Submission.objects.filter(id=submission_id).update(**done)
        return "email cap reached"
    due = submission.email_due
    if due == EmailDue.CONFIRM and signature.status == SignatureStatus.PENDING:
        template = "statements/email/confirm"
    elif due == EmailDue.ALREADY and signature.status == SignatureStatus.CONFIRMED:
        template = "statements/email/already_signed"
    else:
        Submission.objects.filter(id=submission_id).update(**done)
        return "no longer due"
    text = statement_text(submission.statement, submission.language)
    try:
        send_mail_message(
            to=submission.email,
            template=template,
            context={
                "submission": submission,
                "signature": signature,
                "statement": submission.statement,
                "text": text,
                **signature_links(submission),
            },
            language=submission.language,
            headers={"Auto-Submitted": "auto-generated"},
            connection=connection,
            # One email per submission: a resend after a crash carries the same Message-ID.
            message_id_key=f"signature-submission-{submission.pk}",
        )
    except Exception:
        Submission.objects.filter(id=submission_id).update(email_claimed_at=None)
        raise
    # Recorded as soon as the mail server took it: a crash from here on repeats at most this
    # one message.
    Submission.objects.filter(id=submission_id).update(emailed_at=now, **done)
    Signature.objects.filter(id=signature.pk).update(
        emails_sent=F("emails_sent") + 1, last_emailed_at=now
    )
    return f"sent {due}"


def send_signature_emails(*, submission_ids: list[int]) -> dict[str, int]:
    """Send each submission its due email (one queued batch). Returns what happened, counted.

    One failure does not hold up the rest of the batch: the others are sent, then the error
    is raised so the task is retried, and the retry finds only the failed rows still due.
    """
    outcomes: Counter[str] = Counter()
    failed: Exception | None = None
    # One SMTP session for the batch, and one look at which workers are alive.
    unclaimed = _unclaimed(timezone.now())
    with get_connection() as mail_connection:
        for submission_id in submission_ids:
            try:
                outcome = send_signature_email(
                    submission_id=submission_id, connection=mail_connection, unclaimed=unclaimed
                )
                outcomes[outcome.split(" ")[0]] += 1
            except Exception as exc:
                logger.warning("Submission %s: email not sent (%r); retried", submission_id, exc)
                failed = exc
    if failed is not None:
        raise failed
    return dict(outcomes)


def sweep_unsent_emails(*, older_than: int | None = None) -> int:
    """Queue again any signature email queued long ago and still not sent (periodic job).

    A queued email normally goes within seconds; one still due once its task's retries must
    have run out (by default the whole retry span plus ten minutes: the mail server was down
    for longer) gets another round. Side effects: marks those rows unqueued, so the
    dispatcher queues them again; sending is idempotent.
    """
    if older_than is None:
        older_than = retry_span_seconds() + 600
    now = timezone.now()
    return (
        Submission.objects.exclude(email_due="")
        .filter(email_queued_at__lt=now - timedelta(seconds=older_than))
        .filter(_unclaimed(now))
        .update(email_queued_at=None)
    )
