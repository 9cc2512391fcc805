"""Faults under `make run`: bin/serve (gunicorn + a supervised worker) against a real SMTP server.

The worker is killed with SIGKILL while people sign and while it sends; the site must answer
throughout, the worker must come back by itself, and every acknowledged signature must get
its email; killed while the mail server holds its reply to a message, that message is not
sent again (it was recorded after its final "."), and any repeat a kill at another moment
could make carries the same Message-ID, so mail systems can drop the copy. Runs on SQLite, or PostgreSQL when DATABASE_URL names it. Everything is on
127.0.0.1 and every wait is bounded.

The assertions are black-box on purpose: rows are counted eventually, and emails are counted
at the SMTP server.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.fixtures import Mailbox
from tests.live import ROOT, LiveStack
from tests.test_concurrency import LIVE_ENV, Answer, create_statement, sign

pytestmark = pytest.mark.live

# The killed worker is taken for dead this long after its last heartbeat (the minimum allowed),
# and only then is the task it held put back on the queue.
STALE_SECONDS = 10
FAULT_ENV = {
    **LIVE_ENV,
    "WORKER_STALE_SECONDS": str(STALE_SECONDS),
    "EMAIL_MAX_PER_SECOND": "0",  # no sending limit: the tests wait for the emails
    "GUNICORN_WORKERS": "2",
    "GUNICORN_THREADS": "8",
}


# --- processes -------------------------------------------------------------------------------
def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], int(fields[1])


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def descendants(pid: int) -> dict[int, str]:
    """Every live process below `pid`, with its command line."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) and stat[0] != "Z":
            parents.setdefault(stat[1], []).append(int(entry.name))
    found: dict[int, str] = {}
    todo = list(parents.get(pid, []))
    while todo:
        child = todo.pop()
        try:
            found[child] = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        todo.extend(parents.get(child, []))
    return found


