"""The email outbox of a supporter action: the pending row is its own email's outbox.

An action's row (a submission, a pledge, a registration) inherits `EmailOutbox`. Its life:
the action sets `email_due` (what to send) and `email_due_at`; the periodic dispatcher
(`dispatch_due`) queues due rows oldest first in batches, one task per batch of ids, and sets
`email_queued_at`; the task's sender claims each row with a conditional UPDATE (`claim`), so
two workers never send the same email, sends, and records it (`mark_sent`), which empties
the outbox fields; a row whose task ran out of retries is queued again by the sweep
(`sweep_stuck`). Everything here takes the model, so each app keeps its own table.

What an app declares: the model (inheriting EmailOutbox, with `outbox_index` in its
Meta.indexes; or, for an action whose row is due several emails, an email model inheriting
`ActionEmail`, which has the rest: the kind, the occasion, the IP hash, the constraint and the
indexes); a `prepare(row_id)` that says which email a claimed row is due (`DueEmail`) or
why none; a task that takes a list of ids and calls `send_batch` with a send function that
calls `send_due(Model, row_id, prepare, …)`; two periodic jobs calling `dispatch_due` and
`sweep_stuck`.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.mail import send_mail_message
from ayni.core.mail_backend import record_before_reply
from ayni.core.tasks import retry_span_seconds
from ayni.core.worker import oldest_live_worker_start
from ayni.supporters import outbox_sql
from ayni.supporters.emails import send_action_email

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 600  # a claim older than this is taken to be a dead sender's
BATCH = 50  # emails per queued task


class EmailOutbox(models.Model):
    """The outbox fields. `email_due` says which email is due ("" for none); an app narrows
    it with its own choices by declaring the field again."""

    email_due = models.CharField(_("email due"), max_length=10, blank=True, default="")
    email_due_at = models.DateTimeField(_("email due since"), null=True, blank=True)
    email_queued_at = models.DateTimeField(_("email queued"), null=True, blank=True)
    email_claimed_at = models.DateTimeField(_("email being sent since"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        abstract = True


def outbox_index(name: str) -> models.Index:
    """The partial index the dispatcher and the sweep read: only rows with an email due, by
    queued time then due time. Put it in the model's Meta.indexes under a name of its own."""
    return models.Index(
        fields=["email_queued_at", "email_due_at"], condition=~Q(email_due=""), name=name
    )


class ActionEmail(EmailOutbox):
    """One email an action's row is due (a registration's reminder, a report's confirmation),
    the row its own outbox: for an action that sends more than one email per row. An app
    declares its email model with its row, its kinds of email and a prefix for the names:

        class AdoptionEmail(ActionEmail):
            adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="emails")
            kind, email_due = email_kinds(EmailKind, max_length=10)

            class Meta(ActionEmail.Meta):
                constraints, indexes = action_email_rules("adoption", prefix="motions_email")

    Emails with no `key` (a confirmation, a "registered already" note) may repeat; every other
    has a key naming its occasion (the start time a reminder is for, a message's id), which
    the unique constraint sends once however often it is scheduled."""

    kind = models.CharField(_("kind"), max_length=12)
    key = models.CharField(_("occasion"), max_length=64, blank=True)
    # The request that made it (a form sent): judged against the per-IP limits by the worker.
    ip_hash = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at"]
        verbose_name = _("email")
        verbose_name_plural = _("emails")


def email_kinds(
    kinds: type[models.TextChoices], *, max_length: int
) -> tuple[models.CharField, models.CharField]:
    """An ActionEmail's `kind` and `email_due` fields, narrowed to the app's kinds of email."""
    return (
        models.CharField(_("kind"), max_length=max_length, choices=kinds.choices),
        models.CharField(
            _("email due"), max_length=max_length, blank=True, default="", choices=kinds.choices
        ),
    )


def action_email_rules(
    parent: str, *, prefix: str, indexes: tuple[models.Index, ...] = ()
) -> tuple[list[models.BaseConstraint], list[models.Index]]:
    """An ActionEmail's Meta.constraints and Meta.indexes, named `<prefix>_…`: each keyed email
    once per occasion of its row (`parent`, the foreign key's name), the outbox index, and the
    per-IP limit's (ayni.supporters.limits); then the app's own `indexes`."""
    once = models.UniqueConstraint(
        fields=[parent, "kind", "key"], condition=~Q(key=""), name=f"{prefix}_once_per_occasion"
    )
    per_ip = models.Index(fields=["ip_hash", "created_at"], name=f"{prefix}_ip_recent_idx")
    return [once], [outbox_index(f"{prefix}_outbox_idx"), per_ip, *indexes]


