"""views.event_card: what only an event's card does (a new time changes it, a cancelled or
postponed event says so). What every app's card does is tested in tests/test_share_cards.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from ayni.core import card_cache
from ayni.events.enums import EventState
from ayni.events.models import Event
from ayni.events.tests.page_builders import make_event
from tests.fixtures import spy_on

pytestmark = pytest.mark.django_db

# Thursday 16 May 2030, 18:00 UTC: 19:00 in London (BST).
START = datetime(2030, 5, 16, 18, 0, tzinfo=UTC)


def card_url(event: Event, language: str = "en") -> str:
    with translation.override(language):
        return reverse("events:card", kwargs={"slug": event.slug})


def get_card(client, event: Event, language: str = "en", **headers):
    return client.get(card_url(event, language), HTTP_ACCEPT_LANGUAGE=language, **headers)


def event_page(client, event: Event, language: str = "en") -> str:
    with translation.override(language):
        address = event.get_absolute_url()
    return client.get(address, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.fixture
def event() -> Event:
    return make_event(
        starts_at=START, title_en="Solidarity evening", title_es="Velada de solidaridad"
    )


@pytest.fixture
def drawn(monkeypatch) -> list[dict]:
    """What each drawing was asked to show (the drawing still happens)."""
    return spy_on(monkeypatch, card_cache, "render_card")


def test_card_changes_with_a_new_time_and_not_with_an_edit_it_does_not_show(client, event):
    before = get_card(client, event)["ETag"]
    Event.objects.filter(pk=event.pk).update(summary_en="A different summary")
    event.refresh_from_db()
    unchanged = get_card(client, event)["ETag"]
    Event.objects.filter(pk=event.pk).update(
        starts_at=START + timedelta(days=1), ends_at=START + timedelta(days=1, hours=2)
    )

    moved = get_card(client, event)["ETag"]

    assert unchanged == before
    assert moved != before


@pytest.mark.parametrize("state", [EventState.CANCELLED, EventState.POSTPONED])
def test_card_of_a_cancelled_or_postponed_event_is_shown_with_its_state(client, drawn, state):
    event = make_event(starts_at=START, title_en="Solidarity evening", state=state)

    response = get_card(client, event)

    assert response.status_code == 200
    assert drawn[0]["count_line"] == f"{event.get_state_display()}: Thursday 16 May 2030"
