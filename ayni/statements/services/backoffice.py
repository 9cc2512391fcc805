"""Organiser tools: bulk invalidation and release of held signatures."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ayni.statements.enums import EmailDue, SignatureStatus
from ayni.statements.models import (
    Invalidation,
    Signature,
    Statement,
)

logger = logging.getLogger(__name__)


INVALIDATION_FIELDS = ("ip_hash", "email_domain", "country", "since", "until")


def signatures_matching(statement: Statement, criteria: dict[str, Any]) -> QuerySet[Signature]:
    """Signatures a bulk invalidation with `criteria` would take off (still counted or pending)."""
    signatures = Signature.objects.filter(
        statement=statement,
        status__in=[SignatureStatus.PENDING, SignatureStatus.CONFIRMED, SignatureStatus.SUSPECT],
    )
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
    *, statement: Statement, criteria: dict[str, Any], reason: str, user
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
    affected = matching.update(
        status=SignatureStatus.INVALIDATED,
        invalidation=invalidation,
        email_due=EmailDue.NONE,
        tally_dirty=True,
    )
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
    Signature.objects.filter(pk__in=ids).update(
        status=SignatureStatus.PENDING,
        email_due=EmailDue.CONFIRM,
        email_due_at=timezone.now(),
        email_queued_at=None,
        email_claimed_at=None,
    )
    logger.info("Released %d held signature(s): %s", len(ids), ids[:50])
    return len(ids)
