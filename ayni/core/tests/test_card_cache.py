"""core.card_cache: a declared card is drawn once, kept under its key and answered
conditionally."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from ayni.core import card_cache
from ayni.core.campaign import current_campaign
from ayni.core.card_cache import (
    CARD_MAX_AGE,
    CardText,
    KeptCard,
    campaign_card,
    card_key,
    card_response,
)
from tests.fixtures import spy_on

pytestmark = pytest.mark.django_db


def counting_card(key: str, drawings: list[int]) -> KeptCard:
    def draw() -> bytes:
        drawings.append(1)
        return b"\x89PNG drawn"

    return KeptCard(key=key, draw=draw)


def test_card_key_holds_for_the_same_showing_and_changes_with_any_part():
    same = card_key("thing-card", version=1, language="en", shown=("Title", 3))

    assert same == card_key("thing-card", version=1, language="en", shown=("Title", 3))
    others = {
        card_key("thing-card", version=2, language="en", shown=("Title", 3)),
        card_key("thing-card", version=1, language="es", shown=("Title", 3)),
        card_key("thing-card", version=1, language="en", shown=("Title", 4)),
        card_key("thing-card", version=1, language="en", shown=("Title 3",)),
        card_key("other-card", version=1, language="en", shown=("Title", 3)),
    }
    assert same not in others
    assert len(others) == 5


def test_card_response_draws_once_and_answers_its_etag_with_304():
    drawings: list[int] = []
    card = counting_card("thing-card:1:en:abc", drawings)
    factory = RequestFactory()

    first = card_response(factory.get("/card.png"), card)
    again = card_response(factory.get("/card.png"), card)
    cached = card_response(factory.get("/card.png", HTTP_IF_NONE_MATCH=card.etag), card)

    assert (first.status_code, first.content, first["Content-Type"]) == (
        200,
        b"\x89PNG drawn",
        "image/png",
    )
    assert again.content == first.content
    assert first["Cache-Control"] == f"public, max-age={CARD_MAX_AGE}"
    assert (cached.status_code, cached.content, cached["ETag"]) == (304, b"", card.etag)
    assert drawings == [1]


def test_campaign_card_asks_for_its_text_only_when_drawn_and_in_its_language(monkeypatch):
    asked: list[str | None] = []
    drawn = spy_on(monkeypatch, card_cache, "render_card")

    def text() -> CardText:
        asked.append(translation.get_language())
        return CardText(title="Título", count_line="3 firmas", progress=0.5)

    card = campaign_card("thing-card", version=1, language="es", shown=("Título", 3), text=text)
    etag = card.etag
    first, again = card.png(), card.png()

    assert etag == card.etag and first == again
    assert asked == ["es"]
    assert [(f["title"], f["count_line"], f["detail_line"], f["progress"]) for f in drawn] == [
        ("Título", "3 firmas", "", 0.5)
    ]
    assert drawn[0]["colour"] == current_campaign().accent_colour
    assert card.max_age == CARD_MAX_AGE
