"""services/emails.py when things go wrong mid-send: each message is recorded sent as soon as the
mail server accepts it, and a message sent again carries the Message-ID of the first copy."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.db import connections
from django.utils import timezone

from ayni.core.mail import message_id
from ayni.statements import services
from ayni.statements.enums import EmailDue, SignatureStatus
from ayni.statements.models import Signature, Submission
from tests.factories import SignatureFactory, StatementFactory
from tests.fixtures import Mailbox, free_port


def pending(statement, *, ip_hash: str) -> Submission:
    """A signing whose confirmation email is due: its submission is the email's outbox."""
    signed_at = timezone.now() - timedelta(seconds=1)
    signature = SignatureFactory(
        statement=statement,
        status=SignatureStatus.PENDING,
        confirmed_at=None,
        ip_hash=ip_hash,
        created_at=signed_at,
        tally_dirty=False,
    )
    submission = signature.submissions.get()
    Submission.objects.filter(pk=submission.pk).update(
        email_due=EmailDue.CONFIRM, email_due_at=signed_at
    )
    submission.refresh_from_db()
    return submission


@pytest.fixture
def smtp(settings):
    """Start a real SMTP server with the given handler and route Django's email to it."""
    controllers: list[Controller] = []

    def start(handler: Mailbox) -> Mailbox:
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        controllers.append(controller)
        settings.EMAIL_BACKEND = "ayni.core.mail_backend.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        return handler

    yield start
    for controller in controllers:
        controller.stop()


@dataclass
class LostReplyMailbox(Mailbox):
    """Stores the first message, then fails to say so (as when the sender dies waiting)."""

    replies_lost: int = 1

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        await super().handle_DATA(server, session, envelope)
        if self.replies_lost:
            self.replies_lost -= 1
            return "451 Local error in processing"
        return "250 Message accepted for delivery"


@pytest.mark.django_db
def test_an_email_sent_again_after_its_first_copy_was_stored_has_the_same_message_id(smtp):
    mailbox = smtp(LostReplyMailbox())
    submission = pending(StatementFactory(), ip_hash="a")

    with pytest.raises(Exception, match="451"):
        services.send_signature_email(submission_id=submission.id)
    assert Signature.objects.get().emails_sent == 0  # not known to be sent
    assert services.send_signature_email(submission_id=submission.id) == "sent confirm"

    first, again = mailbox.messages
    expected = message_id(f"signature-submission-{submission.id}")
    assert first["Message-ID"] == again["Message-ID"] == expected
    assert submission.email not in first["Message-ID"]
    submission.refresh_from_db()
    assert (submission.signature.emails_sent, submission.email_due) == (1, "")

    # Signing a second time is a new submission: its confirmation is a new message, a new id.
    again_submitted = services.sign_statement(
        statement=submission.statement,
        name="Sam Sampler",
        email=submission.email,
        country="GB",
        language="en",
        ip_hash="a",
    )
    services.process_submissions()
    assert services.send_signature_email(submission_id=again_submitted.id) == "sent confirm"
    assert mailbox.messages[2]["Message-ID"] == message_id(
        f"signature-submission-{again_submitted.id}"
    )


@dataclass
class WatchingMailbox(Mailbox):
    """Refuses one address; as each message arrives, notes what the database says was sent."""

    refuse: str = ""
    recorded_sent: dict[str, set[int]] = field(default_factory=dict)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address == self.refuse:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        seen = await asyncio.to_thread(self.sent_so_far)
        self.recorded_sent[envelope.rcpt_tos[0]] = seen
        return await super().handle_DATA(server, session, envelope)

    @staticmethod
    def sent_so_far() -> set[int]:
        try:  # the test's rows, read over a connection of this thread's own
            return set(
                Submission.objects.filter(emailed_at__isnull=False).values_list("id", flat=True)
            )
        finally:
            connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_each_email_of_a_batch_is_recorded_sent_before_the_next_one_goes(smtp):
    statement = StatementFactory()
    first, refused, third, fourth = (pending(statement, ip_hash=f"ip{n}") for n in range(4))
    mailbox = smtp(WatchingMailbox(refuse=refused.email))

    with pytest.raises(Exception, match="550"):
        services.send_signature_emails(submission_ids=[first.id, refused.id, third.id, fourth.id])

    # When each message reached the server, every message before it was already on record
    # (its own may be too: it is recorded once its final "." is out, before the reply is read).
    own = {first.email: first.id, third.email: third.id, fourth.email: fourth.id}
    assert {to: seen - {own[to]} for to, seen in mailbox.recorded_sent.items()} == {
        first.email: set(),
        third.email: {first.id},
        fourth.email: {first.id, third.id},
    }
    rows = dict(Submission.objects.values_list("id", "signature__emails_sent"))
    assert rows == {first.id: 1, refused.id: 0, third.id: 1, fourth.id: 1}
    assert Submission.objects.get(pk=refused.pk).email_due == EmailDue.CONFIRM  # for the retry
