"""A registrant's links: confirm, their own page, cancel, erase, calendar file, data, join.
Every one never cached; a forged link or one made for another purpose is 404, an expired one
410, never a 500."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import icalendar
import pytest

from ayni.events import tokens
from ayni.events.enums import EventFormat, EventState, RegistrationStatus
from ayni.events.models import Registration
from ayni.events.services import registering
from ayni.events.tests.page_builders import (
    MEETING_URL,
    link,
    make_event,
    register,
    registered,
    url_in,
)
from ayni.supporters.models import Consent, Supporter
from ayni.supporters.retention import erase_unconfirmed

pytestmark = pytest.mark.django_db

LINKS = ["confirm", "manage", "cancel", "erase", "registration_ics", "data", "join"]


def assert_never_cached(response) -> None:
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-cache" in response["Cache-Control"]


# --- Confirm -----------------------------------------------------------------------------------


def test_confirm_get_shows_what_will_be_recorded_and_a_button_and_changes_nothing(client):
    registration = register(make_event(), organisation="Miners' Union")

    response = client.get(link("confirm", registration))

    assert response.status_code == 200
    assert_never_cached(response)
    page = response.content.decode()
    assert "Confirm my registration</button>" in page
    assert "Miners&#x27; Union" in page
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    assert Supporter.objects.count() == 0


def test_confirm_post_gives_a_place_records_consent_and_leads_to_the_registrants_page(client):
    registration = register(make_event(), wants_report_back=True)

    response = client.post(link("confirm", registration))

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert response.status_code == 302
    assert response["Location"] == link("manage", registration)
    purposes = set(Consent.objects.values_list("purpose", flat=True))
    assert purposes == {"event_registration", "event_report_back"}
    # Twice is harmless; so is the GET of a used link: both lead to the registrant's page.
    assert client.post(link("confirm", registration))["Location"] == link("manage", registration)
    assert client.get(link("confirm", registration))["Location"] == link("manage", registration)


def test_confirm_after_registration_closed_is_410_and_changes_nothing(client):
    event = make_event()
    registration = register(event)
    event.registration_closes_at = event.created_at
    event.save()

    response = client.post(link("confirm", registration))

    assert response.status_code == 410
    assert 'data-reason="closed"' in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_confirm_pressed_as_the_retention_job_erases_the_registration_is_410_expired(
    client, monkeypatch
):
    registration = register(make_event())
    path = link("confirm", registration)
    confirm = registering.confirm_registration

    def job_first(row):
        erase_unconfirmed(now=registration.created_at + timedelta(days=40))
        return confirm(row)

    monkeypatch.setattr(registering, "confirm_registration", job_first)
    response = client.post(path)

    assert response.status_code == 410
    assert 'data-reason="expired"' in response.content.decode()
    assert not Registration.objects.exists()


def test_confirm_of_a_cancelled_registration_is_410(client):
    registration = registered(make_event())
    client.post(link("cancel", registration))

    response = client.post(link("confirm", registration))

    assert response.status_code == 410
    assert 'data-reason="gone"' in response.content.decode()


def test_a_confirm_link_from_before_a_cancellation_cannot_bring_the_place_back(client):
    event = make_event()
    registration = registered(event)
    old_link = link("confirm", registration)
    client.post(link("cancel", registration))
    # Someone registers the address anew: a new confirmation email, a pending registration.
    renewed = register(event)
    assert renewed.pk == registration.pk
    assert renewed.status == RegistrationStatus.PENDING

    replayed_get, replayed_post = client.get(old_link), client.post(old_link)

    assert (replayed_get.status_code, replayed_post.status_code) == (410, 410)
    assert 'data-reason="superseded"' in replayed_post.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.PENDING
    # The link in the new email is the one that confirms.
    assert client.post(link("confirm", renewed)).status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


# --- Bad links ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LINKS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_or_mangled_token_is_404(client, name, method):
    registration = registered(make_event())
    good = link(name, registration)
    token = good.rstrip("/").split("/")[-1] if name not in ("registration_ics",) else None
    token = token or good.split("/")[-2]

    for bad in ("nonsense", token[:-2] + "xx", token + "x", "1", "%00", "a" * 500):
        url = good.replace(token, bad)
        response = getattr(client, method)(url)
        assert response.status_code in (404, 405), (url, response.status_code)
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def _other_purpose(name: str):
    return tokens.MANAGE if name in ("confirm", "join") else tokens.CONFIRM


@pytest.mark.parametrize("name", LINKS)
def test_a_token_made_for_another_purpose_is_404(client, name):
    registration = registered(make_event())
    other = _other_purpose(name).make(registration.pk)

    response = client.get(url_in("en", f"events:{name}", token=other))

    assert response.status_code == 404
    assert client.post(url_in("en", f"events:{name}", token=other)).status_code in (404, 405)
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("name", LINKS)
def test_an_expired_link_is_410_and_changes_nothing(client, settings, monkeypatch, name):
    registration = registered(make_event())
    url = link(name, registration)
    later = time.time() + settings.SIGNATURE_LINK_DAYS * 86400 + 60
    monkeypatch.setattr(time, "time", lambda: later)

    response = client.get(url)

    assert response.status_code == 410
    assert 'data-reason="expired"' in response.content.decode()
    assert_never_cached(response)
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("name", LINKS)
def test_a_link_of_an_erased_registration_is_404(client, name):
    registration = register(make_event())
    url = link(name, registration)
    Registration.objects.all().delete()

    assert client.get(url).status_code == 404


# --- The registrant's page -------------------------------------------------------------------


def test_the_page_of_a_confirmed_registrant_at_an_online_event(client, monkeypatch):
    event = make_event(format=EventFormat.ONLINE)
    registration = registered(event)
    # The links carry the second they were signed: the page's and the test's must agree.
    now = time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: now)

    response = client.get(link("manage", registration))

    assert response.status_code == 200
    assert_never_cached(response)
    page = response.content.decode()
    assert 'data-status="confirmed"' in page
    assert "You are registered: your place is confirmed." in page
    assert "check-in code" not in page
    assert f'href="{link("join", registration)}"' in page
    assert f'href="{link("registration_ics", registration)}"' in page
    assert f'href="{link("cancel", registration)}"' in page
    assert f'href="{link("data", registration)}"' in page
    assert f'href="{link("erase", registration)}"' in page
    assert '<meta name="robots" content="noindex">' in page


def test_an_in_person_registrant_sees_their_check_in_code_and_no_join_link(client):
    event = make_event(format=EventFormat.IN_PERSON, venue_name="Conway Hall")
    registration = registered(event)

    page = client.get(link("manage", registration)).content.decode()

    assert registration.check_in_code
    assert f'<strong class="check-in-code">{registration.check_in_code}</strong>' in page
    assert "/events/r/join/" not in page
    assert "Conway Hall" in page


def test_a_waitlisted_registrant_sees_their_place_in_the_queue(client):
    event = make_event(capacity=1)
    registered(event, "one@example.org")
    registered(event, "two@example.org")
    third = registered(event, "three@example.org")

    page = client.get(link("manage", third)).content.decode()

    assert 'data-status="waitlisted"' in page
    assert "You are on the waiting list: you are number 2." in page
    assert "/events/r/join/" not in page


def test_a_pending_and_a_cancelled_registrant(client):
    event = make_event()
    pending = register(event, "pending@example.org")
    cancelled = registered(event, "gone@example.org")
    client.post(link("cancel", cancelled))

    pending_page = client.get(link("manage", pending)).content.decode()
    cancelled_page = client.get(link("manage", cancelled)).content.decode()

    assert "Your address is not confirmed yet." in pending_page
    assert "Your registration is cancelled." in cancelled_page
    assert "register again" in cancelled_page
    assert "/cancel/" not in cancelled_page
    assert ".ics" not in cancelled_page


def test_the_registrants_page_in_spanish(client):
    registration = registered(make_event())

    page = client.get(link("manage", registration, "es")).content.decode()

    assert "Tu inscripción" in page
    assert "Reunión solidaria" in page


# --- Cancel and erase ------------------------------------------------------------------------


def test_cancel_get_asks_and_post_cancels_and_hands_the_place_on(client):
    event = make_event(capacity=1)
    first = registered(event, "one@example.org")
    waiting = registered(event, "two@example.org")

    asked = client.get(link("cancel", first))
    assert asked.status_code == 200
    assert_never_cached(asked)
    assert "Cancel my registration</button>" in asked.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED

    done = client.post(link("cancel", first))

    assert done.status_code == 200
    assert "Your registration is cancelled" in done.content.decode()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == (
        RegistrationStatus.CANCELLED,
        RegistrationStatus.CONFIRMED,
    )
    # Again: harmless, the same page.
    assert client.post(link("cancel", first)).status_code == 200


def test_cancel_after_the_event_is_over_changes_nothing(client):
    event = make_event(capacity=1)
    registration = registered(event)
    event.starts_at -= timedelta(days=30)
    event.ends_at -= timedelta(days=30)
    event.save()

    response = client.post(link("cancel", registration))

    assert response.status_code == 410
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_erase_get_asks_and_post_erases_the_registrant(client):
    registration = registered(make_event())

    asked = client.get(link("erase", registration))
    assert asked.status_code == 200
    assert "Erase everything</button>" in asked.content.decode()
    assert Registration.objects.count() == 1

    done = client.post(link("erase", registration))

    assert done.status_code == 200
    assert "Your data has been erased" in done.content.decode()
    assert not Registration.objects.filter(email="ana@example.org").exists()
    assert not Supporter.objects.filter(email_normalised="ana@example.org").exists()


def test_erase_of_an_unconfirmed_registration_deletes_it(client):
    registration = register(make_event())

    client.post(link("erase", registration))

    assert Registration.objects.count() == 0


# --- Calendar file and data ----------------------------------------------------------------------


def test_the_calendar_file_of_a_confirmed_registrant_carries_their_join_link(client):
    event = make_event()
    registration = registered(event)

    response = client.get(link("registration_ics", registration))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == event.starts_at
    description = str(vevent["description"])
    assert "/events/r/join/" in description.replace("\n", "")
    assert MEETING_URL not in response.content.decode()


def test_the_calendar_file_of_a_waitlisted_registrant_has_no_join_link(client):
    event = make_event(capacity=1)
    registered(event, "one@example.org")
    waiting = registered(event, "two@example.org")

    response = client.get(link("registration_ics", waiting))

    assert response.status_code == 200
    assert "/events/r/join/" not in response.content.decode().replace("\r\n ", "")


def test_no_calendar_file_for_a_cancelled_registration(client):
    registration = registered(make_event())
    client.post(link("cancel", registration))

    assert client.get(link("registration_ics", registration)).status_code == 410


def test_the_data_download(client):
    registration = registered(make_event(), access_needs="Captions")

    response = client.get(link("data", registration))

    assert response.status_code == 200
    assert_never_cached(response)
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert "ana@example.org" in json.dumps(data)
    assert "Captions" in json.dumps(data)


def test_the_data_download_of_an_unconfirmed_registration(client):
    registration = register(make_event())

    data = json.loads(client.get(link("data", registration)).content)

    assert data["event_registrations"][0]["email"] == "ana@example.org"


# --- Join --------------------------------------------------------------------------------------


def join(client, registration, language="en"):
    response = client.get(link("join", registration, language))
    assert_never_cached(response)
    return response


def test_join_before_it_opens_shows_the_time_and_a_countdown(client, settings):
    settings.EVENT_JOIN_OPENS_MINUTES = 15
    event = make_event(starts_in=timedelta(minutes=40))
    registration = registered(event)

    response = join(client, registration)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-state="early"' in page
    opens = event.local(event.starts_at - timedelta(minutes=15))
    assert f"The way in opens at {opens:%A} " in page
    assert f"{opens:%H:%M} (Europe/London" in page
    assert "data-countdown=" in page
    assert MEETING_URL not in page


def test_join_from_15_minutes_before_redirects_to_the_meeting_as_it_is_now(client, settings):
    settings.EVENT_JOIN_OPENS_MINUTES = 15
    event = make_event(starts_in=timedelta(minutes=10))
    registration = registered(event)
    event.meeting_url = "https://meet.example.org/changed-at-the-last-minute"
    event.save()

    response = join(client, registration)

    assert response.status_code == 302
    assert response["Location"] == "https://meet.example.org/changed-at-the-last-minute"
    assert response["Referrer-Policy"] == "no-referrer"


def test_join_during_the_event_redirects(client):
    event = make_event(starts_in=timedelta(minutes=-30))
    registration = registered(event)

    response = join(client, registration)

    assert (response.status_code, response["Location"]) == (302, MEETING_URL)


def test_join_with_no_meeting_address_yet_says_it_will_appear(client):
    event = make_event(starts_in=timedelta(minutes=5), meeting_url="")
    registration = registered(event)

    response = join(client, registration)

    assert response.status_code == 200
    assert "have not put the meeting's address in yet" in response.content.decode()


def test_join_after_the_end_leads_to_the_recording_and_report_back(client):
    event = make_event(starts_in=timedelta(minutes=10))
    registration = registered(event)
    event.starts_at -= timedelta(days=2)
    event.ends_at -= timedelta(days=2)
    event.save()

    response = join(client, registration)

    assert response.status_code == 200
    page = response.content.decode()
    assert "This event has ended." in page
    assert f'href="/en/events/{event.slug}/"' in page
    assert MEETING_URL not in page


def test_join_on_the_waiting_list_says_so(client):
    event = make_event(capacity=1, starts_in=timedelta(minutes=5))
    registered(event, "one@example.org")
    waiting = registered(event, "two@example.org")

    response = join(client, waiting)

    assert response.status_code == 200
    assert "You are on the waiting list (number 1)" in response.content.decode()
    assert MEETING_URL not in response.content.decode()


def test_join_unconfirmed_says_to_confirm_first(client):
    registration = register(make_event(starts_in=timedelta(minutes=5)))

    response = join(client, registration)

    assert response.status_code == 200
    assert "not confirmed yet" in response.content.decode()


def test_join_of_a_cancelled_registration_is_410(client):
    registration = registered(make_event(starts_in=timedelta(minutes=5)))
    client.post(link("cancel", registration))

    response = join(client, registration)

    assert response.status_code == 410
    assert MEETING_URL not in response.content.decode()


def test_join_of_a_cancelled_event_is_410(client):
    event = make_event(starts_in=timedelta(minutes=5))
    registration = registered(event)
    event.state = EventState.CANCELLED
    event.save()

    response = join(client, registration)

    assert response.status_code == 410
    assert "This event has been cancelled" in response.content.decode()


def test_join_of_a_postponed_event_says_so(client):
    event = make_event(starts_in=timedelta(minutes=5))
    registration = registered(event)
    event.state = EventState.POSTPONED
    event.save()

    response = join(client, registration)

    assert response.status_code == 200
    assert "postponed" in response.content.decode()


def test_join_of_an_in_person_event_gives_the_venue(client):
    event = make_event(
        starts_in=timedelta(minutes=5),
        format=EventFormat.IN_PERSON,
        venue_name="Conway Hall",
        venue_address="25 Red Lion Square",
    )
    registration = registered(event)

    response = join(client, registration)

    assert response.status_code == 200
    assert "Conway Hall" in response.content.decode()


def test_the_join_page_in_spanish(client):
    registration = registered(make_event(starts_in=timedelta(hours=3)))

    page = join(client, registration, "es").content.decode()

    assert "El acceso se abre" in page
