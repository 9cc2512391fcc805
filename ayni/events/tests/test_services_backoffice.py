"""The organisers' actions: saving an event, the report-back, messages, promotion by hand,
check-in at the door, finishing past events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import Event, EventEmail, EventMessage, Registration
from ayni.events.services import backoffice
from ayni.events.services.registering import cancel_registration
from ayni.events.tests.factories import EventFactory, confirmed, edit_event, register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def emailed(kind: str) -> list[str]:
    return sorted(
        EventEmail.objects.filter(kind=kind).values_list("registration__email", flat=True)
    )


EVERYONE_REGISTERED = ["a@example.org", "b@example.org", "w1@example.org", "w2@example.org"]


@pytest.fixture
def full_event():
    """Two places taken, two waiting, one pending, one cancelled."""
    event = EventFactory(capacity=2)
    for email in ("a@example.org", "b@example.org", "w1@example.org", "w2@example.org"):
        confirmed(event, email, wants_report_back=email in ("a@example.org", "w1@example.org"))
    register(event, "pending@example.org", wants_report_back=True)
    cancel_registration(confirmed(event, "gone@example.org", wants_report_back=True))
    return Event.objects.get(pk=event.pk)


# --- Saving an event --------------------------------------------------------------------------


def test_publishing_records_when_once():
    event = EventFactory(state=EventState.DRAFT, published_at=None)
    backoffice.save_event(event=event, before=None)
    assert Event.objects.get(pk=event.pk).published_at is None

    event = edit_event(event, state=EventState.PUBLISHED)
    first = event.published_at
    assert first is not None
    event = edit_event(event, title_en="Again")
    assert event.published_at == first


def test_a_new_time_tells_everyone_registered_once(full_event):
    event = edit_event(full_event, ends_at=full_event.ends_at + timedelta(hours=2))

    assert event.sequence == 1
    assert emailed(EmailKind.RESCHEDULED) == EVERYONE_REGISTERED
    edit_event(event, title_en="Same time, new title")
    assert EventEmail.objects.filter(kind=EmailKind.RESCHEDULED).count() == 4


def test_cancelling_tells_everyone_registered_and_moving_a_cancelled_event_tells_nobody(
    full_event,
):
    event = edit_event(full_event, state=EventState.CANCELLED)

    assert event.sequence == 1
    assert emailed(EmailKind.CANCELLED) == EVERYONE_REGISTERED
    assert set(
        EventEmail.objects.filter(kind=EmailKind.CANCELLED).values_list("key", flat=True)
    ) == {"1"}
    edit_event(event, ends_at=event.ends_at + timedelta(hours=1))
    assert emailed(EmailKind.RESCHEDULED) == []


def test_an_event_on_again_after_being_postponed_tells_them_and_fills_freed_places(full_event):
    event = edit_event(full_event, state=EventState.POSTPONED)
    cancel_registration(Registration.objects.get(email="a@example.org"))
    assert Registration.objects.get(email="w1@example.org").status == RegistrationStatus.WAITLISTED
    event = edit_event(
        event,
        starts_at=event.starts_at + timedelta(days=30),
        ends_at=event.ends_at + timedelta(days=30),
    )
    assert emailed(EmailKind.RESCHEDULED) == []  # not until there is a date to go to

    event = edit_event(event, state=EventState.PUBLISHED)

    assert emailed(EmailKind.RESCHEDULED) == ["b@example.org", "w1@example.org", "w2@example.org"]
    assert Registration.objects.get(email="w1@example.org").status == RegistrationStatus.CONFIRMED
    assert emailed(EmailKind.PROMOTED) == ["w1@example.org"]


def test_more_places_promote_from_the_waiting_list_in_order(full_event):
    edit_event(full_event, capacity=3)

    assert emailed(EmailKind.PROMOTED) == ["w1@example.org"]
    edit_event(full_event, capacity=None)
    assert emailed(EmailKind.PROMOTED) == ["w1@example.org", "w2@example.org"]
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).count() == 0


def test_fewer_places_take_no_place_away(full_event):
    edit_event(full_event, capacity=1)

    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 2


# --- The report-back and messages -------------------------------------------------------------


def test_the_report_back_goes_once_to_those_who_asked_for_it(full_event):
    assert backoffice.publish_report_back(event=full_event) == 2

    assert emailed(EmailKind.REPORT_BACK) == ["a@example.org", "w1@example.org"]
    published = Event.objects.get(pk=full_event.pk).report_back_published_at
    assert published is not None

    assert backoffice.publish_report_back(event=full_event) == 0
    assert EventEmail.objects.filter(kind=EmailKind.REPORT_BACK).count() == 2
    assert Event.objects.get(pk=full_event.pk).report_back_published_at == published


@pytest.mark.parametrize(
    ("include_waitlist", "expected"),
    [
        (False, ["a@example.org", "b@example.org"]),
        (True, EVERYONE_REGISTERED),
    ],
)
def test_a_message_counts_and_queues_its_recipients(full_event, include_waitlist, expected):
    organiser = UserFactory(username="organiser", role="Organiser")

    message = backoffice.send_message(
        event=full_event,
        subject="Bring water",
        body="It will be hot.",
        include_waitlist=include_waitlist,
        sender=organiser,
    )

    message.refresh_from_db()
    assert (message.recipients, message.created_by, message.subject) == (
        len(expected),
        organiser,
        "Bring water",
    )
    assert emailed(EmailKind.MESSAGE) == expected
    assert set(
        EventEmail.objects.filter(kind=EmailKind.MESSAGE).values_list("message", flat=True)
    ) == {message.pk}


def test_an_invalid_message_stores_nothing(full_event):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        backoffice.send_message(
            event=full_event, subject="", body="x", include_waitlist=False, sender=None
        )

    assert EventMessage.objects.count() == 0
    assert EventEmail.objects.filter(kind=EmailKind.MESSAGE).count() == 0


# --- Promotion by hand and check-in -----------------------------------------------------------


def test_an_organiser_may_promote_past_the_capacity(full_event):
    waiting = Registration.objects.get(email="w2@example.org")

    assert backoffice.promote(registration=waiting) is True
    assert backoffice.promote(registration=waiting) is False  # holds a place already

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert len(waiting.check_in_code) == 6
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    assert emailed(EmailKind.PROMOTED) == ["w2@example.org"]
    # Over capacity, a cancellation promotes nobody until there is room again.
    cancel_registration(Registration.objects.get(email="a@example.org"))
    assert emailed(EmailKind.PROMOTED) == ["w2@example.org"]


def test_only_a_waiting_registration_can_be_promoted(full_event):
    for email in ("pending@example.org", "gone@example.org", "a@example.org"):
        assert backoffice.promote(registration=Registration.objects.get(email=email)) is False
    assert emailed(EmailKind.PROMOTED) == []


def test_check_in_codes_are_read_however_they_are_typed(full_event):
    registration = Registration.objects.get(email="a@example.org")
    code = registration.check_in_code
    typed = f" {code[:3].lower()}-{code[3:].lower()} "

    found = backoffice.check_in(event=full_event, code=typed)

    assert found == registration
    assert found.checked_in_at is not None
    first = found.checked_in_at
    again = backoffice.check_in(event=full_event, code=code)
    assert again.checked_in_at == first  # a second scan keeps the first time


def test_a_code_checks_in_only_at_its_own_event_and_only_with_a_place(full_event):
    registration = Registration.objects.get(email="a@example.org")
    other = EventFactory()

    assert backoffice.check_in(event=other, code=registration.check_in_code) is None
    assert backoffice.check_in(event=full_event, code="") is None
    assert backoffice.check_in(event=full_event, code="ZZZZZZZZ") is None
    cancel_registration(registration)
    assert backoffice.check_in(event=full_event, code=registration.check_in_code) is None
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def test_check_in_codes_are_unique_within_an_event():
    event = EventFactory(capacity=None)
    codes = [confirmed(event, f"p{n}@example.org").check_in_code for n in range(200)]

    assert len(set(codes)) == 200
    assert all(len(code) == 6 and code.isalnum() and code == code.upper() for code in codes)
    assert not set("01ILO") & set("".join(codes))  # nothing to misread aloud


def test_the_database_refuses_a_code_twice_in_one_event():
    from django.db import IntegrityError

    event = EventFactory(capacity=None)
    first = confirmed(event, "a@example.org")
    second = confirmed(event, "b@example.org")

    with pytest.raises(IntegrityError):
        Registration.objects.filter(pk=second.pk).update(check_in_code=first.check_in_code)


# --- Finishing --------------------------------------------------------------------------------


def test_past_published_events_are_finished():
    now = timezone.now()
    over = EventFactory(starts_at=now - timedelta(hours=3), ends_at=now - timedelta(hours=1))
    running = EventFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    cancelled = EventFactory(
        state=EventState.CANCELLED,
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=1),
    )

    assert backoffice.finish_past_events() == 1
    assert backoffice.finish_past_events() == 0

    states = dict(Event.objects.values_list("pk", "state"))
    assert states == {
        over.pk: EventState.FINISHED,
        running.pk: EventState.PUBLISHED,
        cancelled.pk: EventState.CANCELLED,
    }
