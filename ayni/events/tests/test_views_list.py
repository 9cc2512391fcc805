"""The events list (upcoming, past, filters) and its public calendar feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse

from ayni.events.enums import EventFormat, EventState, RegistrationStatus, Role
from ayni.events.services.registering import cancel_registration
from ayni.events.tests.page_builders import (
    appear,
    make_event,
    make_speaker,
    register,
    registered,
    url_in,
)

pytestmark = pytest.mark.django_db


def titles_in_order(page: str, events) -> list[str]:
    found = [(page.index(event.title_en), event.title_en) for event in events]
    return [title for _position, title in sorted(found)]


def test_upcoming_soonest_first_then_past_latest_first_and_no_drafts(client):
    later = make_event(starts_in=timedelta(days=20), title_en="Later meeting")
    sooner = make_event(starts_in=timedelta(days=2), title_en="Sooner meeting")
    long_ago = make_event(starts_in=timedelta(days=-60), title_en="Long ago meeting")
    recent = make_event(starts_in=timedelta(days=-3), title_en="Recent meeting")
    make_event(state=EventState.DRAFT, title_en="Secret draft")

    page = client.get(reverse("events:list")).content.decode()

    upcoming, past = page.split('id="past-heading"')
    assert titles_in_order(upcoming, [later, sooner]) == ["Sooner meeting", "Later meeting"]
    assert titles_in_order(past, [long_ago, recent]) == ["Recent meeting", "Long ago meeting"]
    assert "Secret draft" not in page


def test_each_item_has_its_time_in_its_zone_format_languages_and_places(client):
    event = make_event(
        starts_at=datetime(2031, 5, 16, 17, 0, tzinfo=UTC),
        time_zone="Europe/London",
        format=EventFormat.HYBRID,
        languages="en,es",
        capacity=5,
    )
    registered(event, "one@example.org")

    page = client.get(reverse("events:list")).content.decode()

    assert "Friday 16 May 2031, 18:00–20:00 (Europe/London, UTC+01:00)" in page
    assert "Hybrid" in page
    assert "English, Spanish" in page
    assert "4 places left" in page


def test_places_left_count_only_the_places_taken(client):
    event = make_event(capacity=5)
    registered(event, "one@example.org")
    registered(event, "two@example.org")
    register(event, "unconfirmed@example.org")
    cancel_registration(registered(event, "gone@example.org"))
    assert sorted(event.registrations.values_list("status", flat=True)) == sorted(
        [
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.PENDING,
            RegistrationStatus.CANCELLED,
        ]
    )

    page = client.get(reverse("events:list")).content.decode()

    assert "3 places left" in page


def test_a_full_event_says_the_next_ones_join_the_waiting_list(client):
    event = make_event(capacity=1)
    registered(event, "one@example.org")

    page = client.get(reverse("events:list")).content.decode()

    assert "Full — you will join the waiting list" in page
    assert "places left" not in page


def test_the_list_in_spanish(client):
    make_event(
        starts_at=datetime(2031, 5, 16, 17, 0, tzinfo=UTC),
        format=EventFormat.IN_PERSON,
        capacity=3,
    )

    page = client.get(url_in("es", "events:list")).content.decode()

    assert "<h1>Eventos</h1>" in page
    assert "Reunión solidaria" in page
    assert "viernes 16 de mayo de 2031, 18:00–20:00 (Europe/London, UTC+01:00)" in page
    assert "Presencial" in page
    assert "Quedan 3 plazas" in page


def test_filter_by_format_and_by_language_with_a_plain_get_form(client):
    online = make_event(title_en="Online talk", format=EventFormat.ONLINE, languages="en")
    london = make_event(title_en="London rally", format=EventFormat.IN_PERSON, languages="es")
    hybrid = make_event(title_en="Hybrid forum", format=EventFormat.HYBRID, languages="en,ay")

    in_person = client.get(reverse("events:list"), {"format": "in_person"}).content.decode()
    english = client.get(reverse("events:list"), {"language": "en"}).content.decode()
    both = client.get(
        reverse("events:list"), {"format": "hybrid", "language": "ay"}
    ).content.decode()

    assert (online.title_en in in_person, london.title_en in in_person) == (False, True)
    assert (online.title_en in english, hybrid.title_en in english) == (True, True)
    assert london.title_en not in english
    assert (hybrid.title_en in both, online.title_en in both) == (True, False)
    # The form is a plain GET form with its choices: no JavaScript needed.
    assert 'method="get"' in english
    assert '<option value="ay">' in english
    assert '<option value="en" selected>' in english


@pytest.mark.parametrize(
    "query",
    [{"format": "webinar"}, {"language": "xx"}, {"format": "x" * 5000}, {"language": "\x00"}],
)
def test_an_unknown_filter_value_is_said_and_not_applied(client, query):
    make_event(title_en="Online talk")

    response = client.get(reverse("events:list"), query)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice." in page
    assert "Online talk" in page


def test_nothing_matches_says_so(client):
    make_event(format=EventFormat.ONLINE)

    page = client.get(reverse("events:list"), {"format": "in_person"}).content.decode()

    assert "No upcoming event matches these filters." in page
    assert "Show all events" in page


def test_the_list_links_its_calendar_feed_in_the_head_and_the_page(client):
    page = client.get(reverse("events:list")).content.decode()

    head = page.split("</head>")[0]
    assert '<link rel="alternate" type="text/calendar" href="/en/events/feed.ics"' in head
    assert 'href="webcal://testserver/en/events/feed.ics"' in page or "webcal://" in page


def test_the_feed_serves_the_upcoming_public_events_as_a_calendar(client):
    soon = make_event(title_en="Soon meeting")
    cancelled = make_event(title_en="Called off", state=EventState.CANCELLED)
    make_event(title_en="Over already", starts_in=timedelta(days=-2))
    make_event(title_en="Not yet public", state=EventState.DRAFT)

    response = client.get(reverse("events:feed"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(v["summary"]): v for v in calendar.walk("VEVENT")}
    assert set(events) == {soon.title_en, cancelled.title_en}
    assert str(events["Called off"]["status"]) == "CANCELLED"
    assert events["Soon meeting"].decoded("dtstart") == soon.starts_at
    assert "meet.example.org" not in response.content.decode()


def test_the_feed_in_spanish_has_the_spanish_titles(client):
    make_event()

    response = client.get(url_in("es", "events:feed"))

    assert "Reunión solidaria" in response.content.decode()


def test_the_list_names_the_panel(client):
    event = make_event()
    appear(event, make_speaker("Bea Choque"), Role.SPEAKER, order=1)
    appear(event, make_speaker("Carla Condori"), Role.CHAIR, order=5)

    page = client.get(reverse("events:list")).content.decode()

    assert "With Carla Condori, Bea Choque" in page


@pytest.mark.parametrize("items", [1, 3])
def test_the_list_costs_the_same_queries_for_1_and_3_events(
    client, django_assert_num_queries, items
):
    for number in range(items):
        event = make_event(capacity=10)
        appear(event, make_speaker(f"Speaker {number}"))
        registered(event, f"person{number}@example.org")
        make_event(starts_in=timedelta(days=-10 - number))
    url = reverse("events:list")
    client.get(url)

    # the languages for the filter; upcoming events with their places taken, their panel,
    # their hosts; past events, their panel, their hosts
    with django_assert_num_queries(7):
        page = client.get(url).content.decode()

    assert page.count('class="card event-card"') == 2 * items
