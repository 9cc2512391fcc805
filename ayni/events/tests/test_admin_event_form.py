"""The event's edit form: times on the event's own clocks, the rules an event keeps, the
address made from the title, and what a save tells registrants."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.tests.admin_fixtures import (
    local,
    make_event,
    make_registration,
)

pytestmark = pytest.mark.django_db

ADD_URL = "admin:events_event_add"
INLINES = ("appearances", "agenda")


def form_data(**fields) -> dict[str, str]:
    data = {
        "title_en": "Solidarity with Bolivia",
        "summary_en": "The people in power",
        "format": "online",
        "time_zone": "America/La_Paz",
        "starts_at": "2026-11-20T19:00",
        "ends_at": "2026-11-20T21:00",
        "meeting_url": "https://meet.example.org/room",
        **fields,
    }
    for prefix in INLINES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def field_errors(response, field: str) -> list[str]:
    return list(response.context["adminform"].form.errors.get(field, []))


@pytest.fixture
def organiser_client(client_for):
    return client_for("organiser")


def test_the_edit_page_has_each_text_in_english_then_spanish(organiser_client):
    event = make_event()

    form = organiser_client.get(change_url(event)).context["adminform"]

    fieldsets = dict(form.fieldsets)
    assert fieldsets["Content"]["fields"] == [
        "title_en",
        "title_es",
        "slug",
        "summary_en",
        "summary_es",
        "description_en",
        "description_es",
        "image",
        "image_alt",
        "languages",
        "interpretation",
        "accessibility_en",
        "accessibility_es",
    ]
    assert fieldsets["After the event"]["fields"] == [
        "recording_url",
        "attendance",
        "report_back_en",
        "report_back_es",
        "follow_up_en",
        "follow_up_es",
        "statements",
    ]


@pytest.mark.parametrize(
    ("zone", "typed", "utc"),
    [
        # La Paz: UTC−4 all year.
        ("America/La_Paz", "2026-11-20T19:00", datetime(2026, 11, 20, 23, 0, tzinfo=UTC)),
        # London the day before the clocks go back (BST, UTC+1) and the day after (GMT).
        ("Europe/London", "2026-10-24T18:00", datetime(2026, 10, 24, 17, 0, tzinfo=UTC)),
        ("Europe/London", "2026-10-25T18:00", datetime(2026, 10, 25, 18, 0, tzinfo=UTC)),
        # Kolkata: UTC+5:30, a half-hour offset.
        ("Asia/Kolkata", "2026-11-20T19:00", datetime(2026, 11, 20, 13, 30, tzinfo=UTC)),
    ],
)
def test_times_are_typed_and_shown_on_the_events_clocks(organiser_client, zone, typed, utc):
    response = organiser_client.post(
        reverse(ADD_URL),
        form_data(time_zone=zone, starts_at=typed, ends_at=typed[:11] + "23:00"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    assert event.starts_at == utc
    assert event.slug == "solidarity-with-bolivia"
    page = organiser_client.get(change_url(event)).content.decode()
    assert f'name="starts_at" value="{typed}"' in page


def test_an_event_across_the_change_of_clocks_keeps_its_length(organiser_client):
    """Saturday 23:00 BST to Sunday 01:30 GMT (after the clocks went back) is 3½ hours."""
    response = organiser_client.post(
        reverse(ADD_URL),
        form_data(
            time_zone="Europe/London", starts_at="2026-10-24T23:00", ends_at="2026-10-25T02:30"
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.ends_at - event.starts_at).total_seconds() == 4.5 * 3600
    assert event.local(event.ends_at).tzname() == "GMT"


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        (
            "2026-10-25T01:30",
            "2026-10-25 01:30 happens twice in Europe/London: the clocks go back then. "
            "Choose a time outside that hour.",
        ),
        (
            "2026-03-29T01:30",
            "2026-03-29 01:30 does not exist in Europe/London: the clocks go forward then. "
            "Choose another time.",
        ),
    ],
)
def test_a_time_the_clocks_skip_or_repeat_is_refused(organiser_client, typed, error):
    response = organiser_client.post(
        reverse(ADD_URL),
        form_data(time_zone="Europe/London", starts_at=typed, ends_at=typed[:11] + "05:00"),
    )
    assert response.status_code == 200
    assert field_errors(response, "starts_at") == [error]
    assert not Event.objects.exists()


def test_editing_keeps_the_time_when_only_the_zone_shown_is_read(organiser_client):
    event = make_event(
        time_zone="Asia/Kolkata",
        starts_at=local("Asia/Kolkata", "2026-11-20T19:00"),
        ends_at=local("Asia/Kolkata", "2026-11-20T21:00"),
    )
    page = organiser_client.get(change_url(event)).content.decode()
    assert 'name="starts_at" value="2026-11-20T19:00"' in page
    assert 'name="ends_at" value="2026-11-20T21:00"' in page


BAD_INPUT = [
    ({"ends_at": "2026-11-20T18:00"}, "ends_at", "The event must end after it starts."),
    ({"ends_at": "2026-11-20T19:00"}, "ends_at", "The event must end after it starts."),
    (
        {"registration_closes_at": "2026-11-20T22:00"},
        "registration_closes_at",
        "Registration must close before the event ends.",
    ),
    (
        {
            "registration_opens_at": "2026-11-19T10:00",
            "registration_closes_at": "2026-11-18T10:00",
        },
        "registration_opens_at",
        "Registration must open before it closes.",
    ),
    (
        {"format": "in_person", "venue_address": "1 High St"},
        "venue_name",
        "An event in person or hybrid needs a venue.",
    ),
    (
        {"format": "hybrid", "venue_name": "Hall"},
        "venue_address",
        "Give the venue’s address: people need to find it.",
    ),
    (
        {"meeting_url": "http://meet.example.org/room"},
        "meeting_url",
        "The meeting address must start with https:// (a private, encrypted link).",
    ),
    ({"meeting_url": "not a url"}, "meeting_url", "Enter a valid URL."),
    ({"capacity": "0"}, "capacity", "Ensure this value is greater than or equal to 1."),
    ({"capacity": "-5"}, "capacity", "Ensure this value is greater than or equal to 0."),
    ({"starts_at": "tomorrow"}, "starts_at", "Enter a valid date/time."),
    ({"starts_at": "9999-12-31T23:00"}, "starts_at", "Enter a date between 2000 and 2999."),
    ({"starts_at": ""}, "starts_at", "This field is required."),
    ({"time_zone": "Mars/Olympus"}, "time_zone", None),
    ({"title_en": ""}, "title_en", "This field is required."),
    ({"summary_en": "Two\nlines"}, "summary_en", "Please keep this on one line."),
    ({"description_en": "<script>x</script>"}, "description_en", None),
]


@pytest.mark.parametrize(("fields", "field", "error"), BAD_INPUT)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_saved(
    organiser_client, fields, field, error
):
    response = organiser_client.post(reverse(ADD_URL), form_data(**fields))
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors, f"no error on {field}"
    if error is not None:
        assert error in errors
    assert not Event.objects.exists()


def test_bad_input_on_an_existing_event_changes_nothing(organiser_client):
    event = make_event()
    before = Event.objects.values().get(pk=event.pk)
    response = organiser_client.post(
        change_url(event), form_data(slug=event.slug, ends_at="2026-11-20T18:00")
    )
    assert response.status_code == 200
    assert Event.objects.values().get(pk=event.pk) == before


def test_a_title_typed_twice_gets_an_address_of_its_own(organiser_client):
    make_event(slug="solidarity-with-bolivia")
    response = organiser_client.post(reverse(ADD_URL), form_data())
    assert response.status_code == 302
    assert Event.objects.latest("pk").slug == "solidarity-with-bolivia-2"


def test_moving_a_published_event_raises_its_revision_and_tells_registrants(organiser_client):
    event = make_event(
        time_zone="America/La_Paz",
        starts_at=local("America/La_Paz", "2026-11-20T19:00"),
        ends_at=local("America/La_Paz", "2026-11-20T21:00"),
    )
    ana = make_registration(event, "Ana Flores")
    make_registration(event, "Pending Person", status=RegistrationStatus.PENDING)
    response = organiser_client.post(
        change_url(event),
        form_data(slug=event.slug, starts_at="2026-11-20T20:00", ends_at="2026-11-20T22:00"),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1
    assert event.starts_at == datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    assert list(EventEmail.objects.values_list("registration", "kind")) == [
        (ana.pk, EmailKind.RESCHEDULED)
    ]


def test_saving_without_moving_tells_nobody(organiser_client):
    event = make_event(
        time_zone="America/La_Paz",
        starts_at=local("America/La_Paz", "2026-11-20T19:00"),
        ends_at=local("America/La_Paz", "2026-11-20T21:00"),
    )
    make_registration(event, "Ana Flores")
    response = organiser_client.post(
        change_url(event), form_data(slug=event.slug, summary_en="New summary")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.summary_en, event.sequence) == ("New summary", 0)
    assert not EventEmail.objects.exists()


def test_more_places_promote_the_waiting_list_in_order(organiser_client):
    # Still to come: a place at an event that is over is no news to send.
    event = make_event(
        capacity=1,
        time_zone="America/La_Paz",
        starts_at=local("America/La_Paz", "2030-11-20T19:00"),
        ends_at=local("America/La_Paz", "2030-11-20T21:00"),
    )
    make_registration(event, "Ana Flores")
    first = make_registration(event, "Bea Mamani", status=RegistrationStatus.WAITLISTED)
    second = make_registration(event, "Carla Quispe", status=RegistrationStatus.WAITLISTED)
    Registration.objects.filter(pk=second.pk).update(
        waitlisted_at=first.waitlisted_at.replace(year=2030)
    )
    response = organiser_client.post(
        change_url(event),
        form_data(
            slug=event.slug,
            capacity="2",
            starts_at="2030-11-20T19:00",
            ends_at="2030-11-20T21:00",
        ),
    )
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {
        "Ana Flores": RegistrationStatus.CONFIRMED,
        "Bea Mamani": RegistrationStatus.CONFIRMED,
        "Carla Quispe": RegistrationStatus.WAITLISTED,
    }
    assert list(EventEmail.objects.values_list("registration", "kind")) == [
        (first.pk, EmailKind.PROMOTED)
    ]


def test_a_new_event_is_a_draft_and_its_state_is_not_a_field(organiser_client):
    response = organiser_client.post(reverse(ADD_URL), form_data(state="published"))
    assert response.status_code == 302
    assert Event.objects.get().state == EventState.DRAFT
