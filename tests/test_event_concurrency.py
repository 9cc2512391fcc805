"""Many people at once for an event's places: no overbooking, the waiting list in order.

Real threads, each with its own database connection, call the events' services at the same
time, in this process. On PostgreSQL (DATABASE_URL) they share the test database; on SQLite,
whose test database lives in memory, they share a fresh file of their own with the settings'
write lock taken at BEGIN, as a running server's processes do (ayni/settings.py). Every wait
is bounded.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

import pytest
from django.core.management import call_command
from django.db import connections

from ayni.events.enums import EmailKind, RegistrationStatus
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services.registering import (
    cancel_registration,
    confirm_registration,
    register_for_event,
)
from ayni.events.tests.factories import EventFactory
from ayni.supporters.confirm_page import READY

pytestmark = pytest.mark.django_db(transaction=True)

T = TypeVar("T")
THREADS = 30
SECONDS = 120  # the most any one scenario may take


def in_thread(work: Callable[[], T]) -> T:
    """Run `work` in a thread of its own (its own connection, closed after); its answer."""
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:  # handed to the caller
            failure.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=SECONDS)
    assert not thread.is_alive(), "timed out"
    if failure:
        raise failure[0]
    return result[0]


def all_at_once(work: Callable[[T], object], items: list[T]) -> list[object]:
    """`work(item)` for every item, THREADS at a time, each call on a fresh connection."""

    def call(item: T) -> object:
        try:
            return work(item)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(call, items, timeout=SECONDS))


@contextmanager
def shared_database(tmp_path) -> Iterator[None]:
    """A database every thread sees: PostgreSQL's test database, or a fresh SQLite file
    (the in-memory test database stays open, untouched, in this thread)."""
    connection = connections["default"]
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    settings_dict = connection.settings_dict
    in_memory = settings_dict["NAME"]
    settings_dict["NAME"] = str(tmp_path / "threads.sqlite3")
    try:
        in_thread(lambda: call_command("migrate", verbosity=0))
        yield
    finally:
        settings_dict["NAME"] = in_memory


def statuses(event_id: int) -> Counter:
    return Counter(Registration.objects.filter(event_id=event_id).values_list("status", flat=True))


def test_300_confirm_at_once_for_100_places_and_cancellations_promote_in_order(tmp_path):
    with shared_database(tmp_path):
        event_id = in_thread(lambda: EventFactory(capacity=100).pk)
        emails = [f"person{n}@crowd.example.org" for n in range(300)]
        started = time.monotonic()

        def register(email: str) -> int:
            event = Event.objects.get(pk=event_id)
            return register_for_event(event=event, name="Person", email=email, language="en").pk

        ids = all_at_once(register, emails)
        assert len(set(ids)) == 300
        results = all_at_once(lambda pk: confirm_registration(Registration.objects.get(pk=pk)), ids)
        assert set(results) == {READY}

        def after_confirming() -> tuple[Counter, list[str], Counter]:
            codes = list(
                Registration.objects.filter(event_id=event_id)
                .exclude(check_in_code="")
                .values_list("check_in_code", flat=True)
            )
            kinds = Counter(EventEmail.objects.values_list("kind", flat=True))
            return statuses(event_id), codes, kinds

        counts, codes, kinds = in_thread(after_confirming)
        assert counts == {RegistrationStatus.CONFIRMED: 100, RegistrationStatus.WAITLISTED: 200}
        assert len(codes) == len(set(codes)) == 100
        assert kinds == {
            EmailKind.CONFIRM: 300,
            EmailKind.CONFIRMED: 100,
            EmailKind.WAITLISTED: 200,
        }

        def queue_and_holders() -> tuple[list[int], list[int]]:
            waiting = list(
                Registration.objects.filter(event_id=event_id, status=RegistrationStatus.WAITLISTED)
                .order_by("waitlisted_at", "pk")
                .values_list("pk", flat=True)
            )
            holders = list(
                Registration.objects.filter(event_id=event_id, status=RegistrationStatus.CONFIRMED)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            return waiting, holders

        waiting, holders = in_thread(queue_and_holders)
        # 60 holders cancel at once, each twice (a double click), with 20 waiting ones too.
        leaving = holders[:60] * 2 + waiting[-20:]
        all_at_once(lambda pk: cancel_registration(Registration.objects.get(pk=pk)), leaving)

        def after_cancelling() -> tuple[Counter, list[int], Counter, int]:
            promoted = list(
                EventEmail.objects.filter(kind=EmailKind.PROMOTED).values_list(
                    "registration_id", flat=True
                )
            )
            codes = Counter(
                Registration.objects.filter(event_id=event_id)
                .exclude(check_in_code="")
                .values_list("check_in_code", flat=True)
            )
            confirmed_now = Registration.objects.filter(
                event_id=event_id, status=RegistrationStatus.CONFIRMED
            ).count()
            return statuses(event_id), promoted, codes, confirmed_now

        counts, promoted, codes, confirmed_now = in_thread(after_cancelling)
        elapsed = time.monotonic() - started

    assert confirmed_now == 100  # never over the capacity
    assert counts == {
        RegistrationStatus.CONFIRMED: 100,
        RegistrationStatus.WAITLISTED: 120,
        RegistrationStatus.CANCELLED: 80,
    }
    # The first 60 of the queue got the places, each exactly once.
    assert sorted(promoted) == sorted(waiting[:60])
    assert len(promoted) == len(set(promoted)) == 60
    assert max(codes.values()) == 1
    assert elapsed < SECONDS, f"took {elapsed:.0f} s"


def test_50_forms_for_one_address_at_once_make_one_registration(tmp_path):
    with shared_database(tmp_path):
        event_id = in_thread(lambda: EventFactory().pk)
        spellings = ["Ana.Sample@gmail.com", "anasample@gmail.com", "ANA.SAMPLE+x@googlemail.com"]

        def register(n: int) -> int:
            event = Event.objects.get(pk=event_id)
            email = spellings[n % len(spellings)]
            return register_for_event(event=event, name="Ana", email=email, language="en").pk

        ids = all_at_once(register, list(range(50)))
        rows = in_thread(
            lambda: (
                list(Registration.objects.values_list("email_normalised", "status")),
                EventEmail.objects.filter(kind=EmailKind.CONFIRM).count(),
            )
        )

    assert len(set(ids)) == 1
    assert rows == ([("anasample@gmail.com", RegistrationStatus.PENDING)], 50)
