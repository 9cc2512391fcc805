"""views.event_card: the share-card address (events:card), and the og:image / twitter:image
tags on the event page that name it when the event has no image of its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ayni.events import share_card
from ayni.events.enums import EventState
from ayni.events.models import Event
from ayni.events.tests.page_builders import make_event
from tests import share_cards
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
    return spy_on(monkeypatch, share_card, "render_card")


def test_card_is_a_cacheable_1200_by_630_png(client, event):
    response = get_card(client, event)

    share_cards.card_image(response)
    assert response["ETag"] == share_card.event_card(event, language="en").etag


def test_card_answers_304_to_its_etag_without_drawing(client, event, drawn):
    share_cards.assert_answers_304_to_its_etag(lambda **headers: get_card(client, event, **headers))

    assert len(drawn) == 1  # drawn once, then from the cache


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


def test_card_is_in_the_language_asked_for(client, event, drawn):
    english = get_card(client, event, "en")
    spanish = get_card(client, event, "es")

    assert (english["Content-Language"], spanish["Content-Language"]) == ("en", "es")
    assert english["ETag"] != spanish["ETag"]
    assert english.content != spanish.content
    assert [(f["title"], f["count_line"]) for f in drawn] == [
        ("Solidarity evening", "Thursday 16 May 2030"),
        ("Velada de solidaridad", "jueves 16 de mayo de 2030"),
    ]


@pytest.mark.parametrize("state", [EventState.CANCELLED, EventState.POSTPONED])
def test_card_of_a_cancelled_or_postponed_event_is_shown_with_its_state(client, drawn, state):
    event = make_event(starts_at=START, title_en="Solidarity evening", state=state)

    response = get_card(client, event)

    assert response.status_code == 200
    assert drawn[0]["count_line"] == f"{event.get_state_display()}: Thursday 16 May 2030"


def test_card_of_a_draft_or_unknown_event_is_404(client):
    draft = make_event(state=EventState.DRAFT)

    response = get_card(client, draft)
    unknown = client.get(reverse("events:card", kwargs={"slug": "no-such-event"}))

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert unknown.status_code == 404


def test_card_refuses_writes(client, event):
    response = client.post(card_url(event))

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_event_page_without_an_image_names_the_card_as_og_and_twitter_image(client, event):
    page = event_page(client, event)

    card = settings.SITE_URL + card_url(event)
    assert card.startswith(("http://", "https://"))
    assert share_cards.share_tags(page) == share_cards.card_tags(
        card, "Solidarity evening: Thursday 16 May 2030"
    )


def test_event_page_in_spanish_names_the_spanish_card(client, event):
    page = event_page(client, event, "es")

    assert share_cards.meta(page, "property", "og:image") == settings.SITE_URL + card_url(
        event, "es"
    )
    assert card_url(event, "es").startswith("/es/events/")
    assert share_cards.meta(page, "property", "og:image:alt") == (
        "Velada de solidaridad: jueves 16 de mayo de 2030"
    )


def test_event_page_with_an_image_names_that_image_not_the_card(client):
    event = make_event(image_alt="A rally in La Paz")
    Event.objects.filter(pk=event.pk).update(image="events/rally.jpg")  # as if uploaded

    page = event_page(client, event)

    image = f"{settings.SITE_URL}{settings.MEDIA_URL}events/rally.jpg"
    assert share_cards.meta(page, "property", "og:image") == image
    assert share_cards.meta(page, "property", "og:image:alt") == "A rally in La Paz"
    assert share_cards.meta(page, "name", "twitter:image") == image
    assert share_cards.meta(page, "name", "twitter:card") == "summary_large_image"
    assert "card.png" not in page
