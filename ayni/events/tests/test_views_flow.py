"""The whole way through, as a registrant does it, with the real worker and a real SMTP server:
register → the confirmation email → confirm → the "registered" email with the calendar file →
their page → cancel → the first on the waiting list is told a place is theirs."""

from __future__ import annotations

import re

import icalendar
import pytest
from django.urls import reverse

from ayni.events.enums import RegistrationStatus
from ayni.events.models import Registration
from ayni.events.tests.page_builders import MEETING_URL, make_event, url_in
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db


def path_of(message, pattern: str) -> str:
    """The path of the first link in the email's text matching `pattern`."""
    url = re.search(rf"https?://\S+{pattern}\S*", text_body(message)).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def register_through_the_form(client, event, email: str, language: str = "en") -> None:
    response = client.post(
        url_in(language, "events:register", slug=event.slug),
        {"name": f"Person {email[:3]}", "email": email, "country": "BO"},
    )
    assert response.status_code == 302


BUTTON = {"en": "Confirm my registration</button>", "es": "Confirmar mi inscripción</button>"}


def confirm_from_the_email(client, mailbox, run_tasks, email: str, language: str = "en") -> str:
    run_tasks()
    (message,) = mailbox.to(email)
    confirm = path_of(message, "/events/r/confirm/")
    page = client.get(confirm)
    assert BUTTON[language] in page.content.decode()
    done = client.post(confirm)
    assert done.status_code == 302
    return done["Location"]


def test_register_confirm_get_the_calendar_cancel_and_the_waiting_list_moves_up(
    client, mailbox, run_tasks
):
    event = make_event(capacity=1)

    # The first person registers, and is sent a link to confirm.
    register_through_the_form(client, event, "ana@example.org")
    sent = client.get(url_in("en", "events:sent", slug=event.slug))
    assert "Check your inbox" in sent.content.decode()
    run_tasks()
    (confirm_email,) = mailbox.to("ana@example.org")
    assert "Confirm your registration" in confirm_email["Subject"]
    assert Registration.objects.get().status == RegistrationStatus.PENDING

    # Confirming gives them the place, and leads to their own page.
    mailbox.clear()
    confirmed = client.post(path_of(confirm_email, "/events/r/confirm/"))
    assert confirmed.status_code == 302
    manage = confirmed["Location"]
    run_tasks()
    (confirmed_email,) = mailbox.to("ana@example.org")
    assert confirmed_email["Subject"].startswith("You are registered")
    attachments = list(confirmed_email.iter_attachments())
    assert [part.get_content_type() for part in attachments] == ["text/calendar"]
    calendar = icalendar.Calendar.from_ical(attachments[0].get_content())
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == event.starts_at
    assert MEETING_URL not in text_body(confirmed_email)

    page = client.get(manage).content.decode()
    assert "You are registered: your place is confirmed." in page
    cancel = re.search(r'href="(/en/events/r/[^"]+/cancel/)"', page).group(1)
    # The same join link as the email's (each carries the time it was made).
    email_join = path_of(confirmed_email, "/events/r/join/")
    page_join = re.search(r'href="(/en/events/r/join/[^"]+)"', page).group(1)
    assert email_join.split(":")[0] == page_join.split(":")[0]

    # A second person finds it full and joins the waiting list.
    mailbox.clear()
    register_through_the_form(client, event, "bea@example.org")
    bea_page = confirm_from_the_email(client, mailbox, run_tasks, "bea@example.org")
    assert "You are on the waiting list: you are number 1." in client.get(bea_page).content.decode()
    run_tasks()
    assert any("waiting list" in m["Subject"] for m in mailbox.to("bea@example.org"))

    # The first cancels; the place goes to the second, who is told.
    mailbox.clear()
    assert "Cancel my registration</button>" in client.get(cancel).content.decode()
    assert client.post(cancel).status_code == 200
    run_tasks()
    (promoted,) = mailbox.to("bea@example.org")
    assert promoted["Subject"].startswith("A place for you")
    assert [p.get_content_type() for p in promoted.iter_attachments()] == ["text/calendar"]
    assert mailbox.to("ana@example.org") == []
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "ana@example.org": RegistrationStatus.CANCELLED,
        "bea@example.org": RegistrationStatus.CONFIRMED,
    }
    assert "You are registered" in client.get(bea_page).content.decode()


def test_a_spanish_registrant_gets_spanish_emails_and_pages(client, mailbox, run_tasks):
    event = make_event()

    register_through_the_form(client, event, "eva@example.org", language="es")
    manage = confirm_from_the_email(client, mailbox, run_tasks, "eva@example.org", "es")

    (confirm_email,) = mailbox.to("eva@example.org")[:1]
    assert "/es/events/r/confirm/" in text_body(confirm_email)
    assert manage.startswith("/es/events/r/")
    assert "Tu inscripción" in client.get(manage).content.decode()
    assert reverse("events:list")  # the English addresses are unaffected
