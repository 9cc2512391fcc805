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


def test_the_lists_places_taken_are_the_plain_count_of_each_events_confirmed():
    full, quiet, empty = make_event(capacity=5), make_event(), make_event()
    add(full, RegistrationStatus.CONFIRMED, 5)
    add(full, RegistrationStatus.WAITLISTED, 3)
    add(full, RegistrationStatus.PENDING, 40)
    add(quiet, RegistrationStatus.CONFIRMED, 2)
    add(quiet, RegistrationStatus.CANCELLED, 7)

    listed = selectors.with_places_taken(selectors.upcoming_events())

    plain = {
        event.pk: event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        for event in (full, quiet, empty)
    }
    assert (
        {event.pk: event.places_taken for event in listed}
        == plain
        == {
            full.pk: 5,
            quiet.pk: 2,
            empty.pk: 0,
        }
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan wording")
def test_the_lists_count_seeks_the_confirmed_range_in_the_index():
    make_event()

    plan = selectors.with_places_taken(selectors.upcoming_events()).explain()

    # A subquery per event on its confirmed range, not a join with all of its registrations.
    assert "registration_queue_idx (event_id=? AND status=?)" in plan
    assert "LEFT-JOIN" not in plan
