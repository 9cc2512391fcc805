"""A motion's share card: what it shows, in which language, and when its key changes."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from PIL import Image

from ayni.core import card_cache
from ayni.core.campaign import forget_campaign, save_campaign
from ayni.core.models import Campaign
from ayni.motions.enums import Level
from ayni.motions.models import Motion
from ayni.motions.rollup import Rollup, motion_rollup
from ayni.motions.share_card import card_alt, motion_card
from ayni.motions.tests.factories import (
    MotionFactory,
    OrganisationFactory,
    publish_version,
    report,
    tree_body,
)
from tests.fixtures import spy_on

pytestmark = pytest.mark.django_db

NONE = Rollup(bodies=0, organisations=0, countries=0)
SOME = Rollup(bodies=42, organisations=3, countries=2)
ONE = Rollup(bodies=1, organisations=1, countries=1)


@pytest.fixture
def motion() -> Motion:
    return MotionFactory(slug="bolivia")


@pytest.fixture
def drawn(monkeypatch) -> list[dict]:
    """What each drawing was asked to show (the drawing still happens)."""
    return spy_on(monkeypatch, card_cache, "render_card")


def test_card_png_is_a_1200_by_630_png(motion):
    png = motion_card(motion, language="en", figures=SOME).png()

    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_card_shows_the_title_and_how_many_bodies_adopted_it(motion, drawn):
    motion_card(motion, language="en", figures=SOME).png()
    motion_card(motion, language="es", figures=ONE).png()

    shown = [(f["title"], f["count_line"], f["detail_line"]) for f in drawn]
    assert shown == [
        ("Solidarity with Bolivia", "Adopted by 42 bodies", "In 3 organisations and 2 countries"),
        ("Solidaridad con Bolivia", "Aprobada por 1 órgano", "En 1 organización y 1 país"),
    ]


def test_card_before_any_adoption_says_none_is_verified_yet(motion, drawn):
    motion_card(motion, language="en", figures=NONE).png()

    assert (drawn[0]["count_line"], drawn[0]["detail_line"]) == (
        "No adoption has been verified yet.",
        "",
    )


def test_card_counts_what_the_rollup_counts(motion, drawn):
    publish_version(motion)
    union = OrganisationFactory(name="Example Union")
    national = tree_body("EU Conference", Level.NATIONAL, organisation=union)
    report(motion, tree_body("Leeds Branch", Level.BRANCH, parent=national))
    report(motion, tree_body("Hull Branch", Level.BRANCH, parent=national))

    motion_card(motion, language="en", figures=motion_rollup(motion)).png()

    assert drawn[0]["count_line"] == "Adopted by 2 bodies"


def test_card_key_changes_with_the_count_title_language_and_campaigns_look(motion):
    keys = {
        motion_card(motion, language="en", figures=SOME).key,
        motion_card(motion, language="en", figures=ONE).key,
        motion_card(motion, language="es", figures=SOME).key,
    }
    motion.title_en = "Solidarity with Bolivia, amended"
    motion.save()
    keys.add(motion_card(motion, language="en", figures=SOME).key)
    save_campaign(campaign=Campaign(name="Friends of Bolivia", accent_colour="#7c2d12"))
    forget_campaign()
    keys.add(motion_card(motion, language="en", figures=SOME).key)

    assert len(keys) == 5


def test_card_is_kept_and_not_redrawn_for_an_edit_it_does_not_show(motion, drawn):
    card = motion_card(motion, language="en", figures=SOME)
    first = card.png()

    motion.explanation_en = "A longer explanation, not on the card."
    motion.save()
    again = motion_card(motion, language="en", figures=SOME)

    assert (again.key, again.etag) == (card.key, card.etag)
    assert again.png() == first
    assert cache.get(card.key) == first
    assert len(drawn) == 1


def test_card_alt_names_the_title_and_the_count(motion):
    assert card_alt(motion, language="en", figures=SOME) == (
        "Solidarity with Bolivia: Adopted by 42 bodies"
    )
    assert card_alt(motion, language="es", figures=NONE) == (
        "Solidaridad con Bolivia: Todavía no se ha verificado ninguna aprobación."
    )
