"""Supporters' rights: access to and erasure of what a signature holds."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ayni.statements import selectors
from ayni.statements.enums import EmailDue, SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.supporters.models import Supporter
from ayni.supporters.retention import Erased

logger = logging.getLogger(__name__)


def signature_export(signature: Signature) -> dict[str, Any]:
    return {
        "statement": signature.statement.slug,
        "kind": signature.kind,
        "name": signature.name,
        "email": signature.email,
        "country": str(signature.country),
        "organisation": signature.organisation,
        "role": signature.role,
        "comment": signature.comment,
        "show_publicly": signature.show_publicly,
        "wants_updates": signature.wants_updates,
        "language": signature.language,
        "status": signature.status,
        "signed_at": signature.created_at.isoformat(),
        "confirmed_at": signature.confirmed_at.isoformat() if signature.confirmed_at else None,
        "emails_sent": signature.emails_sent,
        # Each sending of the form, as typed (the signature holds the confirmed one's details).
        "submissions": [
            {
                "submitted_at": submission.created_at.isoformat(),
                "name": submission.name,
                "email": submission.email,
                "country": str(submission.country),
                "organisation": submission.organisation,
                "role": submission.role,
                "comment": submission.comment,
                "show_publicly": submission.show_publicly,
                "wants_updates": submission.wants_updates,
                "language": submission.language,
            }
            for submission in signature.submissions.order_by("pk")
        ],
    }


def export_signer_data(*, signature: Signature) -> dict[str, Any]:
    """What we hold about the person behind this signature: their Supporter record (all apps), or
    just this signature if it was never confirmed."""
    from ayni.supporters.services import export_supporter

    if signature.supporter is not None:
        return export_supporter(supporter=signature.supporter)
    return {"signatures": [signature_export(signature)]}


def _anonymise_signatures(signatures: QuerySet[Signature]) -> int:
    erased: list[int] = []
    for signature in signatures.select_for_update(of=("self",)):
        signature.name = ""
        signature.email = f"erased-{signature.pk}@invalid"
        signature.email_normalised = f"erased:{signature.pk}"
        signature.email_domain = ""
        signature.organisation = signature.role = signature.comment = ""
        signature.ip_hash = ""
        signature.show_publicly = signature.wants_updates = False
        signature.supporter = None
        if signature.status in (SignatureStatus.PENDING, SignatureStatus.CONFIRMED):
            signature.status = SignatureStatus.WITHDRAWN
            signature.withdrawn_at = timezone.now()
        signature.tally_dirty = True
        signature.save()
        erased.append(signature.pk)
    Submission.objects.filter(signature__in=erased).update(
        name="",
        email="erased@invalid",
        email_normalised="",
        organisation="",
        role="",
        comment="",
        ip_hash="",
        show_publicly=False,
        wants_updates=False,
        email_due=EmailDue.NONE,
        email_due_at=None,
        email_queued_at=None,
    )
    return len(erased)


@transaction.atomic
def erase_signer_data(*, signature: Signature) -> None:
    """Erase the person behind this signature: the signature (and, if confirmed, every signature
    and record of their Supporter) is anonymised and taken off the count; the Supporter is deleted.

    Side effects: Signature rows anonymised and marked for roll-up; Supporter and Consent rows
    deleted (through supporters.services.erase_supporter and its signal).
    """
    from ayni.supporters.services import erase_supporter

    found = Signature.objects.select_related("supporter").filter(pk=signature.pk).first()
    if found is None:
        return  # erased already (as never confirmed, while the signer was on the page)
    signature = found
    if signature.supporter is not None:
        erase_supporter(supporter=signature.supporter)
    _anonymise_signatures(Signature.objects.filter(pk=signature.pk))


def anonymise_supporter_signatures(*, supporter: Supporter) -> int:
    """Anonymise every signature of `supporter` (their erasure). Returns how many.

    Side effects: the signatures lose every personal detail, are withdrawn if they counted, and
    are marked for roll-up; their submissions are blanked and no email is due any more.
    """
    return _anonymise_signatures(Signature.objects.filter(supporter=supporter))


@transaction.atomic
def erase_unconfirmed_signatures(*, ids: list[int], before: datetime) -> Erased:
    """Erase the signatures among `ids` still never confirmed with their last link sent before
    `before` (the supporters' retention job, ayni.supporters.retention).

    The signatures are locked first, so a confirmation racing this either went first (the
    signature is confirmed, no longer among them, and kept) or waits and finds it gone.
    Side effects: those Signature rows and their Submissions (the details as typed, the emails
    still due) are deleted; no tally moves, since they were never counted.
    """
    locked = Signature.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    expired = selectors.unconfirmed_signatures(before).filter(
        pk__in=list(locked.values_list("pk", flat=True))
    )
    rows = list(expired.values_list("pk", "supporter_id"))
    Signature.objects.filter(pk__in=[pk for pk, _supporter in rows]).delete()
    return Erased(
        forms=len(rows),
        supporter_ids=frozenset(supporter for _pk, supporter in rows if supporter is not None),
    )
