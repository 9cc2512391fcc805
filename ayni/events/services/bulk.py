"""Queueing one email for many registrations, in chunks: memory stays flat at any size."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ayni.events.models import EventEmail, EventMessage, Registration

CHUNK = 1000


def queue_for_all(
    registrations: QuerySet[Registration],
    kind: str,
    *,
    key: str | Callable[[int], str],
    message: EventMessage | None = None,
) -> int:
    """Make `kind` due for each registration, once per key (a second call adds nothing).
    Returns how many rows were offered (the constraint drops those already queued)."""
    now = timezone.now()
    offered = 0
    batch: list[EventEmail] = []
    for registration_id in (
        registrations.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=CHUNK)
    ):
        batch.append(
            EventEmail(
                registration_id=registration_id,
                kind=kind,
                key=key(registration_id) if callable(key) else key,
                message=message,
                email_due=kind,
                email_due_at=now,
                created_at=now,
            )
        )
        if len(batch) >= CHUNK:
            offered += _insert(batch)
            batch = []
    if batch:
        offered += _insert(batch)
    return offered


def _insert(batch: list[EventEmail]) -> int:
    with transaction.atomic():
        EventEmail.objects.bulk_create(batch, ignore_conflicts=True)
    return len(batch)
