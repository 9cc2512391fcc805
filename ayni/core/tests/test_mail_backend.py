"""The SMTP backend's envelope addresses are what Django's backend makes of them; a message
recorded before the reply (record_before_reply) goes as any other."""

from __future__ import annotations

import pytest
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import sanitize_address

from ayni.core.mail_backend import envelope_addresses, record_before_reply
from tests.fixtures import text_body

ADDRESSES = [
    "ana@example.org",
    "confirmed.42@profile-reminders.example.org",
    "o'neil+events@sub.example.co.uk",
    "UPPER.Case@Example.ORG",
    "x@localhost",
    "a!#$%&'*+/=?^_`{|}~-@example.org",
    "Ana Sample <ana@example.org>",
    "José Ñandú <jose@example.org>",
    "josé@example.org",
    "ana@campaña.example",
    '"quoted local"@example.org',
    "ana@-bad-.example.org",
    "dots..twice@example.org",
    ("Ana", "ana@example.org"),
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_each_address_is_what_sanitize_address_makes_of_it(address):
    try:
        expected = sanitize_address(address, "utf-8")
    except ValueError:
        with pytest.raises(ValueError):
            envelope_addresses([address], "utf-8")
    else:
        assert envelope_addresses([address], "utf-8") == [expected]


def test_a_line_break_is_refused_as_django_refuses_it():
    with pytest.raises(ValueError):
        envelope_addresses(["ana@example.org\r\nRCPT TO:<x@example.org>"], "utf-8")


def test_a_message_recorded_before_the_reply_arrives_as_any_other(mailbox):
    body = "one\n.two\n..three\n.\nlast"  # lines a "." begins are doubled on the wire, then undone
    recorded: list[int] = []

    EmailMessage("Plain", body, to=["ana@example.org"]).send()
    with record_before_reply(lambda: recorded.append(len(mailbox.messages))) as end:
        EmailMessage("Recorded", body, to=["ana@example.org"]).send()

    plain, kept = (text_body(message) for message in mailbox.messages)
    assert plain == kept == body.replace("\n", "\r\n") + "\r\n"
    assert (recorded, end.recorded, end.reply, end.accepted) == ([1], True, 250, True)


def test_only_the_first_message_is_recorded(mailbox):
    recorded: list[str] = []
    with get_connection() as connection, record_before_reply(lambda: recorded.append("x")):
        for subject in ("first", "second"):
            EmailMessage(subject, "Hi", to=["ana@example.org"], connection=connection).send()

    assert recorded == ["x"]
    assert [m["Subject"] for m in mailbox.messages] == ["first", "second"]
