"""Message everyone registered: the form, who it reaches, one email each through the worker."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ayni.events.enums import EmailKind, RegistrationStatus
from ayni.events.models import EventEmail, EventMessage
from ayni.events.tests.admin_fixtures import (
    make_event,
    make_registration,
)
from ayni.events.tests.factories import send_everything
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = make_event()
    make_registration(event, "Ana Flores")
    make_registration(event, "Bea Mamani", status=RegistrationStatus.WAITLISTED, language="es")
    make_registration(event, "Pat Pending", status=RegistrationStatus.PENDING)
    make_registration(event, "Gone Person", status=RegistrationStatus.CANCELLED)
    return event


def url(event) -> str:
    return reverse("admin:events_event_message", args=[event.pk])


@pytest.fixture
def spanish_holder(event):
    return make_registration(event, "Carla Quispe", language="es")


def test_the_form_says_who_it_reaches(client_for, event):
    page = client_for("organiser").get(url(event)).content.decode()
    assert (
        "It goes to the 1 person registered (1 more on the waiting list if you tick the box)"
        in page
    )


@pytest.mark.parametrize(
    ("include_waitlist", "names"),
    [(False, ["Ana Flores"]), (True, ["Ana Flores", "Bea Mamani"])],
)
def test_a_message_is_queued_once_for_each_recipient(client_for, event, include_waitlist, names):
    data = {"subject": "Room change", "body": "We meet in room 2."}
    if include_waitlist:
        data["include_waitlist"] = "on"
    response = client_for("organiser").post(url(event), data, follow=True)
    count = len(names)
    people = "person: the worker sends it" if count == 1 else "people: the worker sends them"
    assert [str(m) for m in response.context["messages"]] == [
        f"Message queued for {count} {people} in the next minutes."
    ]
    message = EventMessage.objects.get()
    assert (message.subject, message.recipients, message.created_by.username) == (
        "Room change",
        count,
        "organiser",
    )
    emails = EventEmail.objects.select_related("registration")
    assert sorted(e.registration.name for e in emails) == names
    assert {(e.kind, e.message_id) for e in emails} == {(EmailKind.MESSAGE, message.pk)}


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"body": "Hello"}, "subject", "This field is required."),
        ({"subject": "Hi", "body": ""}, "body", "This field is required."),
        ({"subject": "Two\nlines", "body": "Hello"}, "subject", "Please keep this on one line."),
        (
            {"subject": "x" * 201, "body": "Hello"},
            "subject",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        (
            {"subject": "Hi", "body": "x" * 10001},
            "body",
            "Ensure this value has at most 10000 characters (it has 10001).",
        ),
    ],
)
def test_bad_input_sends_nothing(client_for, event, data, field, error):
    response = client_for("organiser").post(url(event), data)
    assert response.status_code == 422
    assert response.context["form"].errors[field] == [error]
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not EventMessage.objects.exists()
    assert not EventEmail.objects.exists()


# An organiser's words with what HTML would take for markup, and more than ASCII.
SUBJECT = 'Room 2 & "the annex" — <bring water>'
BODY = "We meet in room 2 & the annex.\nBring <water>; it's hot.\n\n¡Hasta pronto!"


@pytest.mark.parametrize(
    ("include_waitlist", "recipients"),
    [
        (False, ["ana@example.org", "carla@example.org"]),
        (True, ["ana@example.org", "bea@example.org", "carla@example.org"]),
    ],
)
def test_the_message_arrives_once_each_verbatim_in_each_recipients_language(
    client_for, event, spanish_holder, mailbox, run_tasks, include_waitlist, recipients
):
    data = {"subject": SUBJECT, "body": BODY}
    if include_waitlist:
        data["include_waitlist"] = "on"
    client_for("organiser").post(url(event), data)

    send_everything(run_tasks)
    send_everything(run_tasks)  # the worker again: nothing more

    # Not to the pending address nor the cancelled registration; to the waiting list if asked.
    assert sorted(message["To"] for message in mailbox.messages) == recipients
    assert {message["Subject"] for message in mailbox.messages} == {SUBJECT}
    for message in mailbox.messages:
        text, html = text_body(message).replace("\r\n", "\n"), html_body(message)
        assert BODY in text  # the plain text as written, not escaped
        assert "&amp;" not in text and "&lt;" not in text
        assert "We meet in room 2 &amp; the annex.<br>Bring &lt;water&gt;; it&#x27;s hot." in html
        assert "&amp;amp;" not in html and "<water>" not in html
    (ana,) = mailbox.to("ana@example.org")
    (carla,) = mailbox.to("carla@example.org")
    assert text_body(ana).startswith("Hello Ana Flores,")
    assert "Solidarity with Bolivia" in text_body(ana)
    assert "Your registration:" in text_body(ana)
    assert text_body(carla).startswith("Hola, Carla Quispe:")
    assert "Solidaridad con Bolivia" in text_body(carla)
    assert "Tu inscripción:" in text_body(carla)
    assert "Hola, Carla Quispe:" in html_body(carla)
    if include_waitlist:
        (bea,) = mailbox.to("bea@example.org")
        assert text_body(bea).startswith("Hola, Bea Mamani:")
        assert "Tu inscripción:" not in text_body(bea)  # no place: no join link, no code
    assert not EventEmail.objects.exclude(email_due="").exists()
