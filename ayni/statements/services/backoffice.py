"""Organiser tools: bulk invalidation and release of held signatures."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from ayni.statements.enums import BlockKind, EmailDue, HoldReason, SignatureStatus
from ayni.statements.models import Block, Invalidation, Signature, Statement, Submission
from ayni.statements.services.emails import cancel_due_emails
from ayni.supporters.normalise import normalise_email

logger = logging.getLogger(__name__)


INVALIDATION_FIELDS = ("email", "ip_hash", "email_domain", "country", "since", "until")


def signatures_matching(statement: Statement, criteria: dict[str, Any]) -> QuerySet[Signature]:
    """Signatures a bulk invalidation with `criteria` would take off (still counted or pending)."""
    signatures = Signature.objects.filter(
        statement=statement,
        status__in=[SignatureStatus.PENDING, SignatureStatus.CONFIRMED, SignatureStatus.SUSPECT],
    )
    if criteria.get("email"):
        signatures = signatures.filter(email_normalised=normalise_email(criteria["email"]))
    if criteria.get("ip_hash"):
        signatures = signatures.filter(ip_hash=criteria["ip_hash"])
    if criteria.get("email_domain"):
        signatures = signatures.filter(email_domain=criteria["email_domain"].casefold())
    if criteria.get("country"):
        signatures = signatures.filter(country=criteria["country"])
    if criteria.get("since"):
        signatures = signatures.filter(created_at__gte=criteria["since"])
    if criteria.get("until"):
        signatures = signatures.filter(created_at__lt=criteria["until"])
    return signatures


@transaction.atomic
def invalidate_signatures(
    *, statement: Statement, criteria: dict[str, Any], reason: str, user: User
) -> Invalidation:
    """Take every signature matching `criteria` off the count and the wall, and log it.

    Side effects: one Invalidation row; matching Signature rows become invalidated and are
    marked for roll-up (the count drops on the next roll-up, within seconds).
    """
    if not any(criteria.get(field) for field in INVALIDATION_FIELDS):
        raise ValueError("An invalidation needs at least one condition.")
    stored = {
        key: (value.isoformat() if hasattr(value, "isoformat") else value)
        for key, value in criteria.items()
        if value
    }
    matching = signatures_matching(statement, criteria)
    invalidation = Invalidation.objects.create(
        statement=statement, criteria=stored, affected=0, reason=reason, created_by=user
    )
    ids = list(matching.values_list("pk", flat=True))
    affected = Signature.objects.filter(pk__in=ids).update(
        status=SignatureStatus.INVALIDATED, invalidation=invalidation, tally_dirty=True
    )
    cancel_due_emails(signature_ids=ids)
    invalidation.affected = affected
    invalidation.save(update_fields=["affected"])
    logger.info(
        "Invalidation %s on %s: %d signatures (%s)",
        invalidation.pk,
        statement.slug,
        affected,
        stored,
    )
    return invalidation


@transaction.atomic
def release_held_signatures(*, signatures: QuerySet[Signature]) -> int:
    """Give held (suspect) signatures back their chance: pending again, confirmation email queued.

    For signatures an organiser judged genuine after the rate limit held them. Rows in
    `signatures` that are not held are left alone. Side effects: each held row becomes pending
    with a confirmation email due now (the rate limit does not hold it again), which the
    dispatcher queues as for a signing. Returns how many were released.
    """
    ids = list(
        Signature.objects.select_for_update()
        .filter(pk__in=signatures.values("pk"), status=SignatureStatus.SUSPECT)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    now = timezone.now()
    Signature.objects.filter(pk__in=ids).update(
        status=SignatureStatus.PENDING, hold_reason=HoldReason.NONE
    )
    # The confirmation goes for the newest submission, to the address typed in it.
    latest = (
        Submission.objects.filter(signature__in=ids)
        .values("signature")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )
    Submission.objects.filter(pk__in=list(latest)).update(
        email_due=EmailDue.CONFIRM, email_due_at=now, email_queued_at=None, email_claimed_at=None
    )
    logger.info("Released %d held signature(s): %s", len(ids), ids[:50])
    return len(ids)


@transaction.atomic
def block_address(
    *, value: str, reason: str, user: User, statement: Statement | None = None
) -> Block:
    """Hold every new signature from an email address or a domain (on one statement or all).

    A value with an @ is an address (blocked under its normalised form, so its +tags and
    dots are too); otherwise a domain, which covers its subdomains. Signatures already made
    are not touched: invalidate them (by address or domain) if they should go.
    Side effects: one Block row (an existing identical block is returned unchanged).
    """
    value = value.strip()
    if "@" in value:
        kind, value = BlockKind.EMAIL, normalise_email(value)
    else:
        kind, value = BlockKind.DOMAIN, value.casefold().strip(".").removeprefix("@")
    block, _created = Block.objects.get_or_create(
        statement=statement,
        kind=kind,
        value=value,
        defaults={"reason": reason, "created_by": user},
    )
    logger.info("Blocked %s %s on %s", kind, value, statement.slug if statement else "all")
    return block
