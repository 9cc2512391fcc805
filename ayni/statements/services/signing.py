"""Signing: record a submission of the sign form, then fold submissions into signatures.

The request only records what was sent (`sign_statement`: one INSERT, the same for every
address); the worker decides what it means (`process_submissions`): a new signature, new
details for a pending one, an already-signed notice, or a silent hold (rate limit, block).
"""

from __future__ import annotations

import logging
import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ayni.core.countries import country_codes
from ayni.core.locks import job_lock
from ayni.core.prepared_insert import insert_row
from ayni.statements.enums import (
    EmailDue,
    HoldReason,
    SignatureStatus,
    SignerKind,
    SubmissionOutcome,
)
from ayni.statements.models import Signature, SignerDetails, Statement, Submission
from ayni.statements.selectors import active_blocks
from ayni.statements.services.counting import uncount_signature
from ayni.supporters import limits
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.normalise import email_domain, normalise_email

logger = logging.getLogger(__name__)

# Submissions folded per transaction: the transaction holds SQLite's one write lock, which the
# sign requests of a surge are waiting for, so it stays small and does a few statements a batch.
PROCESS_BATCH = 50
# Folded per run of the dispatcher job at most: a few times what the emails can go out at, so
# that under a surge the fold keeps ahead of the emails without taking the CPU the sign
# requests need (the rest waits, stored, for the next runs), and the job still queues emails.
PROCESS_AHEAD_OF_EMAIL = 4
PROCESS_LIMIT = 5000  # when emails are not rate-limited

# The details a submission carries and a confirmation copies onto the signature (the address
# itself, email_normalised, is the same for every submission of a signature).
DETAIL_FIELDS = (
    *(field.name for field in SignerDetails._meta.fields if field.name != "email_normalised"),
    "ip_hash",
)


