"""views.pages.motion_card: what only a motion's card does (a verified adoption changes it,
the count in both languages and in the page's og:image:alt). What every app's card does is
tested in tests/test_share_cards.py."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ayni.core import card_cache
from ayni.motions.enums import Level
from ayni.motions.models import Motion
from ayni.motions.tests.factories import MotionFactory, publish_version, report, tree_body
from tests import share_cards
from tests.fixtures import spy_on

pytestmark = pytest.mark.django_db


def card_url(motion: Motion, language: str = "en") -> str:
    with translation.override(language):
        return reverse("motions:card", kwargs={"slug": motion.slug})


def get_card(client, motion: Motion, language: str = "en", **headers):
    return client.get(card_url(motion, language), HTTP_ACCEPT_LANGUAGE=language, **headers)


def motion_page(client, motion: Motion, language: str = "en") -> str:
    with translation.override(language):
        address = motion.get_absolute_url()
    return client.get(address, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.fixture
def motion() -> Motion:
    motion = MotionFactory(slug="bolivia")
    publish_version(motion)
    return motion


@pytest.fixture
def drawn(monkeypatch) -> list[dict]:
    """What each drawing was asked to show (the drawing still happens)."""
    return spy_on(monkeypatch, card_cache, "render_card")


def adopt(motion: Motion, name: str) -> None:
    report(motion, tree_body(name, Level.BRANCH))


def test_card_changes_with_a_verified_adoption_and_not_with_an_edit_it_does_not_show(
    client, motion, drawn
):
    before = get_card(client, motion)["ETag"]
    Motion.objects.filter(pk=motion.pk).update(explanation_en="A different explanation")
    unchanged = get_card(client, motion)["ETag"]
    adopt(motion, "Leeds Branch")

    adopted = get_card(client, motion)

    assert unchanged == before
    assert adopted["ETag"] != before
    assert [f["count_line"] for f in drawn] == [
        "No adoption has been verified yet.",
        "Adopted by 1 body",
    ]


def test_card_counts_the_adoptions_in_the_language_asked_for(client, motion, drawn):
    adopt(motion, "Leeds Branch")
    adopt(motion, "Hull Branch")

    english = get_card(client, motion, "en")
    spanish = get_card(client, motion, "es")

    assert (english["Content-Language"], spanish["Content-Language"]) == ("en", "es")
    assert english["ETag"] != spanish["ETag"]
    assert english.content != spanish.content
    assert [(f["title"], f["count_line"]) for f in drawn] == [
        ("Solidarity with Bolivia", "Adopted by 2 bodies"),
        ("Solidaridad con Bolivia", "Aprobada por 2 órganos"),
    ]


def test_motion_page_names_the_card_as_og_and_twitter_image(client, motion):
    adopt(motion, "Leeds Branch")

    page = motion_page(client, motion)

    card = settings.SITE_URL + card_url(motion)
    assert card.startswith(("http://", "https://"))
    assert share_cards.share_tags(page) == share_cards.card_tags(
        card, "Solidarity with Bolivia: Adopted by 1 body"
    )
