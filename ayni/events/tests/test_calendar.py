"""Calendar files read back with `icalendar`: the right instants in any zone and across a
daylight-saving change, a stable UID, SEQUENCE and cancellation, and RFC 5545's shape."""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from ayni.events.enums import EventState
from ayni.events.services.calendar import event_ics, event_uid, feed_ics
from ayni.events.tests.factories import EventFactory, edit_event

pytestmark = pytest.mark.django_db


def read(ics: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(ics)


def only_vevent(ics: bytes) -> icalendar.Event:
    (vevent,) = read(ics).walk("VEVENT")
    return vevent


def instant(vevent: icalendar.Event, name: str) -> datetime:
    """The property's time as an instant (Python compares and subtracts two times of one zone
    by their wall clocks, so across a change everything is compared in UTC)."""
    return vevent.decoded(name).astimezone(UTC)


def at(zone: str, *fields: int, fold: int = 0) -> datetime:
    return datetime(*fields, tzinfo=zoneinfo.ZoneInfo(zone), fold=fold)


@pytest.mark.parametrize(
    ("zone", "local_start", "utc_start"),
    [
        ("Europe/London", (2027, 5, 16, 18, 0), (2027, 5, 16, 17, 0)),  # BST
        ("Europe/London", (2027, 1, 16, 18, 0), (2027, 1, 16, 18, 0)),  # GMT
        ("America/La_Paz", (2027, 5, 16, 18, 0), (2027, 5, 16, 22, 0)),  # UTC-4, no DST
        ("Asia/Kolkata", (2027, 5, 16, 18, 0), (2027, 5, 16, 12, 30)),  # UTC+5:30
    ],
)
def test_the_times_read_back_as_the_same_instants_in_the_events_zone(zone, local_start, utc_start):
    starts = at(zone, *local_start)
    event = EventFactory(time_zone=zone, starts_at=starts, ends_at=starts + timedelta(hours=2))

    calendar = read(event_ics(event, language="en"))

    (vevent,) = calendar.walk("VEVENT")
    start, end = instant(vevent, "DTSTART"), instant(vevent, "DTEND")
    assert start == datetime(*utc_start, tzinfo=UTC)
    assert end - start == timedelta(hours=2)
    assert vevent["DTSTART"].params["TZID"] == zone
    local = vevent.decoded("DTSTART")
    assert (local.hour, local.minute) == local_start[3:]  # written as the local time
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [zone]


def test_an_event_across_the_spring_change_keeps_its_instants_and_length():
    # Madrid, 28 March 2027: 02:00 CET becomes 03:00 CEST. 01:30 to 04:00 local is 1.5 hours.
    starts = at("Europe/Madrid", 2027, 3, 28, 1, 30)
    ends = at("Europe/Madrid", 2027, 3, 28, 4, 0)
    event = EventFactory(time_zone="Europe/Madrid", starts_at=starts, ends_at=ends)

    vevent = only_vevent(event_ics(event, language="en"))

    assert instant(vevent, "DTSTART") == datetime(2027, 3, 28, 0, 30, tzinfo=UTC)
    assert instant(vevent, "DTEND") == datetime(2027, 3, 28, 2, 0, tzinfo=UTC)
    assert instant(vevent, "DTEND") - instant(vevent, "DTSTART") == timedelta(hours=1, minutes=30)


@pytest.mark.parametrize("fold", [0, 1])
def test_an_event_at_the_hour_that_happens_twice_reads_back_right(fold):
    # London, Sunday 25 October 2026: 01:30 happens at 00:30 UTC (BST), then at 01:30 (GMT).
    starts = at("Europe/London", 2026, 10, 25, 1, 30, fold=fold).astimezone(UTC)
    event = EventFactory(
        time_zone="Europe/London", starts_at=starts, ends_at=starts + timedelta(hours=1)
    )

    vevent = only_vevent(event_ics(event, language="en"))

    expected = datetime(2026, 10, 25, 0 + fold, 30, tzinfo=UTC)
    assert instant(vevent, "DTSTART") == expected
    assert instant(vevent, "DTEND") == expected + timedelta(hours=1)


def test_the_vtimezone_describes_both_sides_of_the_change():
    starts = at("Europe/London", 2027, 3, 28, 0, 30)
    event = EventFactory(
        time_zone="Europe/London", starts_at=starts, ends_at=starts + timedelta(hours=3)
    )

    (timezone,) = read(event_ics(event, language="en")).walk("VTIMEZONE")

    offsets = {(part.name, part["TZOFFSETTO"].td) for part in timezone.subcomponents}
    assert offsets >= {("STANDARD", timedelta(0)), ("DAYLIGHT", timedelta(hours=1))}


def test_the_uid_stays_and_the_sequence_rises_when_the_time_changes():
    event = EventFactory()
    first = only_vevent(event_ics(event, language="en"))
    assert first["SEQUENCE"] == 0

    event = edit_event(event, title_en="A new title", capacity=50)
    retitled = only_vevent(event_ics(event, language="en"))
    event = edit_event(
        event,
        starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.ends_at + timedelta(hours=1),
    )
    moved = only_vevent(event_ics(event, language="en"))
    event = edit_event(event, ends_at=event.ends_at + timedelta(minutes=30))
    longer = only_vevent(event_ics(event, language="en"))

    assert first["UID"] == retitled["UID"] == moved["UID"] == longer["UID"] == event_uid(event)
    assert (retitled["SEQUENCE"], moved["SEQUENCE"], longer["SEQUENCE"]) == (0, 1, 2)
    assert retitled["SUMMARY"] == "A new title"
    assert instant(moved, "DTSTART") == instant(first, "DTSTART") + timedelta(hours=1)
    assert event_uid(event).startswith(f"event-{event.pk}@")


def test_a_cancelled_event_is_a_cancellation():
    event = EventFactory()

    event = edit_event(event, state=EventState.CANCELLED)

    calendar = read(event_ics(event, language="en"))
    (vevent,) = calendar.walk("VEVENT")
    assert (calendar["METHOD"], vevent["STATUS"], vevent["SEQUENCE"]) == ("CANCEL", "CANCELLED", 1)
    assert str(vevent["ORGANIZER"]).startswith("mailto:")


def test_a_published_event_is_published_and_confirmed():
    calendar = read(event_ics(EventFactory(), language="en"))

    (vevent,) = calendar.walk("VEVENT")
    assert (calendar["METHOD"], vevent["STATUS"]) == ("PUBLISH", "CONFIRMED")


def test_the_registrants_file_is_in_their_language_with_their_join_link():
    event = EventFactory(
        title_en="Solidarity", title_es="Solidaridad", summary_es="El pueblo en el poder."
    )

    vevent = only_vevent(
        event_ics(event, language="es", join_url="https://ayni.example.org/es/events/r/join/t/")
    )

    assert vevent["SUMMARY"] == "Solidaridad"
    description = str(vevent["DESCRIPTION"])
    assert description.startswith("El pueblo en el poder.")
    assert "https://ayni.example.org/es/events/r/join/t/" in description
    assert f"/es/events/{event.slug}/" in str(vevent["URL"])
    assert event.meeting_url not in event_ics(event, language="es").decode()


def test_an_in_person_event_has_its_venue_as_the_location():
    event = EventFactory(format="in_person", venue_name="Conway Hall", venue_address="London")

    assert only_vevent(event_ics(event, language="en"))["LOCATION"] == "Conway Hall, London"


# --- RFC 5545's shape ---------------------------------------------------------------------------


def assert_rfc5545_shape(ics: bytes) -> None:
    assert ics.endswith(b"\r\n")
    lines = ics[:-2].split(b"\r\n")
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)  # CRLF only
    assert max(len(line) for line in lines) <= 75  # octets, folded
    ics.decode("utf-8")  # folding never splits a character
    unfolded = re.sub(rb"\r\n[ \t]", b"", ics).decode().split("\r\n")
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in unfolded
    assert any(line.startswith("PRODID:") for line in unfolded)
    calendar = read(ics)
    for vevent in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY"):
            assert required in vevent
        assert vevent.decoded("DTSTAMP").utcoffset() == timedelta(0)  # DTSTAMP in UTC


