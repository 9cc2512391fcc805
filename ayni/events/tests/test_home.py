"""The events' block on the home page and their entry in the header."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse

from ayni.events.enums import EventState
from ayni.events.home import events_block
from ayni.events.tests.page_builders import make_event, url_in

pytestmark = pytest.mark.django_db


def test_no_upcoming_event_leaves_the_block_out(client):
    make_event(starts_in=timedelta(days=-5))
    make_event(state=EventState.DRAFT)
    make_event(state=EventState.CANCELLED)

    assert events_block(RequestFactory().get("/")) is None
    assert 'id="home-events-heading"' not in client.get(reverse("core:home")).content.decode()


def test_the_block_shows_the_next_three_open_events_soonest_first(client):
    events = [make_event(starts_in=timedelta(days=days)) for days in (9, 2, 5, 30)]
    make_event(state=EventState.POSTPONED, starts_in=timedelta(days=1))

    page = client.get(reverse("core:home")).content.decode()

    block = page.split('id="home-events-heading"')[1].split("</section>")[0]
    shown = [e for e in events if e.title_en in block]
    assert [e.title_en for e in sorted(shown, key=lambda e: block.index(e.title_en))] == [
        events[1].title_en,
        events[2].title_en,
        events[0].title_en,
    ]
    assert 'href="/en/events/"' in block
    assert "(Europe/London, UTC" in block


def test_the_block_and_the_header_in_spanish(client):
    make_event()

    page = client.get(url_in("es", "core:home")).content.decode()

    assert "Reunión solidaria" in page
    assert '<a href="/es/events/">Eventos</a>' in page
    assert "Próximamente" in page


def test_the_header_links_the_events_and_marks_the_list_as_current(client):
    page = client.get(reverse("events:list")).content.decode()

    assert '<a href="/en/events/" aria-current="page">Events</a>' in page
