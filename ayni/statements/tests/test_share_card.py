"""A statement's share card: the round steps it is cached by, the count line, what it shows."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.utils import translation
from PIL import Image

from ayni.core import campaign as campaign_module
from ayni.core import card_cache
from ayni.core.campaign import forget_campaign, save_campaign
from ayni.core.models import Campaign
from ayni.statements.share_card import card_alt, count_line, count_step, statement_card
from tests.factories import StatementFactory
from tests.fixtures import spy_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(monkeypatch) -> list[dict]:
    """What each drawing was asked to show (the drawing still happens)."""
    return spy_on(monkeypatch, card_cache, "render_card")


# The live count and the count a card shows for it.
STEPS = {0: 0, 1: 1, 9: 9, 10: 10, 19: 10, 99: 90, 100: 100, 101: 100, 105: 100, 999: 900}
STEPS |= {1_000: 1_000, 1_234: 1_000, 9_999: 9_000, 12_345: 10_000, 1_000_001: 1_000_000}


@pytest.mark.parametrize(("total", "step"), STEPS.items())
def test_count_step_rounds_down_to_one_significant_figure(total, step):
    assert count_step(total) == step


def test_card_key_changes_when_the_count_crosses_a_step_and_not_before():
    statement = StatementFactory()

    keys = {
        total: statement_card(statement, language="en", total=total).key
        for total in (99, 100, 101, 105, 199, 200)
    }

    assert keys[99] != keys[100]
    assert keys[100] == keys[101] == keys[105] == keys[199]
    assert keys[199] != keys[200]


def test_card_key_changes_with_the_language_the_statement_and_the_campaigns_look():
    statement = StatementFactory()
    english = statement_card(statement, language="en", total=5)

    spanish = statement_card(statement, language="es", total=5)
    statement.goal = 50
    statement.save()
    edited = statement_card(statement, language="en", total=5)
    save_campaign(campaign=Campaign(name="Friends of Bolivia", accent_colour="#7c2d12"))
    forget_campaign()
    recoloured = statement_card(statement, language="en", total=5)

    assert len({english.key, spanish.key, edited.key, recoloured.key}) == 4
    assert len({english.etag, spanish.etag, edited.etag, recoloured.etag}) == 4


def test_card_png_is_drawn_once_per_step_then_served_from_the_cache(drawn):
    statement = StatementFactory()

    first = statement_card(statement, language="en", total=101).png()
    again = statement_card(statement, language="en", total=105).png()
    crossed = statement_card(statement, language="en", total=200).png()

    assert first == again
    assert crossed != first
    assert [fields["count_line"] for fields in drawn] == ["100+ signatures", "200+ signatures"]
    assert cache.get(statement_card(statement, language="en", total=150).key) == first


def test_card_png_shows_the_title_count_and_goal_in_the_cards_language(drawn):
    statement = StatementFactory(goal=5_000)

    english = statement_card(statement, language="en", total=1_234).png()
    spanish = statement_card(statement, language="es", total=1_234).png()

    assert [(f["title"], f["count_line"], f["detail_line"], f["progress"]) for f in drawn] == [
        ("Stand with the people", "1,000+ signatures", "Goal: 5,000 signatures", 0.2),
        ("Con el pueblo", "+1\xa0000 firmas", "Meta: 5\xa0000 firmas", 0.2),
    ]
    assert {f["colour"] for f in drawn} == {campaign_module.current_campaign().accent_colour}
    image = Image.open(io.BytesIO(english))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert english != spanish


@pytest.mark.parametrize(
    ("language", "total", "line"),
    [
        ("en", 0, "0 signatures"),
        ("en", 1, "1 signature"),
        ("en", 9, "9 signatures"),
        ("en", 10, "10+ signatures"),
        ("en", 2_000_000, "2,000,000+ signatures"),
        ("es", 1, "1 firma"),
        ("es", 7, "7 firmas"),
        ("es", 300, "+300 firmas"),
        ("es", 1_000_000, "+1\xa0000\xa0000 de firmas"),
    ],
)
def test_count_line_is_in_the_active_language(language, total, line):
    with translation.override(language):
        assert count_line(total) == line


def test_card_alt_names_the_title_and_the_count_shown():
    statement = StatementFactory()

    assert card_alt(statement, language="en", total=42) == ("Stand with the people: 40+ signatures")
    assert card_alt(statement, language="es", total=3) == "Con el pueblo: 3 firmas"


def test_card_shows_the_default_language_text_when_the_asked_one_is_missing(drawn):
    statement = StatementFactory(texts={"en": "Only in English"}, default_language="en")

    statement_card(statement, language="es", total=0).png()

    assert drawn[0]["title"] == "Only in English"
    assert drawn[0]["count_line"] == "0 firmas"


def test_card_of_a_statement_without_any_text_shows_its_address(drawn):
    statement = StatementFactory()
    statement.translations.all().delete()

    statement_card(statement, language="es", total=0).png()

    assert drawn[0]["title"] == statement.slug
