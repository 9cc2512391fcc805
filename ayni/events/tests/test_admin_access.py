"""Every back-office page of events × every persona (tests/access.py): who gets in, who is
sent to the login page, and who gets the back office's own 403 page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ayni.events.enums import EventState
from ayni.events.models import Event, Registration
from ayni.events.tests.admin_fixtures import (
    make_event,
    make_host,
    make_registration,
)
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db

SEE = {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 200, "moderator": 200, "organiser": 200}
ORGANISERS = {
    "anonymous": LOGIN,
    "outsider": LOGIN,
    "viewer": 403,
    "moderator": 403,
    "organiser": 200,
}
AT_THE_DOOR = {
    "anonymous": LOGIN,
    "outsider": LOGIN,
    "viewer": 403,
    "moderator": 200,
    "organiser": 200,
}


@pytest.fixture
def event():
    event = make_event()
    make_registration(event, "Ana Flores", access_needs='=HYPERLINK("http://evil")')
    return event


def test_the_pages_everyone_in_the_back_office_may_see(client_for, event):
    registration = Registration.objects.get()
    host = make_host()
    for url in (
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_event_dashboard", args=[event.pk]),
        reverse("admin:events_registration_changelist"),
        reverse("admin:events_registration_change", args=[registration.pk]),
        reverse("admin:events_speaker_changelist"),
        reverse("admin:events_host_change", args=[host.pk]),
        reverse("admin:events_eventmessage_changelist"),
    ):
        assert_access(client_for, url, "get", SEE)


def test_only_organisers_add_events_speakers_and_hosts(client_for):
    for model in ("event", "speaker", "host"):
        assert_access(client_for, reverse(f"admin:events_{model}_add"), "get", ORGANISERS)


def test_only_organisers_export_and_message(client_for, event):
    responses = assert_access(
        client_for, reverse("admin:events_event_export", args=[event.pk]), "get", ORGANISERS
    )
    assert responses["organiser"]["Content-Type"] == "text/csv; charset=utf-8"
    responses = assert_access(
        client_for, reverse("admin:events_event_message", args=[event.pk]), "get", ORGANISERS
    )
    assert "Not allowed" in responses["moderator"].content.decode()


def test_the_403_is_the_back_offices_own_page(client_for, event):
    response = client_for("viewer").get(reverse("admin:events_event_export", args=[event.pk]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Your role in the back office does not include this page or action." in page
    assert reverse("admin:index") in page
    assert "Ana Flores" not in page


def test_moderators_and_organisers_check_people_in(client_for, event):
    url = reverse("admin:events_event_check_in", args=[event.pk])
    responses = assert_access(client_for, url, "get", AT_THE_DOOR)
    assert "0 checked in of 1 registered" in responses["moderator"].content.decode()
    code = Registration.objects.get().check_in_code or "NOCODE"
    assert_access(
        client_for,
        url,
        "post",
        {**AT_THE_DOOR, "moderator": 302, "organiser": 302},
        data={"code": code},
    )


def test_only_organisers_move_an_event_through_its_states(client_for):
    draft = make_event(state=EventState.DRAFT)
    url = reverse("admin:events_event_transition", args=[draft.pk, "publish"])
    expected = {**ORGANISERS, "organiser": 302}
    assert_access(client_for, url, "post", expected)
    assert Event.objects.get().state == EventState.PUBLISHED


def test_a_missing_event_is_a_404_for_those_who_may_see_events(client_for):
    for name in ("dashboard", "export", "message", "check_in"):
        url = reverse(f"admin:events_event_{name}", args=[9999])
        assert client_for("organiser").get(url).status_code == 404


def test_the_edit_page_links_only_the_pages_its_viewer_may_open(client_for, event):
    url = reverse("admin:events_event_change", args=[event.pk])
    links = {
        name: reverse(f"admin:events_event_{name}", args=[event.pk])
        for name in ("dashboard", "check_in", "message", "export")
    }
    shown = {
        persona: {name for name, link in links.items() if link in page}
        for persona in ("viewer", "moderator", "organiser")
        for page in [client_for(persona).get(url).content.decode()]
    }
    assert shown == {
        "viewer": {"dashboard"},
        "moderator": {"dashboard", "check_in"},
        "organiser": {"dashboard", "check_in", "message", "export"},
    }