def sign_statement(
    *,
    statement: Statement,
    name: str,
    email: str,
    country: str,
    language: str,
    ip_hash: str,
    kind: str = SignerKind.INDIVIDUAL,
    organisation: str = "",
    role: str = "",
    comment: str = "",
    show_publicly: bool = False,
    wants_updates: bool = False,
) -> Submission:
    """Record one sending of the sign form, exactly as submitted.

    Whatever the address has done before (nothing, signed, withdrawn, blocked), this does the
    same single INSERT, so neither the answer nor its timing tells anybody whether an address
    has signed. Nothing else is read or written: the worker folds the submission into the
    address's signature within about a second and sends the email it is due.

    Side effects: inserts one Submission row (in autocommit: acknowledged means stored).
    """
    submission = Submission(
        statement=statement,
        kind=kind,
        name=name,
        email=email,
        email_normalised=normalise_email(email),
        country=country,
        organisation=organisation,
        role=role,
        comment=comment,
        show_publicly=show_publicly,
        wants_updates=wants_updates,
        language=language,
        ip_hash=ip_hash,
        consent_version=CONSENT_TEXTS[ConsentPurpose.STATEMENT_SIGNATURE].version,
        created_at=timezone.now(),
    )
    # The statement is an instance the caller loaded (checking that it exists would be one
    # more query), and the country is looked up in the list: the stock check walks and
    # re-normalises all 250 localised choices on every call.
    errors: dict = {}
    try:
        submission.full_clean(
            exclude=["statement", "signature", "country"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    country_error = _country_error(submission.country.code)
    if country_error:
        errors["country"] = [country_error]
    if errors:
        raise ValidationError(errors)  # every field's errors together, as full_clean() gives them
    insert_row(submission)
    return submission


def _country_error(code: str) -> ValidationError | None:
    """What full_clean() says about a missing country or one not in the list, but cheaply."""
    if code in country_codes():
        return None
    field = Submission._meta.get_field("country")
    if not code:
        return ValidationError(field.error_messages["blank"], code="blank")
    return ValidationError(
        field.error_messages["invalid_choice"], code="invalid_choice", params={"value": code}
    )


def over_rate_limit(submission: Submission) -> bool:
    """Did this submission's address (IP hash) send more than the burst or sustained limit?"""
    if not submission.ip_hash:
        return False
    same_ip = Submission.objects.filter(
        statement_id=submission.statement_id,
        ip_hash=submission.ip_hash,
        created_at__lte=submission.created_at,
    )
    return limits.over_rate_limit(same_ip, at=submission.created_at)


def is_blocked(submission: Submission, blocks: dict[int | None, set[str]]) -> bool:
    """Is the submission's address, or its domain or a parent domain, blocked here or site-wide?

    `blocks` maps a statement id (None: every statement) to blocked addresses and domains, as
    `selectors.active_blocks` returns them.
    """
    wanted = blocks.get(None, set()) | blocks.get(submission.statement_id, set())
    if not wanted:
        return False
    if submission.email_normalised in wanted:
        return True
    labels = email_domain(submission.email_normalised).split(".")
    return any(".".join(labels[start:]) in wanted for start in range(len(labels) - 1))


def process_limit() -> int:
    """How many submissions one run of the dispatcher job folds at most."""
    rate = settings.EMAIL_MAX_PER_SECOND
    if not rate:
        return PROCESS_LIMIT
    per_run = rate * settings.EMAIL_DISPATCH_INTERVAL * PROCESS_AHEAD_OF_EMAIL
    return max(PROCESS_BATCH, min(PROCESS_LIMIT, math.ceil(per_run)))


def process_submissions(*, batch: int = PROCESS_BATCH, limit: int | None = None) -> int:
    """Fold unprocessed submissions into their addresses' signatures (periodic job).

    Per submission, in order of arrival: a new address gets a pending Signature (or a held
    one, if blocked or over the rate limit) and a confirmation due; a pending signature keeps
    its details and the submission gets its own confirmation, whose link records only what
    was submitted with it; a withdrawn signature becomes pending again and older links stop
    working; a confirmed one gets an already-signed notice; an invalidated or held one gets
    nothing; a repeat that is blocked or over the rate limit changes nothing.

    The judgements that only read the past (rate limit, blocks) are made before the write
    transaction; each batch is then one short transaction, serialised across workers, that
    reads the batch's signatures in one query and writes with a handful of statements. At most
    `limit` rows a call (default `process_limit()`; the next run takes the rest). Safe to run twice: a processed
    submission is never processed again. Returns how many it processed.
    """
    if limit is None:
        limit = process_limit()
    processed = 0
    while processed < limit:
        size = min(batch, limit - processed)
        pending = list(Submission.objects.filter(processed_at__isnull=True).order_by("id")[:size])
        if not pending:
            break
        blocks = active_blocks()
        holds = {submission.pk: _hold_reason(submission, blocks) for submission in pending}
        with transaction.atomic():
            job_lock("statements.submissions")
            # Another worker may have folded some of them since they were read.
            still = set(
                Submission.objects.filter(
                    pk__in=[submission.pk for submission in pending], processed_at__isnull=True
                ).values_list("pk", flat=True)
            )
            _fold([submission for submission in pending if submission.pk in still], holds)
        processed += len(pending)
        if len(pending) < size:
            break
    return processed


def _hold_reason(submission: Submission, blocks: dict[int | None, set[str]]) -> str:
    if is_blocked(submission, blocks):
        return HoldReason.BLOCKED
    if over_rate_limit(submission):
        return HoldReason.RATE_LIMIT
    return HoldReason.NONE


def _fold(submissions: list[Submission], holds: dict[int, str]) -> None:
    """Decide each submission's outcome and write them all (inside the caller's transaction)."""
    if not submissions:
        return
    now = timezone.now()
    signatures = {
        (signature.statement_id, signature.email_normalised): signature
        for signature in Signature.objects.select_for_update().filter(
            statement_id__in={s.statement_id for s in submissions},
            email_normalised__in={s.email_normalised for s in submissions},
        )
    }
    created: list[Signature] = []
    for submission in submissions:
        held = holds[submission.pk]
        key = (submission.statement_id, submission.email_normalised)
        signature = signatures.get(key)
        due = EmailDue.NONE
        if signature is None:
            signature = signatures[key] = Signature(
                statement_id=submission.statement_id,
                email_normalised=submission.email_normalised,
                email_domain=email_domain(submission.email_normalised),
                created_at=submission.created_at,
                status=SignatureStatus.SUSPECT if held else SignatureStatus.PENDING,
                hold_reason=held,
                links_from=submission.pk,
                **{field: getattr(submission, field) for field in DETAIL_FIELDS},
            )
            created.append(signature)
            outcome = _held_outcome(held) if held else SubmissionOutcome.NEW
            due = EmailDue.NONE if held else EmailDue.CONFIRM
            if held:
                logger.info("Submission %s held (%s)", submission.pk, held)
        elif signature.status in (SignatureStatus.INVALIDATED, SignatureStatus.SUSPECT):
            outcome = SubmissionOutcome.IGNORED
        elif held:
            # A repeat over the limit or from a blocked address changes nothing, sends nothing.
            outcome = _held_outcome(held)
        elif signature.status == SignatureStatus.CONFIRMED:
            outcome, due = SubmissionOutcome.ALREADY, EmailDue.ALREADY
        elif signature.status == SignatureStatus.PENDING:
            # The pending signature keeps its details; this submission gets its own link.
            outcome, due = SubmissionOutcome.NEW_VERSION, EmailDue.CONFIRM
        else:  # withdrawn: signing again starts afresh, and no link from before works any more
            if signature.counted:
                # The roll-up has not taken it off yet: do it now, under what it was counted as.
                uncount_signature(signature)
            signature.status = SignatureStatus.PENDING
            signature.links_from = submission.pk
            signature.save(update_fields=["status", "links_from", "counted", "tally_dirty"])
            outcome, due = SubmissionOutcome.RESIGNED, EmailDue.CONFIRM
        submission.signature = signature
        submission.processed_at = now
        submission.outcome = outcome
        submission.email_due = due
        submission.email_due_at = now if due else None
    Signature.objects.bulk_create(created)
    for submission in submissions:
        submission.signature_id = submission.signature.pk  # type: ignore[union-attr]
    Submission.objects.bulk_update(
        submissions, ["signature", "processed_at", "outcome", "email_due", "email_due_at"]
    )


def _held_outcome(reason: str) -> str:
    return SubmissionOutcome.BLOCKED if reason == HoldReason.BLOCKED else SubmissionOutcome.HELD
