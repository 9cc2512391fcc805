"""The registrations' emails rendered once per shape (ayni.core.mail_shapes): each registrant
still gets their own name, links and language, and an edited event its new text at once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.core import mail_shapes
from ayni.core.mail import render_mail
from ayni.events import tokens
from ayni.events.enums import EmailKind, EventFormat, RegistrationStatus
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services import emails
from ayni.events.services.reminders import reminder_key
from ayni.events.tests.factories import EventFactory, confirmed, edit_event, send_everything
from ayni.supporters import outbox
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db

NAMES = ['Ana <b>& "Bo"</b>', "José O'Neil", "Zoë", "Wu  Li"]
# The language prefix of every event link, and the token of a registrant's own ones.
LINK_LANGUAGE = re.compile(r"/([a-z]{2})/events/")
TOKEN = re.compile(r"/events/r/(?:join/)?([A-Za-z0-9_:-]+)/")
GREETING = {"en": "Hello {},", "es": "Hola, {}:"}


@pytest.fixture(autouse=True)
def _no_shapes_from_other_tests():
    mail_shapes.forget()
    yield
    mail_shapes.forget()


def remind(registrations: list[Registration], hours: int = 1) -> list[EventEmail]:
    event = Event.objects.get(pk=registrations[0].event_id)
    return [
        EventEmail.objects.create(
            registration=registration,
            kind=EmailKind.REMINDER,
            key=reminder_key(event, hours),
            email_due=EmailKind.REMINDER,
            email_due_at=timezone.now(),
        )
        for registration in registrations
    ]


def link_owners(body: str) -> dict[str, set[int | None]]:
    """Whose registration each signed link in `body` opens, by purpose."""
    found = TOKEN.findall(body)
    assert found
    return {
        purpose: {link.read(token).row_id for token in found if link.read(token).usable}
        for purpose, link in (("manage", tokens.MANAGE), ("join", tokens.JOIN))
    }


def test_a_batch_of_reminders_in_two_languages_gives_each_their_own_name_links_and_language(
    mailbox, run_tasks
):
    event = EventFactory(format=EventFormat.HYBRID, venue_name="Sala <1>", capacity=20)
    people = [
        confirmed(event, f"p{n}@example.org", name=NAMES[n % 4], language=("es", "en")[n % 2])
        for n in range(8)
    ]
    send_everything(run_tasks)  # their confirmations
    mailbox.clear()
    remind(people)

    send_everything(run_tasks)

    assert len(mailbox.messages) == 8
    # Rendered from one shape per language (the first of each also plainly, to check it).
    shaped = [
        key[1] for key, shape in mail_shapes._shapes.items() if shape and "reminder" in key[0]
    ]
    assert sorted(shaped) == ["en", "es"]
    for person in people:
        (mail,) = mailbox.to(person.email)
        text, html = text_body(mail), html_body(mail)
        language = person.language
        assert GREETING[language].format(person.name) in text
        assert GREETING[language].format(escape(person.name)) in html
        assert (
            mail["Subject"]
            == {
                "en": "Reminder: Solidarity with Bolivia",
                "es": "Recordatorio: Solidaridad con Bolivia",
            }[language]
        )
        for body in (text, html):
            assert set(LINK_LANGUAGE.findall(body)) == {language}
            # Every signed link is theirs (each token is one of their rows' or no row's).
            assert link_owners(body) == {"manage": {person.pk}, "join": {person.pk}}
            assert person.check_in_code
            assert person.check_in_code in body
        others = [p for p in people if p.pk != person.pk]
        assert not any(other.check_in_code in text + html for other in others)
    assert not EventEmail.objects.exclude(email_due="").exists()


def escape(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def test_the_shared_parts_follow_an_event_edit(mailbox, run_tasks):
    event = EventFactory(format=EventFormat.IN_PERSON, venue_name="Old hall", meeting_url="")
    first, second = (confirmed(event, f"r{n}@example.org") for n in range(2))
    first_row, second_row = remind([first, second])
    outbox.send_batch([first_row.pk], emails.send_event_email)

    edit_event(event, title_en="Bolivia: the people decide", venue_name="New hall")
    outbox.send_batch([second_row.pk], emails.send_event_email)

    (old,) = mailbox.to(first.email)
    (new,) = mailbox.to(second.email)
    assert "Old hall" in text_body(old)
    assert "Solidarity with Bolivia" in old["Subject"]
    assert ("New hall" in text_body(new), "New hall" in html_body(new)) == (True, True)
    assert "Old hall" not in text_body(new) + html_body(new)
    assert new["Subject"] == "Reminder: Bolivia: the people decide"


def test_an_edit_made_behind_the_orms_back_is_seen_too(mailbox, run_tasks):
    """The shape is keyed by the event's fields, not its updated_at."""
    event = EventFactory()
    first, second = (confirmed(event, f"q{n}@example.org") for n in range(2))
    first_row, second_row = remind([first, second])
    outbox.send_batch([first_row.pk], emails.send_event_email)

    Event.objects.filter(pk=event.pk).update(title_en="Renamed quietly")
    outbox.send_batch([second_row.pk], emails.send_event_email)

    assert mailbox.to(second.email)[0]["Subject"] == "Reminder: Renamed quietly"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", list(EmailKind))
def test_every_kind_renders_from_its_shape_as_it_renders_plainly(kind, language, monkeypatch):
    monkeypatch.setattr(emails, "_why_not_due", lambda row: "")  # every kind, whatever its key
    event = EventFactory(format=EventFormat.HYBRID, venue_name="Sala", venue_address="Calle 1")
    edit_event(event, recording_url="https://video.example.org/1")
    one, two = (
        confirmed(event, f"k{n}@example.org", name=NAMES[n], language=language) for n in range(2)
    )
    for registration in (one, two):
        row = EventEmail.objects.create(
            registration=registration, kind=kind, key="", email_due=kind
        )
        due = emails.prepare(row.pk)
        assert isinstance(due, outbox.DueEmail)
        context = {**due.context, **due.links}
        shaped = render_mail(
            due.template, context, due.language, personal=(*due.personal, *due.links)
        )

        assert shaped == render_mail(due.template, context, due.language)
        assert registration.name in shaped[1]


def test_a_template_that_tests_a_personal_value_is_rendered_plainly():
    """The "registered already" email says whether they hold a place: its shape is refused."""
    event = EventFactory(capacity=1)
    holder = confirmed(event, "holder@example.org")
    waiting = confirmed(event, "waiting@example.org")
    assert waiting.status == RegistrationStatus.WAITLISTED
    texts = []
    for registration in (holder, waiting, holder):
        row = EventEmail.objects.create(
            registration=registration, kind=EmailKind.AGAIN, key="", email_due="again"
        )
        due = emails.prepare(row.pk)
        context = {**due.context, **due.links}
        texts.append(
            render_mail(due.template, context, due.language, personal=(*due.personal, *due.links))
        )

    assert texts[0] != texts[1]
    assert texts[0] == texts[2]
    assert list(mail_shapes._shapes.values()) == [None]


def test_reminders_still_skip_those_cancelled_since(mailbox, run_tasks):
    event = EventFactory()
    people = [confirmed(event, f"c{n}@example.org") for n in range(3)]
    send_everything(run_tasks)  # their confirmations
    mailbox.clear()
    remind(people)
    Registration.objects.filter(pk=people[1].pk).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now() - timedelta(minutes=1)
    )

    send_everything(run_tasks)

    assert sorted(m["To"] for m in mailbox.messages) == ["c0@example.org", "c2@example.org"]
