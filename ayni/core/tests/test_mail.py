"""Multipart email: a Message-ID that stays the same when a message is sent again."""

from __future__ import annotations

import copy
import re

import pytest

from ayni.core.mail import message_id, send_mail_message

# RFC 5322 msg-id with dot-atom parts on both sides (what `message_id` promises).
ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
MSG_ID = re.compile(rf"<{ATOM}(\.{ATOM})*@{ATOM}(\.{ATOM})*>")

# Sending reads the campaign (the sender's name).
pytestmark = pytest.mark.django_db


@pytest.fixture
def hello_template(settings, tmp_path):
    """A tiny email template of this test's own (core knows no app's templates)."""
    (tmp_path / "hello").mkdir()
    (tmp_path / "hello" / "note_subject.txt").write_text("Hello {{ name }}")
    (tmp_path / "hello" / "note.txt").write_text("Hello {{ name }}, plain.")
    (tmp_path / "hello" / "note.html").write_text("<p>Hello {{ name }}, rich.</p>")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    return "hello/note"


def test_message_id_is_the_same_for_the_same_key_and_differs_between_keys():
    assert message_id("signature-12-1") == message_id("signature-12-1")
    assert message_id("signature-12-1") != message_id("signature-12-2")
    assert message_id("signature-12-1") != message_id("signature-13-1")


def test_message_id_is_a_valid_msg_id_in_the_sender_domain(settings):
    settings.DEFAULT_FROM_EMAIL = "Friends of Bolivia <campaigns@example.org>"

    value = message_id("signature-12-1")

    assert MSG_ID.fullmatch(value), value
    assert value.startswith("<signature-12-1.")
    assert value.endswith("@example.org>")


def test_message_id_domain_falls_back_to_the_site_host(settings):
    settings.DEFAULT_FROM_EMAIL = "campaigns"
    settings.SITE_URL = "https://campaign.example.net:8443"

    assert message_id("k").endswith("@campaign.example.net>")


def test_message_id_of_an_international_sender_domain_is_ascii(settings):
    settings.DEFAULT_FROM_EMAIL = "Campaña <hola@campaña.example>"

    value = message_id("k")

    assert value.endswith("@xn--campaa-0wa.example>")
    assert MSG_ID.fullmatch(value), value


def test_message_id_is_keyed_with_the_secret_key(settings):
    first = message_id("signature-1-1")
    settings.SECRET_KEY = "another-secret-key-for-another-site-0123456789abcdef"  # noqa: S105

    assert message_id("signature-1-1") != first


@pytest.mark.parametrize(
    "key", ["", "ana@example.org", "two words", ".start", "end.", "a..b", "<x>", "ñ"]
)
def test_message_id_key_that_would_break_the_header_is_refused(key):
    with pytest.raises(ValueError, match="Message-ID key"):
        message_id(key)


def test_sending_with_a_key_twice_gives_both_copies_one_message_id(mailbox, hello_template):
    for _ in range(2):
        send_mail_message(
            to="ana@example.org",
            template=hello_template,
            context={"name": "Ana"},
            language="en",
            message_id_key="note-7-1",
        )

    ids = [m["Message-ID"] for m in mailbox.messages]
    assert ids == [message_id("note-7-1")] * 2
    assert "ana" not in ids[0]
    assert [m["Subject"] for m in mailbox.messages] == ["Hello Ana"] * 2


def test_sending_without_a_key_gives_each_message_its_own_id(mailbox, hello_template):
    for _ in range(2):
        send_mail_message(
            to="ana@example.org", template=hello_template, context={"name": "Ana"}, language="en"
        )

    first, second = (m["Message-ID"] for m in mailbox.messages)
    assert first != second
    assert MSG_ID.fullmatch(first)


def test_attachments_travel_as_parts_of_the_same_message(mailbox, hello_template):
    calendar = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    send_mail_message(
        to="ana@example.org",
        template=hello_template,
        context={"name": "Ana"},
        language="en",
        attachments=[("event.ics", calendar, "text/calendar")],
    )

    (message,) = mailbox.messages
    assert message.get_content_type() == "multipart/mixed"
    parts = [part for part in message.walk() if part.get_filename()]
    assert [(p.get_filename(), p.get_content_type()) for p in parts] == [
        ("event.ics", "text/calendar")
    ]
    assert parts[0].get_payload(decode=True) == calendar
    # The text and HTML bodies are still there, as alternatives.
    assert {p.get_content_type() for p in message.walk()} >= {"text/plain", "text/html"}


def test_each_multipart_part_has_its_own_fresh_boundary_and_the_parts_read_back(
    mailbox, hello_template
):
    for _ in range(2):
        send_mail_message(
            to="ana@example.org",
            template=hello_template,
            context={"name": "Ana"},
            language="en",
            attachments=[("event.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
        )

    boundaries = [
        part.get_boundary()
        for message in mailbox.messages
        for part in message.walk()
        if part.is_multipart()
    ]
    # mixed (text+HTML, the file) around alternative (text, HTML), in each of the two.
    assert len(boundaries) == 4
    assert len(set(boundaries)) == 4
    assert all(re.fullmatch(r"=_[0-9a-f]{32}", b) for b in boundaries)
    first = mailbox.messages[0]
    texts = {
        p.get_content_type(): p.get_payload(decode=True).decode()
        for p in first.walk()
        if not p.is_multipart()
    }
    assert texts["text/plain"] == "Hello Ana, plain."
    assert texts["text/html"] == "<p>Hello Ana, rich.</p>"