OutboxModel = type[EmailOutbox]
# Sends the email one row is due over an open connection, given the claim condition to use;
# returns what it did ("sent …", "nothing due", …).
SendOne = Callable[[int, BaseEmailBackend, "Unclaimed"], str]


@dataclass(frozen=True)
class Unclaimed:
    """Which rows nobody is sending: never claimed, claimed before `timed_out` (the claim
    timed out), or before `dead_before` (claimed by a worker that has died since)."""

    timed_out: datetime
    dead_before: datetime | None

    @property
    def q(self) -> Q:
        free = Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=self.timed_out)
        if self.dead_before is not None:
            free |= Q(email_claimed_at__lt=self.dead_before)
        return free


def unclaimed(now: datetime) -> Unclaimed:
    """Rows nobody is sending at `now`: never claimed, claim timed out, or claimed by a dead
    worker."""
    # A worker killed mid-send leaves its claim behind; once every live worker started
    # after the claim, its maker is gone and the email can go without a ten-minute wait.
    return Unclaimed(
        timed_out=now - timedelta(seconds=CLAIM_SECONDS), dead_before=oldest_live_worker_start()
    )


def claim(model: OutboxModel, row_id: int, *, now: datetime, free: Unclaimed | None = None) -> bool:
    """Claim the row's due email for this sender (a conditional UPDATE): True if it is ours.
    (The UPDATE is written once per model: outbox_sql.py.)"""
    return _claim(model, row_id, now=now, free=free) is not None


def _claim(
    model: OutboxModel, row_id: int, *, now: datetime, free: Unclaimed | None
) -> outbox_sql.Before | None:
    free = unclaimed(now) if free is None else free
    return outbox_sql.claim_row(
        model, row_id, now=now, timed_out=free.timed_out, dead_before=free.dead_before
    )


def release(model: OutboxModel, row_id: int) -> None:
    """Give the claim back (sending failed): the retry, or the sweep, sends it."""
    model._default_manager.filter(pk=row_id).update(email_claimed_at=None)


def mark_sent(model: OutboxModel, row_id: int, *, sent_at: datetime | None) -> None:
    """Empty the row's outbox; `sent_at` is when the mail server took the email (None: the
    email was no longer due and nothing was sent)."""
    outbox_sql.empty_outbox(model, row_id, sent_at=sent_at)


def cancel_due(rows: models.QuerySet) -> int:
    """Drop the emails still due for these rows (a confirmation link sent now could only
    disappoint). Returns how many."""
    return rows.exclude(email_due="").update(email_due="", email_due_at=None, email_queued_at=None)


def dispatch_limit() -> int:
    """How many emails one dispatch queues: EMAIL_MAX_PER_SECOND over one interval."""
    rate = settings.EMAIL_MAX_PER_SECOND
    return math.ceil(rate * settings.EMAIL_DISPATCH_INTERVAL) if rate else 5000


def dispatch_due(
    model: OutboxModel,
    enqueue: Callable[[list[int]], object],
    *,
    batch: int = BATCH,
    limit: int | None = None,
) -> int:
    """Queue the rows whose email is due and not yet queued, oldest first (periodic job).

    Up to `limit` rows (by default `dispatch_limit()`) become `enqueue(ids)` calls of `batch`
    ids each and are marked queued, in one transaction: a row is queued once, and a queued
    row always has its task (the queue is in the same database). Returns how many it queued.
    """
    if limit is None:
        limit = dispatch_limit()
    with transaction.atomic():
        due = (
            model._default_manager.exclude(email_due="")
            .filter(email_queued_at__isnull=True)
            .order_by("email_due_at")
        )
        if connection.features.has_select_for_update_skip_locked:
            # Two workers dispatching at once take different rows instead of waiting.
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:limit])
        if not ids:
            return 0
        model._default_manager.filter(pk__in=ids).update(email_queued_at=timezone.now())
        for start in range(0, len(ids), batch):
            enqueue(ids[start : start + batch])
    return len(ids)


@dataclass(frozen=True)
class DueEmail:
    """The email a claimed row is due, as its app prepared it (see `send_due`)."""

    to: str
    template: str
    context: dict[str, object]
    language: str
    links: dict[str, str]  # withdraw_url, data_url, erase_url and what the template shows
    message_id_key: str  # names the message: a resend after a crash has the same Message-ID
    outcome: str = "sent"  # what send_due answers once it is sent
    attachments: tuple[tuple[str, bytes, str], ...] = ()  # (filename, content, MIME type)
    # What else sending it means for the app (counting it against a cap), once sent.
    on_sent: Callable[[datetime], object] | None = None
    # False for an email to a member of staff (a moderator told a comment waits): it carries
    # no supporter's withdraw, data and erase links.
    to_supporter: bool = True
    # The context's values that are the recipient's own (their registration): given them, the
    # templates are rendered once per shape for the emails that go to many (core.mail_shapes).
    personal: tuple[str, ...] = ()


