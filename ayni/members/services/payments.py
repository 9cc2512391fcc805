"""The payment provider's webhook: a signed event activates or cancels a paid membership.

The signature is Stripe's scheme: the header `Ayni-Signature: t=<unix time>,v1=<hex>` where
the hex is HMAC-SHA256 of "<t>.<raw body>" under PAYMENT_WEBHOOK_SECRET. A missing or wrong
signature, or a time more than SIGNATURE_TOLERANCE seconds away, is refused before the body
is read; an event id seen before is not acted on again (PaymentEvent.event_id is unique),
and an event the provider made (`created`) before one already acted on for the same member
is recorded and not acted on: providers deliver out of order and retry late, and a late
"activated" must not undo a "cancelled" made after it. The format is in docs/membership.md.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from ayni.members.enums import MemberSource, PaymentEventType
from ayni.members.models import Member, PaymentEvent, Tier
from ayni.members.services.membership import end_membership, grant_membership
from ayni.supporters.normalise import normalise_email
from ayni.supporters.services import upsert_supporter

SIGNATURE_TOLERANCE = 300  # seconds: an older (or later) signature is refused as a replay


def sign(body: bytes, *, secret: str, timestamp: int) -> str:
    """The `Ayni-Signature` header for `body` sent at `timestamp` (what the provider sends;
    the tests and docs use it)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def signature_problem(header: str, body: bytes, *, secret: str, now: float) -> str:
    """Why the header does not vouch for `body` ("" if it does): "missing", "malformed",
    "stale" or "mismatch". Several `v1=` values (the provider rolling its secret) may be
    given; one must match."""
    if not header:
        return "missing"
    timestamp, signatures = "", []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            timestamp = value
        elif key == "v1":
            signatures.append(value)
    if not timestamp.isdigit() or len(timestamp) > 12 or not signatures:
        return "malformed"
    if abs(now - int(timestamp)) > SIGNATURE_TOLERANCE:
        return "stale"
    expected = sign(body, secret=secret, timestamp=int(timestamp)).split("v1=", 1)[1]
    if not any(hmac.compare_digest(expected, given) for given in signatures):
        return "mismatch"
    return ""


@dataclass(frozen=True)
class Event:
    """A checked event (forms.PaymentEventForm)."""

    event_id: str
    type: str
    email: str
    tier: Tier | None
    valid_until: datetime | None
    created: datetime | None = None


def handle_event(event: Event) -> str:
    """Act on a checked event once. Side effects, in one transaction: the event's id stored
    (PaymentEvent); activated: the address's Supporter made or found and given the tier
    until `valid_until` (Member, source webhook); cancelled: the address's membership ends at
    `valid_until`, or now (an unknown address: nothing but the id). Returns "handled";
    "duplicate" for an id seen before (nothing changes); "superseded" for an event made before
    one already acted on for the same member (stored as such; nothing else changes)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = PaymentEvent.objects.create(
                    event_id=event.event_id, type=event.type, created_at=event.created
                )
        except IntegrityError:
            # Seen before (or being handled this moment by a copy of the same delivery).
            return "duplicate"
        # Locked: two events for one member are ordered one after the other.
        member = (
            Member.objects.select_for_update()
            .filter(supporter__email_normalised=normalise_email(event.email))
            .first()
        )
        if member is not None and _made_before_last(event, member):
            record.member, record.superseded = member, True
            record.save(update_fields=["member", "superseded"])
            return "superseded"
        record.member = _act(event, member)
        record.save(update_fields=["member"])
    return "handled"


def _made_before_last(event: Event, member: Member) -> bool:
    """Whether an event acted on for `member` was made after this one (events without a
    `created` are taken in the order they come)."""
    if event.created is None:
        return False
    return PaymentEvent.objects.filter(
        member=member, superseded=False, created_at__gt=event.created
    ).exists()


def _act(event: Event, member: Member | None) -> Member | None:
    if event.type == PaymentEventType.ACTIVATED:
        assert event.tier is not None  # the form requires it for an activation
        supporter = upsert_supporter(email=event.email)
        return grant_membership(
            supporter=supporter,
            tier=event.tier,
            valid_until=event.valid_until,
            source=MemberSource.WEBHOOK,
        )
    if member is None:
        return None
    return end_membership(
        member=member, at=event.valid_until or timezone.now(), source=MemberSource.WEBHOOK
    )
