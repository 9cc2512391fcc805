"""Exactly once across a crash (RFC 1047): the outbox records an email sent after its final "."
went out and before the server's reply is read; a refusal, or no reply, puts the row back."""

from __future__ import annotations

import asyncio
import dataclasses
import smtplib
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from ayni.supporters import outbox
from tests.fixtures import Mailbox, free_port
from tests.pledges.models import Pledge
from tests.pledges.services import _due_email, make_pledge, send_pledge_email

FIELDS = ["email_due", "email_due_at", "email_queued_at", "email_claimed_at", "emailed_at"]


def due_pledge(email: str = "ana@example.org") -> Pledge:
    """A pledge due its confirmation, queued, and emailed once before (an earlier email)."""
    pledge = make_pledge(name="Ana", email=email, language="en", wants_updates=False)
    earlier = timezone.now() - timedelta(days=1)
    Pledge.objects.filter(pk=pledge.pk).update(
        email_queued_at=earlier + timedelta(hours=1), emailed_at=earlier
    )
    return pledge


def fields(pk: int) -> dict:
    return Pledge.objects.filter(pk=pk).values(*FIELDS).get()


@contextmanager
def serving(handler: object, settings) -> Iterator[None]:
    """Route Django's email through a real local SMTP server (aiosmtpd) with this handler."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "ayni.core.mail_backend.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield
    finally:
        controller.stop()


@dataclasses.dataclass
class Watching(Mailbox):
    """At the end of each DATA, before replying, waits (up to 5 s) for the pledge to show
    sent when read over another database connection, and notes what it saw."""

    pledge_id: int = 0
    seen: list[dict] = dataclasses.field(default_factory=list)

    def _read(self) -> dict:
        try:
            return fields(self.pledge_id)
        finally:
            connection.close()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        for _ in range(50):
            row = await asyncio.to_thread(self._read)
            if row["email_due"] == "":
                break
            await asyncio.sleep(0.1)
        self.seen.append(row)
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.django_db(transaction=True)
def test_the_record_is_committed_before_the_reply_is_read(settings):
    pledge = due_pledge()
    handler = Watching(pledge_id=pledge.pk)

    with serving(handler, settings):
        outbox.send_batch([pledge.pk], send_pledge_email)

    [seen] = handler.seen
    assert (seen["email_due"], seen["email_claimed_at"]) == ("", None)
    assert seen["emailed_at"] > timezone.now() - timedelta(minutes=1)  # this email's
    assert seen == fields(pledge.pk)
    assert [m["To"] for m in handler.messages] == ["ana@example.org"]


@dataclasses.dataclass
class Refusing(Mailbox):
    """Refuses the first `refuse` messages at the end of DATA (451), then accepts."""

    refuse: int = 1

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        return await super().handle_DATA(server, session, envelope)


def counting_sends(counted: list) -> outbox.SendOne:
    """The pledge's send, with an `on_sent` that notes when it ran."""

    def prepare(pledge_id: int) -> outbox.DueEmail | str:
        email = _due_email(pledge_id)
        assert isinstance(email, outbox.DueEmail)
        return dataclasses.replace(email, on_sent=counted.append)

    return lambda pk, conn, free: outbox.send_due(Pledge, pk, prepare, connection=conn, free=free)


@pytest.mark.django_db
def test_a_refusal_at_the_end_of_data_puts_the_row_back_and_the_retry_sends_it_once(settings):
    pledge, other = due_pledge(), due_pledge("bo@example.org")
    before = fields(pledge.pk)
    counted: list = []
    handler = Refusing(refuse=1)

    with serving(handler, settings):
        with pytest.raises(smtplib.SMTPDataError):
            outbox.send_batch([pledge.pk, other.pk], counting_sends(counted))
        assert fields(pledge.pk) == before  # due again exactly as it was
        assert [m["To"] for m in handler.messages] == ["bo@example.org"]
        assert len(counted) == 1  # the other's; none for the refused email

        assert outbox.send_batch([pledge.pk, other.pk], counting_sends(counted)) == {
            "sent": 1,
            "nothing": 1,
        }

    assert [m["To"] for m in handler.messages] == ["bo@example.org", "ana@example.org"]
    after = fields(pledge.pk)
    assert (after["email_due"], after["email_claimed_at"]) == ("", None)
    assert after["emailed_at"] == counted[1] > before["emailed_at"]


class HangsUpMidData(socketserver.StreamRequestHandler):
    """An SMTP server that takes the first line of the message, then hangs up: no "." read."""

    def handle(self) -> None:
        self.wfile.write(b"220 drops.example\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 Go ahead\r\n")
                self.rfile.readline()
                return
            self.wfile.write(b"221 Bye\r\n" if verb == b"QUIT" else b"250 OK\r\n")


@pytest.mark.django_db
def test_a_server_hanging_up_before_the_dot_leaves_the_row_due_and_the_retry_sends_it(
    mailbox, settings
):
    pledge = due_pledge()
    before = fields(pledge.pk)
    up_port = settings.EMAIL_PORT
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), HangsUpMidData)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.EMAIL_PORT = server.server_address[1]
    try:
        with pytest.raises((smtplib.SMTPException, OSError)):
            outbox.send_batch([pledge.pk], send_pledge_email)
    finally:
        server.shutdown()
        server.server_close()

    assert fields(pledge.pk) == before
    settings.EMAIL_PORT = up_port
    assert outbox.send_batch([pledge.pk], send_pledge_email) == {"sent": 1}
    assert outbox.send_batch([pledge.pk], send_pledge_email) == {"nothing": 1}
    assert [m["To"] for m in mailbox.messages] == ["ana@example.org"]