def send_due(
    model: OutboxModel,
    row_id: int,
    prepare: Callable[[int], DueEmail | str],
    *,
    connection: BaseEmailBackend | None = None,
    free: Unclaimed | None = None,
) -> str:
    """Send the email a row is due, once: claim it, ask the app what to send, send, record.

    `prepare(row_id)` is the app's: it reads the claimed row and returns the `DueEmail`, or
    why nothing is to be sent (a string: "no longer due", "held"…), which empties the
    outbox. A failure to send gives the claim back and raises (the task is retried). Safe to
    run twice: a second run finds nothing due. Returns what it did.

    Sent exactly once even if the worker is killed (RFC 1047): over ayni's SMTP backend the
    email is recorded sent after its final "." went out and before the server's reply is read
    (`mail_backend.record_before_reply`). Killed before the ".", the server drops the part it
    has and the claim, left behind, times out: it is sent again. Killed after the record, the
    server has it all and delivers it: never again. A refusal (or no reply) puts the row back
    as it was and raises, so the retry sends it; `on_sent` runs only after the server took it.
    """
    now = timezone.now()
    before = _claim(model, row_id, now=now, free=free)
    if before is None:
        return "nothing due"
    email = prepare(row_id)
    if isinstance(email, str):
        mark_sent(model, row_id, sent_at=None)
        return email
    try:
        with record_before_reply(lambda: mark_sent(model, row_id, sent_at=now)) as data_end:
            _send(email, connection)
    except Exception as exc:
        if not data_end.accepted:
            if data_end.recorded:
                outbox_sql.put_back(model, row_id, before, sent_at=now)
            else:
                release(model, row_id)
            raise
        # The server took it (closing the session failed after): it is sent.
        logger.warning("Row %s: emailed, then %r", row_id, exc)
    if not data_end.recorded:  # another backend (locmem, console): recorded once it returned
        mark_sent(model, row_id, sent_at=now)
    if email.on_sent is not None:
        email.on_sent(now)
    return email.outcome


def _send(email: DueEmail, connection: BaseEmailBackend | None) -> None:
    if email.to_supporter:
        send_action_email(
            to=email.to,
            template=email.template,
            context=email.context,
            language=email.language,
            links=email.links,
            message_id_key=email.message_id_key,
            connection=connection,
            attachments=email.attachments,
            personal=email.personal,
        )
    else:
        send_mail_message(
            to=email.to,
            template=email.template,
            context={**email.context, **email.links},
            language=email.language,
            headers={"Auto-Submitted": "auto-generated"},
            connection=connection,
            message_id_key=email.message_id_key,
            attachments=email.attachments,
            personal=(*email.personal, *email.links) if email.personal else (),
        )


def send_batch(row_ids: list[int], send_one: SendOne) -> dict[str, int]:
    """Send each row its due email (one queued batch). Returns what happened, counted.

    One SMTP session for the batch, and one look at which workers are alive. One failure does
    not hold up the rest: the others are sent, then the error is raised so the task is
    retried, and the retry finds only the failed rows still due.
    """
    outcomes: Counter[str] = Counter()
    failed: Exception | None = None
    free = unclaimed(timezone.now())
    with get_connection() as mail_connection:
        for row_id in row_ids:
            try:
                outcomes[send_one(row_id, mail_connection, free).split(" ")[0]] += 1
            except Exception as exc:
                logger.warning("Row %s: email not sent (%r); retried", row_id, exc)
                failed = exc
    if failed is not None:
        raise failed
    return dict(outcomes)


def sweep_stuck(model: OutboxModel, *, older_than: int | None = None) -> int:
    """Queue again any email queued long ago and still not sent (periodic job).

    A queued email normally goes within seconds; one still due once its task's retries must
    have run out (by default the whole retry span plus ten minutes: the mail server was down
    for longer) gets another round. Side effects: marks those rows unqueued, so the
    dispatcher queues them again; sending is idempotent.
    """
    if older_than is None:
        older_than = retry_span_seconds() + 600
    now = timezone.now()
    return (
        model._default_manager.exclude(email_due="")
        .filter(email_queued_at__lt=now - timedelta(seconds=older_than))
        .filter(unclaimed(now).q)
        .update(email_queued_at=None)
    )
