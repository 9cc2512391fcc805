"""Every app's share card (ayni.core.card_cache): statements, events, motions and newsroom each
answer a cacheable, conditional 1200×630 PNG in the campaign's look and in the page's language,
404 for what the public may not see, and their pages name it in the share-image tags
(templates/core/_share_image_meta.html). What only one app's card shows (a statement's round
count, an event's time, a motion's adoptions) is tested in that app's test_views_card.py."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from PIL import Image

from ayni.core import card_cache
from ayni.core.campaign import current_campaign, forget_campaign, save_campaign
from ayni.core.models import Campaign
from ayni.events.enums import EventState
from ayni.events.models import Event
from ayni.events.tests.page_builders import make_event
from ayni.motions.enums import MotionState
from ayni.motions.tests.factories import MotionFactory, publish_version
from ayni.newsroom.enums import ArticleState
from ayni.newsroom.models import Article
from ayni.newsroom.tests.factories import draft, published
from ayni.statements.enums import StatementState
from ayni.statements.models import StatementTranslation
from tests.factories import StatementFactory
from tests.fixtures import spy_on
from tests.share_cards import card_image, card_tags, meta, share_tags

# Thursday 16 May 2030, 18:00 UTC: 19:00 in London (BST).
START = datetime(2030, 5, 16, 18, 0, tzinfo=UTC)


def public_statement(language: str) -> Model:
    return StatementFactory()


def statement_with_image() -> tuple[Model, str]:
    statement = StatementFactory(image="statements/rally.jpg")
    StatementTranslation.objects.filter(statement=statement, language="en").update(
        image_alt="A rally in La Paz"
    )
    return statement, "statements/rally.jpg"


def public_event(language: str) -> Model:
    return make_event(
        starts_at=START, title_en="Solidarity evening", title_es="Velada de solidaridad"
    )


def event_with_image() -> tuple[Model, str]:
    event = make_event(image_alt="A rally in La Paz")
    Event.objects.filter(pk=event.pk).update(image="events/rally.jpg")  # as if uploaded
    return event, "events/rally.jpg"


def public_motion(language: str) -> Model:
    motion = MotionFactory()
    publish_version(motion)
    return motion


def public_article(language: str) -> Article:
    """An article is written in one language, and its card is in that language."""
    title = {"en": "The march", "es": "La marcha"}[language]
    article = published(title=title, language=language, slug=f"march-{language}")
    Article.objects.filter(pk=article.pk).update(published_at=START)
    article.refresh_from_db()
    return article


def article_with_image() -> tuple[Model, str]:
    article = published(featured_image="news/rally.jpg", featured_image_alt="A rally in La Paz")
    return article, "news/rally.jpg"


@dataclass(frozen=True)
class App:
    card_name: str  # the card's URL name
    make: Callable[[str], Model]  # something the public may see, for a page in that language
    make_hidden: Callable[[], Model]  # a draft: 404 to the public, card and all
    alt: dict[str, str]  # the page's og:image:alt in each language
    max_age: int  # Cache-Control's max-age
    with_image: Callable[[], tuple[Model, str]] | None = None  # one with its own image (path)

    def __str__(self) -> str:
        return self.card_name.split(":")[0]


APPS = [
    App(
        card_name="statements:card",
        make=public_statement,
        make_hidden=lambda: StatementFactory(state=StatementState.DRAFT, opened_at=None),
        alt={"en": "Stand with the people: 0 signatures", "es": "Con el pueblo: 0 firmas"},
        max_age=300,
        with_image=statement_with_image,
    ),
    App(
        card_name="events:card",
        make=public_event,
        make_hidden=lambda: make_event(state=EventState.DRAFT),
        alt={
            "en": "Solidarity evening: Thursday 16 May 2030",
            "es": "Velada de solidaridad: jueves 16 de mayo de 2030",
        },
        max_age=300,
        with_image=event_with_image,
    ),
    App(
        card_name="motions:card",
        make=public_motion,
        make_hidden=lambda: MotionFactory(state=MotionState.DRAFT),
        alt={
            "en": "Solidarity with Bolivia: No adoption has been verified yet.",
            "es": "Solidaridad con Bolivia: Todavía no se ha verificado ninguna aprobación.",
        },
        max_age=300,
    ),
    App(
        card_name="newsroom:card",
        make=public_article,
        make_hidden=lambda: draft(state=ArticleState.DRAFT),
        alt={
            "en": "The march: News · 16 May 2030",
            "es": "La marcha: Noticias · 16 de mayo de 2030",
        },
        max_age=3600,
        with_image=article_with_image,
    ),
]

pytestmark = [pytest.mark.django_db, pytest.mark.parametrize("app", APPS, ids=str)]


def card_url(app: App, thing: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(app.card_name, kwargs={"slug": thing.slug})


def get_card(client, app: App, thing: Any, language: str = "en", **headers) -> HttpResponse:
    return client.get(card_url(app, thing, language), HTTP_ACCEPT_LANGUAGE=language, **headers)


def page(client, thing: Any, language: str = "en") -> str:
    with translation.override(language):
        address = thing.get_absolute_url()
    return client.get(address, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.fixture
def drawn(monkeypatch, app: App) -> list[dict]:
    """What each drawing was asked to show (the drawing still happens)."""
    return spy_on(monkeypatch, card_cache, "render_card")


def accent_rgb() -> tuple[int, ...]:
    colour = current_campaign().accent_colour
    return tuple(int(colour[start : start + 2], 16) for start in (1, 3, 5))


def test_card_is_a_cacheable_1200_by_630_png_in_the_campaign_colour(client, app):
    image = card_image(get_card(client, app, app.make("en")), max_age=app.max_age)

    assert image.getpixel((10, 10)) == accent_rgb()
    assert image.getpixel((1190, 620)) == accent_rgb()


def test_card_answers_304_to_its_etag_without_drawing_again(client, app, drawn):
    """304 without a body to its ETag, also weakened by a proxy; the card itself to any other
    or malformed If-None-Match; drawn once, then from the cache."""
    thing = app.make("en")
    etag = get_card(client, app, thing)["ETag"]

    same = get_card(client, app, thing, HTTP_IF_NONE_MATCH=etag)
    weakened = get_card(client, app, thing, HTTP_IF_NONE_MATCH=f'W/{etag}, "other"')
    other = get_card(client, app, thing, HTTP_IF_NONE_MATCH='"not-the-card"')
    garbage = get_card(client, app, thing, HTTP_IF_NONE_MATCH="\x00\u2603;;,,")

    assert (same.status_code, same.content, same["ETag"]) == (304, b"", etag)
    assert same["Cache-Control"] == f"public, max-age={app.max_age}"
    assert (weakened.status_code, weakened.content) == (304, b"")
    card_image(other, max_age=app.max_age)
    card_image(garbage, max_age=app.max_age)
    assert len(drawn) == 1


def test_card_shows_the_campaigns_colour_and_logo_and_changes_with_them(
    client, app, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    thing = app.make("en")
    before = get_card(client, app, thing)["ETag"]
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (0, 128, 0)).save(buffer, "PNG")
    logo = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    save_campaign(
        campaign=Campaign(
            name="Friends of Bolivia", accent_colour="#7c2d12", logo=logo, logo_alt="A wiphala"
        )
    )
    forget_campaign()

    response = get_card(client, app, thing)

    assert response["ETag"] != before
    image = Image.open(io.BytesIO(response.content))
    assert image.getpixel((10, 10)) == (0x7C, 0x2D, 0x12)
    # The logo, scaled to 120x60 inside the header, sits on a white plate at the left margin.
    assert image.getpixel((64 + 4, 56 + 40)) == (255, 255, 255)
    assert image.getpixel((64 + 10 + 60, 56 + 40)) == (0, 128, 0)


def test_card_is_in_the_pages_language(client, app, drawn):
    english = get_card(client, app, app.make("en"), "en")
    spanish = get_card(client, app, app.make("es"), "es")

    assert (english["Content-Language"], spanish["Content-Language"]) == ("en", "es")
    assert english["ETag"] != spanish["ETag"]
    assert english.content != spanish.content
    assert [f["title"] for f in drawn] == [
        app.alt["en"].split(":")[0],
        app.alt["es"].split(":")[0],
    ]


def test_card_of_a_draft_or_unknown_thing_is_404(client, app, drawn):
    hidden = app.make_hidden()

    response = get_card(client, app, hidden)
    unknown = client.get(reverse(app.card_name, kwargs={"slug": "no-such-thing"}))

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert unknown.status_code == 404
    assert drawn == []


def test_card_refuses_writes(client, app):
    response = client.post(card_url(app, app.make("en")))

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("language", ["en", "es"])
def test_page_without_an_image_names_its_card_as_og_and_twitter_image(client, app, language):
    thing = app.make(language)

    shown = page(client, thing, language)

    card = settings.SITE_URL + card_url(app, thing, language)
    assert card.startswith(("http://", "https://")) and f"/{language}/" in card
    assert share_tags(shown) == card_tags(card, app.alt[language])


def test_page_with_an_image_names_that_image_not_the_card(client, app):
    if app.with_image is None:
        pytest.skip(f"{app} pages have no image of their own")
    thing, path = app.with_image()

    shown = page(client, thing)

    image = f"{settings.SITE_URL}{settings.MEDIA_URL}{path}"
    assert meta(shown, "property", "og:image") == image
    assert meta(shown, "property", "og:image:alt") == "A rally in La Paz"
    assert meta(shown, "name", "twitter:image") == image
    assert meta(shown, "name", "twitter:card") == "summary_large_image"
    assert "card.png" not in shown
