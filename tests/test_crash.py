"""kill -9 in the middle of things: no email lost or sent twice (killed mid-conversation, or\nwaiting for the reply to an email recorded sent), no acknowledged signature lost.

Runs the real stack (gunicorn + worker + SMTP) on SQLite, or PostgreSQL when DATABASE_URL
names it. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from tests.fixtures import Mailbox
from tests.live import LiveStack
from tests.test_concurrency import LIVE_ENV, Answer, create_statement, sign

pytestmark = pytest.mark.live

# The worker is taken for dead this long after its last heartbeat (the minimum allowed).
STALE_SECONDS = 10


@dataclass
class GatedMailbox(Mailbox):
    """A real SMTP server that, once, stops answering in the middle of a conversation.

    After `hold_after` messages have arrived, the next RCPT command gets no reply until the
    test releases it: the worker is then certainly in the middle of sending an email, with
    the signature claimed and the task running, when it is killed.
    """

    hold_after: int = 3
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if not self.release.is_set() and len(self.messages) >= self.hold_after:
            self.holding.set()
            for _ in range(1200):  # at most a minute
                if self.release.is_set():
                    break
                await asyncio.sleep(0.05)
            return "451 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@dataclass
class HeldReplyMailbox(Mailbox):
    """A real SMTP server that takes the `hold_at`-th message whole, then holds its reply
    until the test releases it: the worker is waiting for the reply to an email it sent."""

    hold_at: int = 4
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        reply = await super().handle_DATA(server, session, envelope)
        if len(self.messages) == self.hold_at and not self.release.is_set():
            self.holding.set()
            for _ in range(1200):  # at most a minute
                if self.release.is_set():
                    break
                await asyncio.sleep(0.05)
        return reply


def stack_with(tmp_path, mailbox: GatedMailbox | HeldReplyMailbox):
    stack = LiveStack(tmp=tmp_path, mailbox=mailbox)
    try:
        stack.prepare(extra_env={**LIVE_ENV, "WORKER_STALE_SECONDS": str(STALE_SECONDS)})
        stack.start_server()
        yield stack
    finally:
        mailbox.release.set()
        stack.stop()


@pytest.fixture
def gated_stack(tmp_path):
    yield from stack_with(tmp_path, GatedMailbox())


@pytest.fixture
def held_reply_stack(tmp_path):
    yield from stack_with(tmp_path, HeldReplyMailbox())


def sign_many(stack: LiveStack, slug: str, count: int) -> list[str]:
    emails = [f"crash{n}@crash.example.org" for n in range(count)]
    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda n: sign(stack, slug, n, emails[n]), range(count)))
    assert [a.status for a in answers] == [302] * count
    return emails


def task_statuses(stack: LiveStack) -> Counter:
    rows = stack.query(
        "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
    )
    return Counter(dict(rows))


def test_worker_killed_mid_email_sends_every_email_exactly_once(gated_stack):
    stack = gated_stack
    slug = "crash-worker"
    create_statement(stack, slug)
    emails = sign_many(stack, slug, 30)  # the worker is not running: all 30 wait in the inbox
    assert task_statuses(stack) == Counter()
    [(waiting,)] = stack.query(
        "SELECT COUNT(*) FROM statements_submission WHERE processed_at IS NULL"
    )
    assert waiting == 30
    assert stack.mailbox.messages == []

    stack.start_worker()
    assert stack.mailbox.holding.wait(timeout=60), "the worker never reached the fourth email"
    # The worker is now mid-conversation with the SMTP server about the fourth email.
    assert len(stack.mailbox.messages) == 3
    assert task_statuses(stack)["RUNNING"] == 1  # the batch of 30, queued by the dispatcher
    [(claimed,)] = stack.query(
        "SELECT COUNT(*) FROM statements_submission WHERE email_claimed_at IS NOT NULL"
    )
    assert claimed == 1
    stack.kill_worker(signal.SIGKILL)
    stack.mailbox.release.set()
    started = time.monotonic()

    stack.start_worker()

    def all_sent() -> bool:
        rows = stack.query(
            "SELECT sig.emails_sent, sub.email_due, sub.email_claimed_at"
            " FROM statements_submission sub JOIN statements_signature sig"
            " ON sig.id = sub.signature_id"
        )
        return len(rows) == 30 and all(row == (1, "", None) for row in rows)

    stack.wait_for(all_sent, timeout=STALE_SECONDS + 40, message="every email sent")
    stack.wait_for(
        lambda: set(task_statuses(stack)) <= {"SUCCESSFUL", "FAILED"},
        timeout=15,
        message="the queue to drain",
    )
    time.sleep(1)  # room for a duplicate to show up, if there were one
    recovery = time.monotonic() - started

    per_address = Counter(str(m["To"]) for m in stack.mailbox.messages)
    assert per_address == Counter(dict.fromkeys(emails, 1))
    assert task_statuses(stack)["READY"] == 0
    assert recovery < STALE_SECONDS + 30, f"recovery took {recovery:.0f} s"


def emailed(stack: LiveStack) -> int:
    [(count,)] = stack.query(
        "SELECT COUNT(*) FROM statements_submission WHERE emailed_at IS NOT NULL"
    )
    return count


def test_worker_killed_waiting_for_the_reply_to_a_recorded_email_never_sends_it_again(
    held_reply_stack,
):
    stack = held_reply_stack
    create_statement(stack, "crash-reply")
    emails = sign_many(stack, "crash-reply", 10)

    stack.start_worker()
    assert stack.mailbox.holding.wait(timeout=60), "the worker never sent the fourth email"
    # The server has the fourth email whole and has not answered: it is recorded already.
    stack.wait_for(lambda: emailed(stack) == 4, timeout=10, message="the fourth recorded")
    stack.kill_worker(signal.SIGKILL)
    stack.mailbox.release.set()

    stack.start_worker()
    stack.wait_for(lambda: emailed(stack) == 10, timeout=STALE_SECONDS + 40, message="all sent")
    stack.wait_for(
        lambda: set(task_statuses(stack)) <= {"SUCCESSFUL", "FAILED"},
        timeout=STALE_SECONDS + 20,
        message="the killed worker's task to run again",
    )
    time.sleep(1)  # room for a duplicate to show up, if there were one

    per_address = Counter(str(m["To"]) for m in stack.mailbox.messages)
    assert per_address == Counter(dict.fromkeys(emails, 1))
    [(due,)] = stack.query("SELECT COUNT(*) FROM statements_submission WHERE email_due != ''")
    assert due == 0


@pytest.fixture
def stack(tmp_path):
    live = LiveStack(tmp=tmp_path)
    try:
        live.prepare(extra_env=LIVE_ENV)
        live.start_server()
        live.start_worker()
        yield live
    finally:
        live.stop()


def test_gunicorn_killed_during_a_burst_loses_no_acknowledged_signature(stack):
    slug = "crash-server"
    create_statement(stack, slug)
    acknowledged: list[str] = []
    lock = threading.Lock()

    def attempt(n: int) -> Answer | None:
        email = f"burst{n}@crash.example.org"
        try:
            answer = sign(stack, slug, n, email)
        except (OSError, http.client.HTTPException, AssertionError, AttributeError):
            return None  # the server died under this request: no acknowledgement
        if answer.status in (200, 302):
            with lock:
                acknowledged.append(email)
        return answer

    with ThreadPoolExecutor(16) as pool:
        futures = [pool.submit(attempt, n) for n in range(300)]
        deadline = time.monotonic() + 60
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.killpg(stack.server.pid, signal.SIGKILL)
        stack.server.wait(timeout=20)
        results = [future.result(timeout=60) for future in futures]

    assert 40 <= len(acknowledged) < 300, "the kill must land in the middle of the burst"
    assert any(result is None for result in results)
    stack.start_server()

    stored = {
        row[0]
        for row in stack.query(
            "SELECT email FROM statements_submission WHERE statement_id ="
            " (SELECT id FROM statements_statement WHERE slug = %s)",
            (slug,),
        )
    }
    assert set(acknowledged) <= stored
    # Whatever reached the inbox (acknowledged or cut off just after its commit) gets its one email.
    stack.wait_for(lambda: len(stack.mailbox.messages) >= len(stored), timeout=60, message="emails")
    time.sleep(1)
    per_address = Counter(str(m["To"]) for m in stack.mailbox.messages)
    assert per_address == Counter(dict.fromkeys(stored, 1))
    # And the restarted server takes signatures again.
    assert sign(stack, slug, 999, "after@crash.example.org").status == 302
