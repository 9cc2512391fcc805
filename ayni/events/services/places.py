"""Places at an event: taken on confirmation, in order, never past the capacity.

Every change of who holds a place runs with the event's row locked (`locked_event`): on
PostgreSQL a row lock, on SQLite the database's write lock taken at BEGIN (IMMEDIATE), so two
confirmations at once never both take the last place.
"""

from __future__ import annotations

from django.utils import timezone

from ayni.core.prepared_insert import insert_row
from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services.codes import new_check_in_code


def locked_event(event_id: int) -> Event:
    """The event, locked until the surrounding transaction ends."""
    return Event.objects.select_for_update().get(pk=event_id)


def places_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


def has_free_place(event: Event) -> bool:
    return event.capacity is None or places_taken(event) < event.capacity


def waiting_list(event: Event):  # type: ignore[no-untyped-def]
    """The waiting list, first come first."""
    return Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )


def give_place(registration: Registration, *, email: EmailKind | None) -> None:
    """Side effects: the registration holds a place (with a check-in code), and is due
    `email` (None: no email). The caller holds the event's lock."""
    now = timezone.now()
    registration.status = RegistrationStatus.CONFIRMED
    registration.placed_at = now
    if not registration.check_in_code:
        registration.check_in_code = new_check_in_code(registration.event_id)
    registration.save(update_fields=["status", "placed_at", "check_in_code"])
    if email is not None:
        queue_email(registration, email)


def due_email(registration_id: int, kind: str, *, key: str = "", **fields: object) -> EventEmail:
    """A new email row of `kind`, due now (not saved)."""
    now = timezone.now()
    return EventEmail(
        registration_id=registration_id,
        kind=kind,
        key=key,
        email_due=kind,
        email_due_at=now,
        created_at=now,
        **fields,
    )


def queue_email(registration: Registration, kind: str, *, key: str = "", ip_hash: str = "") -> None:
    """Make one email due for the registration now (sent by the worker, once per key)."""
    email = due_email(registration.pk, kind, key=key, ip_hash=ip_hash)
    if key:
        # Once per key: a second call's row is dropped by the constraint.
        EventEmail.objects.bulk_create([email], ignore_conflicts=True)
    else:
        insert_row(email)


def fill_places(event: Event) -> list[Registration]:
    """Promote from the waiting list, first come first, while places are free, if the event
    is still to happen (published and not over: a place at a cancelled, postponed or past
    event is no news to send). Side effects: each promoted registration holds a place and is
    due the "a place for you" email. The caller holds the event's lock. Returns those
    promoted."""
    promoted: list[Registration] = []
    if event.state != EventState.PUBLISHED or timezone.now() >= event.ends_at:
        return promoted
    if event.capacity is None:
        free = waiting_list(event).count()
    else:
        free = event.capacity - places_taken(event)
    for registration in list(waiting_list(event)[: max(free, 0)]):
        give_place(registration, email=EmailKind.PROMOTED)
        promoted.append(registration)
    return promoted
