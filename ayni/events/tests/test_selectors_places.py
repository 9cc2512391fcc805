"""An event's places, counted from the rows that hold or wait for one: however many unconfirmed
forms and cancellations the event also has, the count reads only its own index range."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from ayni.events import selectors
from ayni.events.enums import RegistrationStatus
from ayni.events.models import Registration
from ayni.events.tests.page_builders import make_event

pytestmark = pytest.mark.django_db


def add(event, status: str, count: int) -> None:
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name="Ana Mamani",
            email=f"{status}.{n}@example.org",
            email_normalised=f"{status}.{n}@example.org",
            language="en",
            status=status,
            waitlisted_at=now if status == RegistrationStatus.WAITLISTED else None,
        )
        for n in range(count)
    )


def test_places_count_those_placed_and_waiting_and_nobody_else():
    event, other = make_event(capacity=5), make_event()
    add(event, RegistrationStatus.CONFIRMED, 5)
    add(event, RegistrationStatus.WAITLISTED, 3)
    add(event, RegistrationStatus.PENDING, 40)
    add(event, RegistrationStatus.CANCELLED, 7)
    add(other, RegistrationStatus.CONFIRMED, 2)

    places = selectors.places(event)

    assert (places.taken, places.waiting, places.left, places.full) == (5, 3, 0, True)
    # The plain count over every row of the event says the same.
    rows = Registration.objects.filter(event=event)
    assert places.taken == rows.filter(status=RegistrationStatus.CONFIRMED).count()
    assert places.waiting == rows.filter(status=RegistrationStatus.WAITLISTED).count()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan wording")
def test_the_count_seeks_the_statuses_it_counts_in_the_index():
    event = make_event()

    plan = selectors.holding_or_waiting(event).explain()

    # Not "(event_id=?)" alone: that walks every unconfirmed form of a popular event.
    assert "registration_queue_idx (event_id=? AND status=?)" in plan