def test_the_files_have_rfc_5545_shape_even_with_long_lines_in_many_scripts():
    long_title = "Solidaridad con Bolivia — el pueblo en el poder, ñandú y acción 🌍✊ " * 3
    event = EventFactory(
        title_es=long_title[:200],
        summary_es="Año de lucha: «ningún paso atrás», con intérpretes de quechua y aymara. " * 4,
    )

    ics = event_ics(
        event, language="es", join_url="https://ayni.example.org/es/r/join/" + "x" * 120
    )

    assert_rfc5545_shape(ics)
    assert only_vevent(ics)["SUMMARY"] == long_title[:200]


def test_the_feed_holds_each_event_with_each_zone_once():
    london = EventFactory(time_zone="Europe/London", title_en="In London")
    la_paz = EventFactory(time_zone="America/La_Paz", title_en="In La Paz")
    kolkata = EventFactory(time_zone="Asia/Kolkata", title_en="In Kolkata")
    london_again = EventFactory(time_zone="Europe/London", title_en="London again")
    events = [london, la_paz, kolkata, london_again]

    ics = feed_ics(events, language="en", name="Ayni events")

    assert_rfc5545_shape(ics)
    calendar = read(ics)
    assert calendar["X-WR-CALNAME"] == "Ayni events"
    assert "METHOD" not in calendar  # a feed to subscribe to, not an invitation
    vevents = calendar.walk("VEVENT")
    assert [str(v["SUMMARY"]) for v in vevents] == [e.title_en for e in events]
    assert [str(v["UID"]) for v in vevents] == [event_uid(e) for e in events]
    assert [instant(v, "DTSTART") for v in vevents] == [e.starts_at for e in events]
    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == [
        "America/La_Paz",
        "Asia/Kolkata",
        "Europe/London",
    ]
    assert "ORGANIZER" not in vevents[0]
