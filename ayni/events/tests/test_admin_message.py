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

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = make_event()
    make_registration(event, "Ana Flores")
    make_registration(event, "Bea Mamani", status=RegistrationStatus.WAITLISTED)
    make_registration(event, "Pat Pending", status=RegistrationStatus.PENDING)
    make_registration(event, "Gone Person", status=RegistrationStatus.CANCELLED)
    return event


def url(event) -> str:
    return reverse("admin:events_event_message", args=[event.pk])


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
