"""Signing: record a submission of the sign form, then fold submissions into signatures.

The request only records what was sent (`sign_statement`: one INSERT, the same for every
address); the worker decides what it means (`process_submissions`): a new signature, new
details for a pending one, an already-signed notice, or a silent hold (rate limit, block).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ayni.core.countries import country_codes
from ayni.core.db import insert_row
from ayni.core.locks import job_lock
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
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.normalise import email_domain, normalise_email

logger = logging.getLogger(__name__)

PROCESS_BATCH = 500  # submissions folded per transaction

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
    submission.full_clean(
        exclude=["statement", "signature", "country"],
        validate_unique=False,
        validate_constraints=False,
    )
    _check_country(submission.country.code)
    insert_row(submission)
    return submission


def _check_country(code: str) -> None:
    """What full_clean() says about a missing country or one not in the list, but cheaply."""
    if code in country_codes():
        return
    field = Submission._meta.get_field("country")
    error = (
        ValidationError(field.error_messages["blank"], code="blank")
        if not code
        else ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": code}
        )
    )
    raise ValidationError({"country": error})


def over_rate_limit(submission: Submission) -> bool:
    """Did this submission's address (IP hash) send more than the burst or sustained limit?"""
    if not submission.ip_hash:
        return False
    same_ip = Submission.objects.filter(
        statement_id=submission.statement_id,
        ip_hash=submission.ip_hash,
        created_at__lte=submission.created_at,
    )
    for limit, seconds in (
        (settings.SIGNATURE_BURST_LIMIT, settings.SIGNATURE_BURST_SECONDS),
        (settings.SIGNATURE_SUSTAINED_LIMIT, settings.SIGNATURE_SUSTAINED_SECONDS),
    ):
        window_start = submission.created_at - timedelta(seconds=seconds)
        # Counting stops one past the limit: an address that sent thousands costs no more
        # to judge than one that sent a few.
        if same_ip.filter(created_at__gt=window_start)[: limit + 1].count() > limit:
            return True
    return False


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


def process_submissions(*, batch: int = PROCESS_BATCH) -> int:
    """Fold every unprocessed submission into its address's signature (periodic job).

    Per submission, in order of arrival: a new address gets a pending Signature (or a held
    one, if blocked or over the rate limit) and a confirmation due; a pending signature keeps
    its details and the submission gets its own confirmation, whose link records only what
    was submitted with it; a withdrawn signature becomes pending again and older links stop
    working; a confirmed one gets an already-signed notice; an invalidated or held one gets
    nothing. One transaction per batch, serialised across workers; safe to run twice (a
    processed submission is never processed again). Returns how many it processed.
    """
    processed = 0
    while True:
        with transaction.atomic():
            job_lock("statements.submissions")
            submissions = list(
                Submission.objects.filter(processed_at__isnull=True).order_by("id")[:batch]
            )
            if not submissions:
                return processed
            blocks = active_blocks()
            for submission in submissions:
                _process(submission, blocks)
            processed += len(submissions)
        if len(submissions) < batch:
            return processed


def _process(submission: Submission, blocks: dict[int | None, set[str]]) -> None:
    now = timezone.now()
    held = (
        HoldReason.BLOCKED
        if is_blocked(submission, blocks)
        else HoldReason.RATE_LIMIT
        if over_rate_limit(submission)
        else HoldReason.NONE
    )
    signature = (
        Signature.objects.select_for_update()
        .filter(statement_id=submission.statement_id, email_normalised=submission.email_normalised)
        .first()
    )
    due = EmailDue.NONE
    if signature is None:
        signature = Signature(
            statement_id=submission.statement_id,
            email_normalised=submission.email_normalised,
            email_domain=email_domain(submission.email_normalised),
            created_at=submission.created_at,
            status=SignatureStatus.SUSPECT if held else SignatureStatus.PENDING,
            hold_reason=held,
            links_from=submission.pk,
            **{field: getattr(submission, field) for field in DETAIL_FIELDS},
        )
        signature.save(force_insert=True)
        outcome = _held_outcome(held) if held else SubmissionOutcome.NEW
        due = EmailDue.NONE if held else EmailDue.CONFIRM
        if held:
            logger.info("Submission %s held (%s)", submission.pk, held)
    elif signature.status in (SignatureStatus.INVALIDATED, SignatureStatus.SUSPECT):
        outcome = SubmissionOutcome.IGNORED
    elif held:
        # A repeat over the limit or from a blocked address changes nothing and sends nothing.
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
    Submission.objects.filter(pk=submission.pk).update(
        signature=signature,
        processed_at=now,
        outcome=outcome,
        email_due=due,
        email_due_at=now if due else None,
    )


def _held_outcome(reason: str) -> str:
    return SubmissionOutcome.BLOCKED if reason == HoldReason.BLOCKED else SubmissionOutcome.HELD
