"""Many people at once for an event's places: no overbooking, the waiting list in order.

First real threads, each with its own database connection, call the events' services at the
same time, in this process. On PostgreSQL (DATABASE_URL) they share the test database; on
SQLite, whose test database lives in memory, they share a fresh file of their own with the
settings' write lock taken at BEGIN, as a running server's processes do (ayni/settings.py).
Then the same against a running server (gunicorn + worker + SMTP, tests/live.py), over HTTP to
127.0.0.1 only. Every wait is bounded.
"""

from __future__ import annotations

import re
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
from tests.fixtures import text_body
from tests.live import LiveStack
from tests.test_concurrency import Answer, Browser, inboxes, signer_address, stack

__all__ = ["stack"]  # the running stack, one for this module (tests/test_concurrency.py)

in_process = pytest.mark.django_db(transaction=True)

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


@in_process
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


@in_process
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


# --- Against a running server ------------------------------------------------------------------

CONFIRM_LINK = re.compile(r"http://\S+/events/r/confirm/\S+/")
CANCEL_LINK = re.compile(r"http://\S+/events/r/\S+/cancel/")


def create_event(stack: LiveStack, slug: str, capacity: int) -> None:
    stack.manage(
        "shell",
        "-c",
        (
            "from datetime import timedelta\n"
            "from django.utils import timezone\n"
            "from ayni.events.models import Event\n"
            "from ayni.events.services.backoffice import save_event\n"
            "start = timezone.now() + timedelta(days=7)\n"
            f"e = Event.objects.create(slug='{slug}', state='published', title_en='Load test',"
            " summary_en='An event for the load test.', starts_at=start,"
            f" ends_at=start + timedelta(hours=2), capacity={capacity},"
            " meeting_url='https://meet.example.org/load')\n"
            "save_event(event=e, before=None)\n"
        ),
    )


def status_counts(stack: LiveStack) -> dict[str, int]:
    return dict(stack.query("SELECT status, COUNT(*) FROM events_registration GROUP BY status"))


def emails_with(stack: LiveStack, sql: str) -> list[str]:
    return [email for (email,) in stack.query(sql)]


@pytest.mark.live
def test_300_register_and_confirm_over_http_for_100_places(stack):
    slug = "three-hundred"
    create_event(stack, slug, capacity=100)
    people = [(n, f"person{n}@crowd.example.org") for n in range(300)]
    started = time.monotonic()

    def register(person: tuple[int, str]) -> Answer:
        n, email = person
        browser = Browser(stack.url, signer_address(n))
        fields = {"name": f"Person {n}", "email": email, "country": "BO"}
        return browser.submit(f"/en/events/{slug}/", f"/en/events/{slug}/register/", fields)

    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(register, people, timeout=SECONDS))
    assert [a.status for a in answers] == [302] * 300
    mail = inboxes(stack, 300)
    assert {email: len(mail.get(email, [])) for _n, email in people} == {
        email: 1 for _n, email in people
    }

    def confirm(person: tuple[int, str]) -> Answer:
        n, email = person
        link = CONFIRM_LINK.search(text_body(mail[email][0])).group(0)
        return Browser(stack.url, signer_address(n)).submit(link, link, {})

    stack.mailbox.clear()
    with ThreadPoolExecutor(THREADS) as pool:
        confirmed = list(pool.map(confirm, people, timeout=SECONDS))
    assert [a.status for a in confirmed] == [302] * 300

    assert status_counts(stack) == {"confirmed": 100, "waitlisted": 200}
    codes = stack.query(
        "SELECT COUNT(DISTINCT check_in_code), COUNT(*) FROM events_registration"
        " WHERE status = 'confirmed'"
    )
    assert codes == [(100, 100)]

    # 30 of those with a place cancel through the link in their email, all at once.
    mail = inboxes(stack, 300)
    with_place = set(
        emails_with(stack, "SELECT email FROM events_registration WHERE status = 'confirmed'")
    )
    holders = [(n, email) for n, email in people if email in with_place][:30]
    queue = emails_with(
        stack,
        "SELECT email FROM events_registration WHERE status = 'waitlisted'"
        " ORDER BY waitlisted_at, id",
    )

    def cancel(person: tuple[int, str]) -> Answer:
        n, email = person
        link = CANCEL_LINK.search(text_body(mail[email][0])).group(0)
        return Browser(stack.url, signer_address(n)).submit(link, link, {})

    with ThreadPoolExecutor(THREADS) as pool:
        cancelled = list(pool.map(cancel, holders, timeout=SECONDS))
    assert {a.status for a in cancelled} <= {200, 302}
    elapsed = time.monotonic() - started

    promoted = emails_with(
        stack,
        "SELECT r.email FROM events_eventemail e JOIN events_registration r"
        " ON e.registration_id = r.id WHERE e.kind = 'promoted'",
    )
    assert sorted(promoted) == sorted(queue[:30])  # the first 30 waiting, each once
    assert len(promoted) == len(set(promoted))
    assert status_counts(stack) == {"confirmed": 100, "waitlisted": 170, "cancelled": 30}
    assert elapsed < SECONDS, f"took {elapsed:.0f} s"
