"""Queueing one email for many registrations, in chunks: memory stays flat at any size."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from ayni.events.models import Event, EventEmail, EventMessage, Registration
from ayni.events.services.places import due_email

CHUNK = 1000


# The occasion of the email that a postponed event goes ahead (a RESCHEDULED email).
ON_AGAIN = "on-again"


def revision_key(event: Event, occasion: str = "") -> str:
    """The key of an email about the event's current revision (its calendar SEQUENCE), with
    what happened when it says more than the revision does ("on-again"): once per revision."""
    return f"{event.sequence}:{occasion}" if occasion else f"{event.sequence}"


def revision_of(key: str) -> str:
    """The revision a `revision_key` names."""
    return key.partition(":")[0]


def queue_for_all(
    registrations: QuerySet[Registration],
    kind: str,
    *,
    key: str,
    message: EventMessage | None = None,
) -> int:
    """Make `kind` due for each registration, once per key: those that have it already are
    passed over, so a second call adds nothing. Returns how many were queued (a concurrent
    call's rows are dropped by the constraint, and may be counted by both)."""
    queued = 0
    already = EventEmail.objects.filter(registration=OuterRef("pk"), kind=kind, key=key)
    candidates = registrations.exclude(Exists(already)).order_by("pk").values_list("pk", flat=True)
    last = 0
    # Keyset pages, each read whole before its insert: a cursor held open across the writes
    # would keep SQLite's read lock and make the inserts wait ("database is locked").
    while chunk := list(candidates.filter(pk__gt=last)[:CHUNK]):
        emails = [due_email(pk, kind, key=key, message=message) for pk in chunk]
        queued += _insert(emails)
        last = chunk[-1]
    return queued


def _insert(batch: list[EventEmail]) -> int:
    with transaction.atomic():
        EventEmail.objects.bulk_create(batch, ignore_conflicts=True)
    return len(batch)
