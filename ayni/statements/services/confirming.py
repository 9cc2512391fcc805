"""Confirming and withdrawing a signature through the signed links, which name a Submission."""

from __future__ import annotations

import logging
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.statements.services.counting import uncount_signature
from ayni.statements.services.emails import cancel_due_emails
from ayni.statements.services.signing import DETAIL_FIELDS
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.normalise import email_domain
from ayni.supporters.services import record_consents, upsert_supporter, withdraw_consent

logger = logging.getLogger(__name__)


class Confirmation(StrEnum):
    CONFIRMED = "confirmed"  # counted from now on (or already, through this very link)
    CLOSED = "closed"  # the statement closed before the link was used: not counted
    UNUSABLE = "unusable"  # withdrawn, invalidated, held, or a newer link superseded this one


def _locked(submission: Submission) -> tuple[Submission, Signature] | None:
    """The submission and its signature, locked; None if they are gone (erased meanwhile, by
    their signer or as never confirmed: ayni.supporters.retention)."""
    signature = (
        Signature.objects.select_for_update().filter(pk=submission.signature_id or 0).first()
    )
    found = Submission.objects.select_related("statement").filter(pk=submission.pk).first()
    if signature is None or found is None:
        return None
    found.signature = signature
    return found, signature


@transaction.atomic
def confirm_signature(*, submission: Submission) -> Confirmation:
    """Confirm the signature with the details of `submission`, the one whose link was used.

    What is recorded (name, organisation, comment, whether the name is public, whether
    updates were asked for, and the consents) is exactly what was submitted with this link,
    whatever anybody submitted for the same address before or after. A link older than the
    signature's last confirmation or re-signing no longer works; a statement that has closed
    takes no more confirmations. Using the same link twice is harmless.

    Side effects: the signature row (details, status, confirmed_at, supporter, links_from,
    marked for roll-up); other emails still due for it are dropped; the one Supporter for the
    address; Consent rows with the exact texts shown.
    """
    locked = _locked(submission)
    if locked is None:
        return Confirmation.UNUSABLE
    submission, signature = locked
    if not submission.links_live:
        return Confirmation.UNUSABLE
    if signature.status == SignatureStatus.CONFIRMED:
        confirmed_by_this_link = signature.links_from == submission.pk
        return Confirmation.CONFIRMED if confirmed_by_this_link else Confirmation.UNUSABLE
    if signature.status != SignatureStatus.PENDING:
        return Confirmation.UNUSABLE
    statement = submission.statement
    if not statement.is_open:
        return Confirmation.CLOSED
    now = timezone.now()
    if signature.counted:
        # Only a row the roll-up has not caught up with yet; take it off under its old details.
        uncount_signature(signature)
    for field in DETAIL_FIELDS:
        setattr(signature, field, getattr(submission, field))
    signature.email_domain = email_domain(signature.email_normalised)
    supporter = upsert_supporter(
        email=signature.email,
        name=signature.name,
        language=signature.language,
        country=str(signature.country),
    )
    purposes = [ConsentPurpose.STATEMENT_SIGNATURE]
    if signature.show_publicly:
        purposes.append(ConsentPurpose.SHOW_NAME)
    if signature.wants_updates:
        purposes.append(ConsentPurpose.CAMPAIGN_UPDATES)
    record_consents(
        supporter=supporter,
        purposes=purposes,
        language=signature.language,
        source=f"statement:{statement.slug}",
        given_at=now,
    )
    signature.status = SignatureStatus.CONFIRMED
    signature.confirmed_at = now
    signature.supporter = supporter
    signature.links_from = submission.pk
    signature.tally_dirty = True
    signature.save(
        update_fields=[
            *DETAIL_FIELDS,
            "email_domain",
            "status",
            "confirmed_at",
            "supporter",
            "links_from",
            "counted",
            "tally_dirty",
        ]
    )
    cancel_due_emails(signature_ids=[signature.pk])
    return Confirmation.CONFIRMED


@transaction.atomic
def withdraw_signature(*, submission: Submission) -> bool:
    """Take a signature off the count and the wall at the signer's request.

    Returns False if the link was superseded (the address signed again after withdrawing) or
    the signature can no longer be withdrawn (invalidated, held).

    Side effects: the signature row (status, withdrawn_at, marked for roll-up); emails still
    due for it are dropped; the supporter's consents from this statement are withdrawn.
    """
    locked = _locked(submission)
    if locked is None:
        return False
    submission, signature = locked
    if not submission.links_live:
        return False
    if signature.status == SignatureStatus.WITHDRAWN:
        return True
    if signature.status not in (SignatureStatus.PENDING, SignatureStatus.CONFIRMED):
        return False
    signature.status = SignatureStatus.WITHDRAWN
    signature.withdrawn_at = timezone.now()
    signature.show_publicly = False
    signature.tally_dirty = True
    signature.save(update_fields=["status", "withdrawn_at", "show_publicly", "tally_dirty"])
    cancel_due_emails(signature_ids=[signature.pk])
    if signature.supporter_id:
        for purpose in (
            ConsentPurpose.STATEMENT_SIGNATURE,
            ConsentPurpose.SHOW_NAME,
            ConsentPurpose.CAMPAIGN_UPDATES,
        ):
            withdraw_consent(
                supporter=signature.supporter,  # type: ignore[arg-type]
                purpose=purpose,
                source=f"statement:{submission.statement.slug}",
            )
    return True
