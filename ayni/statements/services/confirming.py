"""Confirming and withdrawing a signature through the signed links."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from ayni.statements.enums import EmailDue, SignatureStatus
from ayni.statements.models import (
    Signature,
)
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.services import record_consent, upsert_supporter, withdraw_consent

logger = logging.getLogger(__name__)


@transaction.atomic
def confirm_signature(*, signature: Signature) -> bool:
    """Count a pending signature. Returns True if it is (now or already) confirmed.

    Side effects: the signature row (status, confirmed_at, supporter, marked for roll-up);
    the one Supporter for the address; Consent rows with the exact texts shown.
    """
    signature = (
        Signature.objects.select_for_update(of=("self",))
        .select_related("statement")
        .get(pk=signature.pk)
    )
    if signature.status == SignatureStatus.CONFIRMED:
        return True
    if signature.status != SignatureStatus.PENDING:
        return False
    now = timezone.now()
    supporter = upsert_supporter(
        email=signature.email,
        name=signature.name,
        language=signature.language,
        country=str(signature.country),
    )
    source = f"statement:{signature.statement.slug}"
    purposes = [ConsentPurpose.STATEMENT_SIGNATURE]
    if signature.show_publicly:
        purposes.append(ConsentPurpose.SHOW_NAME)
    if signature.wants_updates:
        purposes.append(ConsentPurpose.CAMPAIGN_UPDATES)
    for purpose in purposes:
        record_consent(supporter=supporter, purpose=purpose, language=signature.language, source=source,
                       given_at=now)  # fmt: skip
    signature.status = SignatureStatus.CONFIRMED
    signature.confirmed_at = now
    signature.supporter = supporter
    signature.tally_dirty = True
    signature.save(update_fields=["status", "confirmed_at", "supporter", "tally_dirty"])
    return True


@transaction.atomic
def withdraw_signature(*, signature: Signature) -> bool:
    """Take a signature off the count and the wall at the signer's request.

    Side effects: the signature row (status, withdrawn_at, marked for roll-up); the
    supporter's consents from this statement are withdrawn.
    """
    signature = (
        Signature.objects.select_for_update(of=("self",))
        .select_related("statement", "supporter")
        .get(pk=signature.pk)
    )
    if signature.status == SignatureStatus.WITHDRAWN:
        return True
    if signature.status not in (SignatureStatus.PENDING, SignatureStatus.CONFIRMED):
        return False
    signature.status = SignatureStatus.WITHDRAWN
    signature.withdrawn_at = timezone.now()
    signature.show_publicly = False
    signature.email_due = EmailDue.NONE
    signature.tally_dirty = True
    signature.save(
        update_fields=["status", "withdrawn_at", "show_publicly", "email_due", "tally_dirty"]
    )
    if signature.supporter:
        for purpose in (
            ConsentPurpose.STATEMENT_SIGNATURE,
            ConsentPurpose.SHOW_NAME,
            ConsentPurpose.CAMPAIGN_UPDATES,
        ):
            withdraw_consent(
                supporter=signature.supporter,
                purpose=purpose,
                source=f"statement:{signature.statement.slug}",
            )
    return True
