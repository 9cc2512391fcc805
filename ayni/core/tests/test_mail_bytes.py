"""A text-and-HTML email written out directly gives, byte for byte, what Django's message gives
for it; anything else is Django's message itself."""

from __future__ import annotations

import itertools

import pytest
from django.core.mail import BadHeaderError

from ayni.core.mail import CampaignMessage
from ayni.core.mail_bytes import FlatMessage

SUBJECTS = [
    "Reminder: Solidarity with Bolivia",
    "Recordatorio: Solidaridad con Bolivia — mañana",
    "A subject long enough that the generator has to fold it onto a second line, and a third",
    "Una línea de asunto muy larga con acentos, eñes y más palabras para que se pliegue dos veces",
    "Two  spaces and\ta tab",
    " leading and trailing ",
    "",
]
SENDERS = [
    "campaigns@example.org",
    "Friends of Bolivia <campaigns@example.org>",
    "Campaña Ayni <hola@example.org>",
    '"Quoted, Name" <q@example.org>',
]
RECIPIENTS = [
    ["ana@example.org"],
    ["Ana Sample <ana@example.org>"],
    ["José Ñandú <jose@example.org>"],
    ["ana@example.org", "bo@example.org"],
    ["a.very.long.local.part.for.folding.tests@a-rather-long-subdomain.example.org"],
]
LONG_ASCII = "x" * 1200
LONG_UTF8 = "ñ" * 600  # 1,200 bytes
BODIES = [
    "Hello Ana,\n\nA reminder.\n",
    "Hola, José:\n\nUn recordatorio.\n\n— Ayni\nhttps://example.org/es/",
    f"Short line\n{LONG_ASCII}\nend",
    f"{LONG_UTF8}\n",
    "Windows\r\nline ends\rand old Mac ones\r\n",
    "From the start\n.a dot\n  indented\n",
    "no newline at the end",
    "unicode\u2028line separator\x0cform feed\n",
    # About the limit of 998 bytes a line, in characters of one to four bytes.
    "a" * 998 + "\n" + "b" * 998,
    "a" * 999,
    "ñ" * 499 + "\nend",
    "ñ" * 500,
    "€" * 333,
    "😀" * 249,
    "😀" * 250,
    # A long run cut into short lines by the breaks str.splitlines knows.
    ("x" * 600 + "\x0b" + "x" * 600 + "\u2028" + "x" * 600 + "\x1c" + "x" * 600),
    ("x" * 600 + "\x85" + "y" * 600 + "\r\n") * 2,
]
HTML = [
    "<p>Hello Ana,</p>",
    "<!doctype html><html>" + "<p>Hola, José</p>" * 80 + "</html>",
    "",
    "<p>" + "a" * 999 + "</p>\n",
]


def flat(**fields) -> FlatMessage:
    html = fields.pop("html", "<p>Hello</p>")
    message = CampaignMessage(**{"subject": "s", "body": "b", "to": ["a@example.org"], **fields})
    message.attach_alternative(html, "text/html")
    built = message.message()
    assert isinstance(built, FlatMessage)
    return built


def assert_same_bytes(message: FlatMessage) -> None:
    for linesep in ("\r\n", "\n"):
        assert message.as_bytes(linesep=linesep) == message.django_message.as_bytes(linesep=linesep)


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("sender", SENDERS)
def test_the_headers_are_written_as_django_writes_them(subject, sender):
    for to in RECIPIENTS:
        assert_same_bytes(
            flat(
                subject=subject,
                from_email=sender,
                to=to,
                headers={"Auto-Submitted": "auto-generated", "Message-ID": "<k.1@example.org>"},
            )
        )


@pytest.mark.parametrize(("body", "html"), itertools.product(BODIES, HTML))
def test_the_bodies_are_written_as_django_writes_them(body, html):
    assert_same_bytes(flat(body=body, html=html))


def test_a_date_and_message_id_are_made_as_django_makes_them_and_kept():
    message = flat(headers={"X-Long": "word " * 30, "Date": "Mon, 30 Nov 2026 10:00:00 -0000"})

    assert_same_bytes(message)
    assert message["Date"] == "Mon, 30 Nov 2026 10:00:00 -0000"
    assert message["Message-ID"].startswith("<")
    written = message.as_bytes(linesep="\r\n")
    assert f"Message-ID: {message['Message-ID']}\r\n".encode() in written


def test_the_headers_given_replace_those_made_and_keep_their_place():
    message = flat(headers={"To": "Team <team@example.org>", "From": "Ayni <a@example.org>"})

    assert_same_bytes(message)
    assert (message["To"], message["From"]) == ("Team <team@example.org>", "Ayni <a@example.org>")


def test_it_stands_for_djangos_message_in_everything_else():
    message = flat(subject="Hola", body="Texto", html="<p>Texto</p>")

    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.walk()][1:] == ["text/plain", "text/html"]
    assert message.get_boundary() == message.django_message.get_boundary()
    assert "Subject" in message
    assert bytes(message) == message.django_message.as_bytes()


@pytest.mark.parametrize(
    "change",
    [
        {"attachments": [("a.ics", b"BEGIN:VCALENDAR", "text/calendar")]},
        {"cc": ["c@example.org"]},
        {"reply_to": ["r@example.org"]},
        {"body": ""},
    ],
)
def test_anything_but_a_text_and_an_html_body_is_djangos_message(change):
    message = CampaignMessage(**{"subject": "s", "body": "b", "to": ["a@example.org"], **change})
    message.attach_alternative("<p>b</p>", "text/html")

    built = message.message()

    assert not isinstance(built, FlatMessage)
    assert built.is_multipart()


def test_a_header_with_a_line_break_is_still_refused():
    message = CampaignMessage(subject="Hi\nBcc: x@example.org", body="b", to=["a@example.org"])
    message.attach_alternative("<p>b</p>", "text/html")

    with pytest.raises(BadHeaderError):
        message.message()
