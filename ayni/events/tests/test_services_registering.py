"""Registering: the double opt-in, places on confirmation, the waiting list, cancel, erase."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ayni.events import selectors
from ayni.events.enums import (
    REGISTRATION_CONSENT,
    REPORT_BACK_CONSENT,
    EmailKind,
    EventState,
    RegistrationStatus,
)
from ayni.events.models import EventEmail, Registration
from ayni.events.services.registering import (
    CLOSED,
    GONE,
    cancel_registration,
    confirm_registration,
    erase_registration,
    erase_unconfirmed_registrations,
    export_registrant_data,
    registration_open,
)
from ayni.events.tests.factories import EventFactory, HostFactory, confirmed, register
from ayni.supporters.confirm_page import DONE, EXPIRED, READY
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.models import Consent, Supporter
from ayni.supporters.retention import erase_unconfirmed, retention_cutoff
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def kinds(registration: Registration) -> list[str]:
    return list(
        EventEmail.objects.filter(registration=registration)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def statuses(event) -> dict[str, str]:
    return dict(Registration.objects.filter(event=event).values_list("email", "status"))


# --- The form ---------------------------------------------------------------------------------


def test_a_new_address_is_pending_with_one_confirmation_due():
    event = EventFactory()
    host = HostFactory()

    registration = register(
        event,
        "Ana.Sample@Example.org",
        country="BO",
        organisation="Union",
        access_needs="Captions",
        wants_updates=True,
        wants_report_back=True,
        via=host,
        ip_hash="hash1",
    )

    row = Registration.objects.get()
    assert row.pk == registration.pk
    assert (row.status, row.email, row.email_normalised) == (
        RegistrationStatus.PENDING,
        "Ana.Sample@Example.org",
        "ana.sample@example.org",
    )
    assert (row.country, row.organisation, row.access_needs, row.via) == (
        "BO",
        "Union",
        "Captions",
        host,
    )
    assert (row.wants_updates, row.wants_report_back, row.check_in_code) == (True, True, "")
    email = EventEmail.objects.get()
    assert (email.kind, email.email_due, email.ip_hash, email.key) == (
        EmailKind.CONFIRM,
        EmailKind.CONFIRM,
        "hash1",
        "",
    )
    assert email.email_due_at is not None
    assert Supporter.objects.count() == 0  # nobody is a supporter before confirming


@pytest.mark.parametrize(
    ("field", "details"),
    [("country", {"country": "XX"}), ("name", {"name": ""}), ("name", {"name": "n" * 500})],
)
def test_details_the_form_would_refuse_are_refused_and_nothing_is_stored(field, details):
    event = EventFactory()

    with pytest.raises(ValidationError) as refused:
        register(event, "ana@example.org", **details)

    assert field in refused.value.message_dict
    assert Registration.objects.count() == EventEmail.objects.count() == 0


def test_the_same_address_again_while_pending_takes_the_new_details_and_another_confirmation():
    event = EventFactory()
    first = register(event, "ana.sample+events@gmail.com", name="Ana", organisation="Old")

    again = register(event, "AnaSample@googlemail.com", name="Ana Sample", organisation="New")

    assert again.pk == first.pk
    row = Registration.objects.get()
    assert (row.name, row.organisation, row.email, row.status) == (
        "Ana Sample",
        "New",
        "AnaSample@googlemail.com",  # mail goes to the address typed last
        RegistrationStatus.PENDING,
    )
    assert kinds(row) == [EmailKind.CONFIRM, EmailKind.CONFIRM]


@pytest.mark.parametrize("capacity", [None, 1])
def test_a_registered_address_again_is_sent_its_links_and_its_details_stay(capacity):
    event = EventFactory(capacity=capacity)
    if capacity:
        confirmed(event, "first@example.org")
    registration = confirmed(event, "ana@example.org", name="Ana", organisation="Union")
    expected = RegistrationStatus.CONFIRMED if capacity is None else RegistrationStatus.WAITLISTED
    assert registration.status == expected

    again = register(event, "ANA@example.org", name="Somebody Else", organisation="Other")

    assert again.pk == registration.pk
    row = Registration.objects.get(pk=registration.pk)
    assert (row.name, row.organisation, row.email, row.status) == (
        "Ana",
        "Union",
        "ana@example.org",
        expected,
    )
    assert kinds(row)[-1] == EmailKind.AGAIN
    assert kinds(row).count(EmailKind.AGAIN) == 1


def test_a_cancelled_registration_is_renewed_pending_with_the_new_details():
    event = EventFactory()
    registration = confirmed(event, "ana@example.org", organisation="Old")
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=timezone.now())
    cancel_registration(registration)

    register(event, "Ana@Example.org", organisation="New", wants_report_back=True)

    row = Registration.objects.get()
    assert (row.status, row.organisation, row.wants_report_back) == (
        RegistrationStatus.PENDING,
        "New",
        True,
    )
    assert (row.cancelled_at, row.confirmed_at, row.checked_in_at) == (None, None, None)
    assert kinds(row)[-1] == EmailKind.CONFIRM
    # Confirming again gives a place again (and keeps the code it had).
    assert confirm_registration(row) == READY
    row.refresh_from_db()
    assert row.status == RegistrationStatus.CONFIRMED
    assert row.check_in_code == registration.check_in_code


# --- When registration is open ----------------------------------------------------------------


def test_registration_is_open_only_for_published_events_within_the_window():
    now = timezone.now()
    starts = now + timedelta(days=2)
    ends = starts + timedelta(hours=2)

    def event(**fields):
        return EventFactory.build(starts_at=starts, ends_at=ends, **fields)

    assert registration_open(event(), now) is True
    assert registration_open(event(state=EventState.DRAFT), now) is False
    assert registration_open(event(state=EventState.POSTPONED), now) is False
    assert registration_open(event(state=EventState.CANCELLED), now) is False
    assert registration_open(event(state=EventState.FINISHED), now) is False
    opens_later = event(registration_opens_at=now + timedelta(hours=1))
    assert registration_open(opens_later, now) is False
    assert registration_open(opens_later, now + timedelta(hours=1)) is True
    closed = event(registration_closes_at=now - timedelta(seconds=1))
    assert registration_open(closed, now) is False
    # By default registration closes when the event ends (people join a running event).
    assert registration_open(event(), starts + timedelta(minutes=30)) is True
    assert registration_open(event(), ends) is False


def test_confirming_after_registration_closed_gives_no_place():
    event = EventFactory()
    registration = register(event, "late@example.org")
    event.registration_closes_at = timezone.now() - timedelta(seconds=1)
    event.save()

    assert confirm_registration(registration) == CLOSED

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    assert registration.supporter is None
    assert Consent.objects.count() == 0


@pytest.mark.parametrize("state", [EventState.DRAFT, EventState.CANCELLED, EventState.FINISHED])
def test_confirming_for_an_event_no_longer_open_gives_no_place(state):
    event = EventFactory()
    registration = register(event, "ana@example.org")
    event.state = state
    event.save()

    assert confirm_registration(registration) == CLOSED
    assert Registration.objects.get().status == RegistrationStatus.PENDING


# --- Confirming: places, the waiting list, consent --------------------------------------------


def test_confirming_gives_places_in_confirmation_order_then_waitlists():
    event = EventFactory(capacity=2)
    pending = [register(event, f"p{n}@example.org") for n in range(4)]

    # Confirmed in another order than registered: the place goes to who confirms first.
    for n in (3, 1, 0, 2):
        assert confirm_registration(pending[n]) == READY

    assert statuses(event) == {
        "p3@example.org": RegistrationStatus.CONFIRMED,
        "p1@example.org": RegistrationStatus.CONFIRMED,
        "p0@example.org": RegistrationStatus.WAITLISTED,
        "p2@example.org": RegistrationStatus.WAITLISTED,
    }
    rows = {r.email: r for r in Registration.objects.filter(event=event)}
    assert rows["p0@example.org"].waitlisted_at < rows["p2@example.org"].waitlisted_at
    assert all(len(rows[e].check_in_code) == 6 for e in ("p3@example.org", "p1@example.org"))
    assert {rows[e].check_in_code for e in ("p0@example.org", "p2@example.org")} == {""}
    assert kinds(rows["p3@example.org"]) == [EmailKind.CONFIRM, EmailKind.CONFIRMED]
    assert kinds(rows["p0@example.org"]) == [EmailKind.CONFIRM, EmailKind.WAITLISTED]
    assert rows["p3@example.org"].placed_at is not None
    assert rows["p0@example.org"].placed_at is None


def test_without_a_capacity_everyone_gets_a_place():
    event = EventFactory(capacity=None)

    for n in range(30):
        confirmed(event, f"p{n}@example.org")

    assert set(statuses(event).values()) == {RegistrationStatus.CONFIRMED}
    codes = Registration.objects.values_list("check_in_code", flat=True)
    assert len(set(codes)) == 30


def test_confirming_drops_the_confirmation_emails_still_due():
    event = EventFactory()
    registration = register(event, "ana@example.org")
    register(event, "ana@example.org")

    confirm_registration(registration)

    due = EventEmail.objects.exclude(email_due="").values_list("kind", flat=True)
    assert list(due) == [EmailKind.CONFIRMED]


@pytest.mark.parametrize("language", ["en", "es"])
def test_confirming_records_the_supporter_and_the_exact_consent_texts(language):
    event = EventFactory()
    registration = register(
        event,
        "Ana@Example.org",
        name="Ana Sample",
        language=language,
        country="BO",
        wants_report_back=True,
        wants_updates=True,
    )

    confirm_registration(registration)

    supporter = Supporter.objects.get()
    assert (supporter.email_normalised, supporter.name, supporter.language) == (
        "ana@example.org",
        "Ana Sample",
        language,
    )
    assert str(supporter.country) == "BO"
    registration.refresh_from_db()
    assert registration.supporter == supporter
    with translation.override(language):
        expected = {
            REGISTRATION_CONSENT.purpose: (
                str(REGISTRATION_CONSENT.text),
                REGISTRATION_CONSENT.version,
            ),
            REPORT_BACK_CONSENT.purpose: (
                str(REPORT_BACK_CONSENT.text),
                REPORT_BACK_CONSENT.version,
            ),
            ConsentPurpose.CAMPAIGN_UPDATES: (
                str(CONSENT_TEXTS[ConsentPurpose.CAMPAIGN_UPDATES].text),
                CONSENT_TEXTS[ConsentPurpose.CAMPAIGN_UPDATES].version,
            ),
        }
    consents = {
        c.purpose: (c.text, c.text_version) for c in Consent.objects.filter(supporter=supporter)
    }
    assert consents == expected
    assert set(Consent.objects.values_list("language", "source")) == {
        (language, f"event-registration:{registration.pk}")
    }


def test_confirming_without_the_opt_ins_records_only_the_registration_consent():
    registration = register(EventFactory(), "ana@example.org")

    confirm_registration(registration)

    assert list(Consent.objects.values_list("purpose", flat=True)) == [REGISTRATION_CONSENT.purpose]


def test_confirming_twice_is_harmless():
    event = EventFactory(capacity=1)
    registration = register(event, "ana@example.org", wants_updates=True)
    assert confirm_registration(registration) == READY
    first = Registration.objects.get()

    assert confirm_registration(registration) == DONE

    again = Registration.objects.get()
    assert (again.status, again.check_in_code, again.placed_at, again.confirmed_at) == (
        first.status,
        first.check_in_code,
        first.placed_at,
        first.confirmed_at,
    )
    assert Consent.objects.count() == 2
    assert Supporter.objects.count() == 1
    assert kinds(again) == [EmailKind.CONFIRM, EmailKind.CONFIRMED]


def test_confirming_a_cancelled_registration_is_refused():
    registration = register(EventFactory(), "ana@example.org")
    cancel_registration(registration)

    assert confirm_registration(registration) == GONE
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


# --- Cancelling: the waiting list moves up ----------------------------------------------------


def waitlist_in_order(event, emails_in_queue_order: list[str]) -> None:
    """Give the waiting registrations these queue places (oldest first), whatever their pk."""
    start = timezone.now() - timedelta(hours=1)
    for n, email in enumerate(emails_in_queue_order):
        Registration.objects.filter(event=event, email=email).update(
            waitlisted_at=start + timedelta(minutes=n)
        )


def test_cancelling_a_place_promotes_the_first_waiting_exactly_once():
    event = EventFactory(capacity=2)
    holders = [confirmed(event, f"holder{n}@example.org") for n in range(2)]
    for n in range(3):
        confirmed(event, f"wait{n}@example.org")
    # The queue is by the time they joined it, not by id.
    waitlist_in_order(event, ["wait2@example.org", "wait0@example.org", "wait1@example.org"])

    assert cancel_registration(holders[0]) == READY
    assert cancel_registration(holders[0]) == READY  # twice: nothing more happens

    assert statuses(event) == {
        "holder0@example.org": RegistrationStatus.CANCELLED,
        "holder1@example.org": RegistrationStatus.CONFIRMED,
        "wait2@example.org": RegistrationStatus.CONFIRMED,
        "wait0@example.org": RegistrationStatus.WAITLISTED,
        "wait1@example.org": RegistrationStatus.WAITLISTED,
    }
    promoted = Registration.objects.get(email="wait2@example.org")
    assert kinds(promoted) == [EmailKind.CONFIRM, EmailKind.WAITLISTED, EmailKind.PROMOTED]
    assert len(promoted.check_in_code) == 6
    assert EventEmail.objects.filter(kind=EmailKind.PROMOTED).count() == 1


def test_cancelling_a_waiting_or_pending_registration_promotes_nobody():
    event = EventFactory(capacity=1)
    confirmed(event, "holder@example.org")
    waiting = [confirmed(event, f"wait{n}@example.org") for n in range(2)]
    pending = register(event, "pending@example.org")

    cancel_registration(waiting[0])
    cancel_registration(pending)

    assert statuses(event) == {
        "holder@example.org": RegistrationStatus.CONFIRMED,
        "wait0@example.org": RegistrationStatus.CANCELLED,
        "wait1@example.org": RegistrationStatus.WAITLISTED,
        "pending@example.org": RegistrationStatus.CANCELLED,
    }
    assert not EventEmail.objects.filter(kind=EmailKind.PROMOTED).exists()


@pytest.mark.parametrize("state", [EventState.CANCELLED, EventState.FINISHED])
def test_a_place_freed_at_an_event_that_will_not_happen_promotes_nobody(state):
    event = EventFactory(capacity=1)
    holder = confirmed(event, "holder@example.org")
    confirmed(event, "wait@example.org")
    event.state = state
    event.save()

    cancel_registration(holder)

    assert Registration.objects.get(email="wait@example.org").status == (
        RegistrationStatus.WAITLISTED
    )
    assert not EventEmail.objects.filter(kind=EmailKind.PROMOTED).exists()


# --- Erasing and exporting --------------------------------------------------------------------


def test_erasing_a_confirmed_registrant_erases_the_person_everywhere_and_promotes():
    event = EventFactory(capacity=1)
    other_event = EventFactory()
    ana = confirmed(event, "ana@example.org")
    confirmed(other_event, "Ana@Example.org")
    register(EventFactory(), "ana+later@example.org")  # never confirmed, same person
    confirmed(event, "wait@example.org")
    signature = SignatureFactory(email="ana@example.org", supporter=ana.supporter)

    assert erase_registration(ana) == READY

    assert not Supporter.objects.filter(email_normalised="ana@example.org").exists()
    assert not Consent.objects.filter(supporter__email_normalised="ana@example.org").exists()
    assert not Registration.objects.filter(email_normalised="ana@example.org").exists()
    assert not EventEmail.objects.filter(registration__email_normalised="ana@example.org").exists()
    # The statements app answered the same signal: the signature is anonymised.
    signature.refresh_from_db()
    assert (signature.status, signature.name, signature.email) == (
        "withdrawn",
        "",
        f"erased-{signature.pk}@invalid",
    )
    # The place freed went to the first waiting.
    assert statuses(event) == {"wait@example.org": RegistrationStatus.CONFIRMED}
    assert EventEmail.objects.filter(kind=EmailKind.PROMOTED).count() == 1


def test_erasing_an_unconfirmed_registration_deletes_only_it():
    event = EventFactory()
    supporter_elsewhere = confirmed(EventFactory(), "ana@example.org")
    pending = register(event, "ana+x@example.org")
    Registration.objects.filter(pk=pending.pk).update(supporter=None)

    erase_registration(pending)

    assert not Registration.objects.filter(pk=pending.pk).exists()
    assert Registration.objects.filter(pk=supporter_elsewhere.pk).exists()
    assert Supporter.objects.filter(email_normalised="ana@example.org").exists()


def test_the_export_holds_every_registration_of_the_person():
    event = EventFactory(title_en="Solidarity")
    ana = confirmed(event, "ana@example.org", organisation="Union", country="BO")
    confirmed(EventFactory(title_en="Second"), "ANA@example.org")

    data = export_registrant_data(ana)

    assert data["supporter"]["email"] == "ana@example.org"
    assert [r["event"] for r in data["event_registrations"]] == ["Solidarity", "Second"]
    first = data["event_registrations"][0]
    assert (first["organisation"], first["country"], first["status"]) == (
        "Union",
        "BO",
        RegistrationStatus.CONFIRMED,
    )
    assert {c["purpose"] for c in data["consents"]} == {REGISTRATION_CONSENT.purpose}


def test_the_export_of_an_unconfirmed_registration_is_that_registration():
    pending = register(EventFactory(title_en="Solidarity"), "ana@example.org", name="Ana")

    data = export_registrant_data(pending)

    assert list(data) == ["event_registrations"]
    assert [(r["event"], r["name"], r["status"]) for r in data["event_registrations"]] == [
        ("Solidarity", "Ana", RegistrationStatus.PENDING)
    ]


# --- Never confirmed: erased once the links are dead (ayni.supporters.retention) --------------


def days_on(days: float):
    return timezone.now() + timedelta(days=days)


def erase_registrations(now) -> int:
    return erase_unconfirmed(now=now)["event registrations"]


def test_a_registration_never_confirmed_is_erased_with_its_emails_once_its_link_is_dead():
    event = EventFactory(capacity=1)
    holder = confirmed(event, "holder@example.org")
    waiting = confirmed(event, "waiting@example.org")
    register(event, "ana@example.org")
    register(event, "ana@example.org", name="Ana Again")  # a second link, same day
    cancel_registration(register(event, "bea@example.org"))  # cancelled, never confirmed

    assert erase_registrations(days_on(30)) == 0
    assert erase_registrations(days_on(32)) == 2

    assert statuses(event) == {
        "holder@example.org": RegistrationStatus.CONFIRMED,
        "waiting@example.org": RegistrationStatus.WAITLISTED,
    }
    assert set(EventEmail.objects.values_list("registration", flat=True)) == {
        holder.pk,
        waiting.pk,
    }
    assert selectors.waiting_position(waiting) == 1
    assert erase_registrations(days_on(32)) == 0  # twice erases nothing more


def test_a_registration_renewed_recently_is_kept():
    event = EventFactory()
    registration = register(event, "ana@example.org")
    Registration.objects.filter(pk=registration.pk).update(created_at=days_on(-40))
    EventEmail.objects.filter(registration=registration).update(
        created_at=days_on(-40), email_due_at=None, email_due="", emailed_at=days_on(-40)
    )
    register(event, "ana@example.org")  # asked again today: a new confirmation link

    assert erase_registrations(timezone.now()) == 0
    assert kinds(registration) == [EmailKind.CONFIRM, EmailKind.CONFIRM]


def test_a_renewed_registration_never_confirmed_takes_its_supporter_only_if_nothing_else_holds():
    event, other = EventFactory(), EventFactory()
    alone = confirmed(event, "alone@example.org")
    cancel_registration(alone)
    register(event, "alone@example.org")  # renewed, never confirmed again
    held = confirmed(event, "held@example.org")
    cancel_registration(held)
    register(event, "held@example.org")
    kept = confirmed(other, "held@example.org")

    assert erase_registrations(days_on(40)) == 2

    assert list(Registration.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(Supporter.objects.values_list("email", flat=True)) == ["held@example.org"]
    assert not Consent.objects.filter(supporter_id=alone.supporter_id).exists()


def test_a_confirmation_after_the_erasure_finds_the_link_expired_and_one_before_it_is_kept():
    event = EventFactory()
    lost, won = register(event, "lost@example.org"), register(event, "won@example.org")
    before = retention_cutoff(days_on(40))
    ids = list(selectors.unconfirmed_registrations(before).values_list("pk", flat=True))

    assert confirm_registration(won) == READY  # between the job's read and its lock
    erased = erase_unconfirmed_registrations(ids=ids, before=before)

    assert erased.forms == 1
    assert confirm_registration(lost) == EXPIRED
    assert cancel_registration(lost) == READY
    assert statuses(event) == {"won@example.org": RegistrationStatus.CONFIRMED}
