"""Queueing one email for many registrations, in chunks: memory stays flat at any size."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from ayni.events.models import EventEmail, EventMessage, Registration

CHUNK = 1000


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
    now = timezone.now()
    queued = 0
    batch: list[EventEmail] = []
    already = EventEmail.objects.filter(registration=OuterRef("pk"), kind=kind, key=key)
    ids = (
        registrations.exclude(Exists(already))
        .order_by("pk")
        .values_list("pk", flat=True)
        .iterator(chunk_size=CHUNK)
    )
    for registration_id in ids:
        batch.append(
            EventEmail(
                registration_id=registration_id,
                kind=kind,
                key=key,
                message=message,
                email_due=kind,
                email_due_at=now,
                created_at=now,
            )
        )
        if len(batch) >= CHUNK:
            queued += _insert(batch)
            batch = []
    if batch:
        queued += _insert(batch)
    return queued


def _insert(batch: list[EventEmail]) -> int:
    with transaction.atomic():
        EventEmail.objects.bulk_create(batch, ignore_conflicts=True)
    return len(batch)