@dataclass
class ServedStack(LiveStack):
    """A LiveStack run by bin/serve, as `make run` runs it."""

    serve: subprocess.Popen | None = None
    seen: set[int] = field(default_factory=set)  # every process bin/serve ever started

    def start_serve(self) -> None:
        self.serve = subprocess.Popen(
            [str(ROOT / "bin" / "serve")],
            cwd=ROOT,
            env=self.env,
            stdout=self._log("serve"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_for(self.healthy, timeout=30, message="bin/serve to answer")
        self.worker_pid()

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                return response.status == 200
        except OSError:
            return False

    def children(self) -> dict[int, str]:
        assert self.serve is not None
        found = descendants(self.serve.pid)
        self.seen |= set(found)
        return found

    def worker_pid(self, *, other_than: int = 0) -> int:
        """The pid of the running worker (waiting for one other than `other_than`)."""

        def find() -> int:
            return next(
                (
                    pid
                    for pid, command in self.children().items()
                    if "run_worker" in command and pid != other_than
                ),
                0,
            )

        return self.wait_for(find, timeout=20, interval=0.05, message="a worker process")

    def gunicorn_pid(self) -> int:
        assert self.serve is not None
        return next(
            pid
            for pid, command in self.children().items()
            if "gunicorn" in command and _stat(pid)[1] == self.serve.pid
        )

    def log(self) -> str:
        return (self.tmp / "serve.log").read_text(errors="replace")

    def stop(self) -> None:
        if self.serve and self.serve.poll() is None:
            self.children()
            self.serve.send_signal(signal.SIGTERM)
            try:
                self.serve.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.serve.kill()
        for pid in self.seen:  # whatever a broken bin/serve left behind
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        super().stop()


def served(tmp_path: Path, mailbox: Mailbox | None = None):
    stack = ServedStack(tmp=tmp_path, mailbox=mailbox or Mailbox())
    try:
        stack.prepare(extra_env=FAULT_ENV)
        stack.start_serve()
        yield stack
    finally:
        if isinstance(stack.mailbox, SlowMailbox):
            stack.mailbox.release.set()  # let the worker go, if a test stopped holding it
        stack.stop()


@pytest.fixture
def stack(tmp_path):
    yield from served(tmp_path)


# --- the supervisor --------------------------------------------------------------------------
def test_serve_stops_web_server_and_worker_on_ctrl_c_leaving_no_process(stack):
    processes = stack.children()
    assert sum("run_worker" in command for command in processes.values()) == 1
    assert sum("gunicorn" in command for command in processes.values()) == 3  # master + 2

    stack.serve.send_signal(signal.SIGINT)

    assert stack.serve.wait(timeout=30) == 0
    assert [pid for pid in processes if alive(pid)] == []


def test_serve_exits_with_an_error_and_stops_the_worker_when_the_web_server_dies(stack):
    worker = stack.worker_pid()

    os.kill(stack.gunicorn_pid(), signal.SIGKILL)

    assert stack.serve.wait(timeout=30) != 0
    stack.wait_for(lambda: not alive(worker), timeout=5, message="the worker to stop")
    assert "the web server stopped" in stack.log()


def test_serve_restarts_a_killed_worker_and_keeps_the_web_server(stack):
    worker, server = stack.worker_pid(), stack.gunicorn_pid()

    os.kill(worker, signal.SIGKILL)

    restarted = stack.worker_pid(other_than=worker)
    assert stack.serve.poll() is None
    assert alive(server) and stack.gunicorn_pid() == server
    assert stack.healthy()
    stack.wait_for(lambda: "restarting it in 1 s" in stack.log(), timeout=5, message="the log")
    # The new worker is a real one: it beats.
    stack.wait_for(
        lambda: stack.query("SELECT pid FROM core_workerheartbeat WHERE pid = %s", (restarted,)),
        timeout=20,
        message="a heartbeat",
    )


# --- kill -9 while people sign -----------------------------------------------------------------
def per_address(mailbox: Mailbox) -> dict[str, list[str]]:
    """Each recipient's Message-IDs, in the order received."""
    with mailbox.lock:
        found: dict[str, list[str]] = {}
        for message in mailbox.messages:
            found.setdefault(str(message["To"]), []).append(str(message["Message-ID"]))
    return found


def assert_at_most_one_repeat_with_the_same_message_id(emails: list[str], mailbox: Mailbox):
    received = per_address(mailbox)
    assert set(received) == set(emails)
    repeated = {address: ids for address, ids in received.items() if len(ids) > 1}
    assert len(repeated) <= 1, repeated
    for ids in repeated.values():
        assert len(ids) == 2 and ids[0] == ids[1], ids
    all_ids = [ids[0] for ids in received.values()]
    assert len(set(all_ids)) == len(emails)  # one Message-ID per email, never shared
    return repeated


def test_worker_killed_while_200_people_sign_every_signature_is_stored_and_emailed(stack):
    slug = "fault-sign"
    create_statement(stack, slug)
    emails = [f"signer{n}@faults.example.org" for n in range(200)]
    answers: list[Answer | str] = [""] * 200
    done = threading.Semaphore(0)

    def attempt(n: int) -> None:
        try:
            answers[n] = sign(stack, slug, n, emails[n])
        except Exception as error:  # a refused connection, a timeout: the site did not answer
            answers[n] = repr(error)
        done.release()

    with ThreadPoolExecutor(16) as pool:
        for n in range(200):
            pool.submit(attempt, n)
        for _ in range(60):  # the kill lands in the middle of the crowd
            assert done.acquire(timeout=30)
        killed = stack.worker_pid()
        os.kill(killed, signal.SIGKILL)
        restarted = stack.worker_pid(other_than=killed)

    assert [a.status if isinstance(a, Answer) else a for a in answers] == [302] * 200
    assert {a.location for a in answers if isinstance(a, Answer)} == {
        f"/en/s/{slug}/check-your-inbox/#main"
    }
    assert stack.serve.poll() is None and stack.healthy()
    assert restarted != killed
    stack.wait_for(
        lambda: stack.query("SELECT COUNT(*) FROM statements_signature") == [(200,)],
        timeout=30,
        message="200 signatures stored",
    )
    stack.wait_for(
        lambda: len(per_address(stack.mailbox)) == 200,
        timeout=STALE_SECONDS + 40,
        message="an email to each of the 200",
    )
    time.sleep(1)  # room for a repeat to show up, if there were one
    # The kill may have caught the worker between the server's acceptance of a message and
    # its record of it: that one message, and only that one, may go twice.
    assert_at_most_one_repeat_with_the_same_message_id(emails, stack.mailbox)


# --- kill -9 while it sends ----------------------------------------------------------------------
@dataclass
class SlowMailbox(Mailbox):
    """A slow SMTP server (`delay` per message) that holds its answer to one message.

    The `hold_at`-th message is stored, as a real server may store it, but the reply that
    accepts it waits until the test releases it: the worker is then certainly waiting on the
    mail server's reply to that message when it is killed.
    """

    delay: float = 0.05
    hold_at: int = 12
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        reply = await super().handle_DATA(server, session, envelope)
        if len(self.messages) == self.hold_at and not self.holding.is_set():
            self.holding.set()
            for _ in range(600):  # at most half a minute
                if self.release.is_set():
                    break
                await asyncio.sleep(0.05)
        else:
            await asyncio.sleep(self.delay)
        return reply


@pytest.fixture
def slow_stack(tmp_path):
    yield from served(tmp_path, SlowMailbox())


def test_worker_killed_while_the_server_holds_its_reply_sends_nothing_twice(slow_stack):
    stack = slow_stack
    slug = "fault-send"
    create_statement(stack, slug)
    emails = [f"reader{n}@faults.example.org" for n in range(40)]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda n: sign(stack, slug, n, emails[n]), range(40)))
    assert [a.status for a in answers] == [302] * 40

    assert stack.mailbox.holding.wait(timeout=30), "the worker never reached the held message"
    killed = stack.worker_pid()
    os.kill(killed, signal.SIGKILL)
    stack.mailbox.release.set()
    stack.worker_pid(other_than=killed)

    stack.wait_for(
        lambda: len(per_address(stack.mailbox)) == 40,
        timeout=STALE_SECONDS + 40,
        message="an email to each of the 40",
    )
    stack.wait_for(
        lambda: (
            stack.query(
                "SELECT COUNT(*) FROM statements_submission"
                " WHERE email_due <> '' OR processed_at IS NULL"
            )
            == [(0,)]
        ),
        timeout=10,
        message="nothing left to send",
    )
    time.sleep(1)

    repeated = assert_at_most_one_repeat_with_the_same_message_id(emails, stack.mailbox)
    # The message in flight was recorded sent once its final "." was written, before the
    # server's reply (RFC 1047, outbox.send_due): the worker killed while waiting for that
    # reply, no email went twice.
    assert repeated == {}
    assert len(stack.mailbox.messages) == 40
