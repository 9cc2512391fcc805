"""Signing: record a signature waiting for confirmation, or a repeat; the per-IP rate limit."""

from __future__ import annotations

import logging
from contextlib import nullcontext
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ayni.core.countries import country_codes
from ayni.core.db import insert_row
from ayni.statements.enums import EmailDue, SignatureStatus, SignerKind
from ayni.statements.models import (
    Signature,
    Statement,
)
from ayni.statements.services.counting import uncount_signature
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.normalise import email_domain, normalise_email

logger = logging.getLogger(__name__)


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
) -> Signature | None:
    """Record a signature waiting for email confirmation, or note a repeat by the same person.

    Whatever happens, the caller shows the same "check your inbox" page, so nobody can
    learn from the response whether an address has signed.

    Side effects: inserts one Signature row with its email due, or updates the person's
    existing row. That row is the email's outbox: the dispatcher (a periodic worker job) puts
    it on the queue within about a second, so an acknowledged signature can never lose its
    email, and the request does one INSERT and nothing else. Touches no shared counter,
    except when a withdrawn signature is signed again before the roll-up took it off the count.
    Returns None for a silently blocked repeat.
    """
    now = timezone.now()
    normalised = normalise_email(email)
    signature = Signature(
        statement=statement,
        kind=kind,
        name=name,
        email=email,
        email_normalised=normalised,
        email_domain=email_domain(normalised),
        country=country,
        organisation=organisation,
        role=role,
        comment=comment,
        show_publicly=show_publicly,
        wants_updates=wants_updates,
        language=language,
        ip_hash=ip_hash,
        consent_version=CONSENT_TEXTS[ConsentPurpose.STATEMENT_SIGNATURE].version,
        created_at=now,
        email_due=EmailDue.CONFIRM,
        email_due_at=now,
    )
    # The statement is an instance the caller loaded (checking that it exists would be one
    # more query), and the country is looked up in the list: the stock check walks and
    # re-normalises all 250 localised choices on every call.
    signature.full_clean(
        exclude=["statement", "country"], validate_unique=False, validate_constraints=False
    )
    _check_country(signature.country.code)
    # Everything above runs before the write: on SQLite a write holds the database's one write
    # lock, so it should be the INSERT and nothing else. A new signer is one INSERT (in
    # autocommit: nothing else has to commit with it); only a repeat needs a transaction.
    try:
        # Inside a caller's transaction a savepoint keeps a duplicate from breaking it.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            insert_row(signature)
    except IntegrityError:
        with transaction.atomic():
            return _repeat_signature(
                statement=statement, normalised=normalised, fresh=signature, now=now
            )
    return signature


def _check_country(code: str) -> None:
    """What full_clean() says about a missing country or one not in the list, but cheaply."""
    if code in country_codes():
        return
    field = Signature._meta.get_field("country")
    error = (
        ValidationError(field.error_messages["blank"], code="blank")
        if not code
        else ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": code}
        )
    )
    raise ValidationError({"country": error})


def _repeat_signature(
    *, statement: Statement, normalised: str, fresh: Signature, now
) -> Signature | None:
    existing = Signature.objects.select_for_update().get(
        statement=statement, email_normalised=normalised
    )
    if existing.status in (SignatureStatus.INVALIDATED, SignatureStatus.SUSPECT):
        return None
    if existing.emails_sent >= settings.SIGNATURE_MAX_EMAILS:
        return None
    fields = ["email_due", "email_due_at", "email_queued_at"]
    if existing.status == SignatureStatus.CONFIRMED:
        existing.email_due = EmailDue.ALREADY
    else:
        if existing.counted:
            # Withdrawn, but the roll-up has not taken it off yet: do it now, under the
            # country, kind and day it was counted with, before those are overwritten.
            uncount_signature(existing)
            fields += ["counted", "tally_dirty"]
        # Pending or withdrawn: take the newest details and ask for confirmation again.
        for field in ("kind", "name", "email", "country", "organisation", "role", "comment",
                      "show_publicly", "wants_updates", "language", "ip_hash"):  # fmt: skip
            setattr(existing, field, getattr(fresh, field))
        fields += ["kind", "name", "email", "country", "organisation", "role", "comment",
                   "show_publicly", "wants_updates", "language", "ip_hash", "status"]  # fmt: skip
        existing.status = SignatureStatus.PENDING
        existing.email_due = EmailDue.CONFIRM
        # Signing again is a new signing: its time and IP face the rate limit afresh.
        existing.created_at = now
        fields.append("created_at")
    existing.email_due_at = now
    existing.email_queued_at = None  # for the dispatcher to queue
    existing.save(update_fields=fields)
    return existing


def over_rate_limit(signature: Signature) -> bool:
    if not signature.ip_hash:
        return False
    same_ip = Signature.objects.filter(
        statement_id=signature.statement_id,
        ip_hash=signature.ip_hash,
        created_at__lte=signature.created_at,
    )
    for limit, seconds in (
        (settings.SIGNATURE_BURST_LIMIT, settings.SIGNATURE_BURST_SECONDS),
        (settings.SIGNATURE_SUSTAINED_LIMIT, settings.SIGNATURE_SUSTAINED_SECONDS),
    ):
        window_start = signature.created_at - timedelta(seconds=seconds)
        # Counting stops one past the limit: an address that sent thousands costs no more
        # to judge than one that sent a few.
        if same_ip.filter(created_at__gt=window_start)[: limit + 1].count() > limit:
            return True
    return False
