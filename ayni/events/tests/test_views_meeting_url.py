"""The meeting's address is on no page and in no page's source: only the join link's redirect
leads to it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from ayni.events.enums import EventFormat, EventState, Role
from ayni.events.tests.page_builders import (
    appear,
    link,
    make_event,
    make_speaker,
    register,
    registered,
    url_in,
)

pytestmark = pytest.mark.django_db

MEETING = "https://zoom.example.org/j/98765-distinctive-secret?pwd=leak-me-not"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_meeting_address_is_in_no_public_or_personal_page(client, client_for, language):
    upcoming = make_event(meeting_url=MEETING, format=EventFormat.HYBRID, capacity=1)
    early = make_event(meeting_url=MEETING, starts_in=timedelta(hours=5))
    past = make_event(
        meeting_url=MEETING,
        starts_in=timedelta(days=-3),
        recording_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    draft = make_event(meeting_url=MEETING, state=EventState.DRAFT)
    speaker = make_speaker()
    appear(upcoming, speaker, Role.CHAIR)
    confirmed = registered(upcoming, "one@example.org")
    waiting = registered(upcoming, "two@example.org")
    pending = register(upcoming, "three@example.org")
    early_registrant = registered(early, "four@example.org")

    def url(name, **kwargs):
        return url_in(language, name, **kwargs)

    pages = [
        url("events:list"),
        url("events:feed"),
        url("events:detail", slug=upcoming.slug),
        url("events:detail", slug=early.slug),
        url("events:detail", slug=past.slug),
        url("events:detail", slug=upcoming.slug) + "?via=x",
        url("events:sent", slug=upcoming.slug),
        url("events:speaker", slug=speaker.slug),
        url("core:home"),
        *[
            link(name, registration, language)
            for registration in (confirmed, waiting, pending)
            for name in ("manage", "cancel", "erase", "registration_ics", "data", "confirm")
        ],
        link("join", waiting, language),
        link("join", pending, language),
        link("join", early_registrant, language),
        link("manage", early_registrant, language),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code in (200, 302), page
        assert "98765-distinctive-secret" not in response.content.decode(), page
    # An error on the form, and the preview for the back office, keep it out too.
    errors = client.post(url("events:register", slug=upcoming.slug), {"email": "x"})
    assert errors.status_code == 422
    assert "98765-distinctive-secret" not in errors.content.decode()
    preview = client_for("organiser").get(url("events:detail", slug=draft.slug), {"preview": "1"})
    assert preview.status_code == 200
    assert "98765-distinctive-secret" not in preview.content.decode()


def test_only_the_join_link_leads_to_it(client):
    event = make_event(meeting_url=MEETING, starts_in=timedelta(minutes=5))
    registration = registered(event)

    response = client.get(link("join", registration))

    assert response.status_code == 302
    assert response["Location"] == MEETING
    assert "98765-distinctive-secret" not in client.get(reverse("events:list")).content.decode()
