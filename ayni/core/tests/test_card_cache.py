"""core.card_cache: a declared card is drawn once, kept under its key and answered
conditionally."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from ayni.core.card_cache import CARD_MAX_AGE, KeptCard, card_key, card_response

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
