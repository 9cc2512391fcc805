"""views.statement_card: the share-card address (statements:card), and the og:image /
twitter:image tags on the statement page that name it."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from ayni.core.campaign import current_campaign, forget_campaign, save_campaign
from ayni.core.models import Campaign
from ayni.statements.enums import StatementState
from ayni.statements.models import StatementTally
from tests.factories import StatementFactory
from tests.share_cards import (
    assert_answers_304_to_its_etag,
    card_image,
    card_tags,
    meta,
    share_tags,
)

pytestmark = pytest.mark.django_db


def card_url(statement, language: str = "en") -> str:
    with translation.override(language):
        return reverse("statements:card", kwargs={"slug": statement.slug})


def get_card(client, statement, language: str = "en", **headers):
    return client.get(card_url(statement, language), HTTP_ACCEPT_LANGUAGE=language, **headers)


def set_count(statement, total: int) -> None:
    StatementTally.objects.filter(statement=statement).update(total=total)


def accent_rgb() -> tuple[int, int, int]:
    colour = current_campaign().accent_colour
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_card_is_a_cacheable_1200_by_630_png_in_the_campaign_colour(client):
    statement = StatementFactory()

    image = card_image(get_card(client, statement))

    assert image.getpixel((10, 10)) == accent_rgb()
    assert image.getpixel((1190, 620)) == accent_rgb()


def test_card_shows_the_campaigns_colour_and_logo_and_changes_with_them(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    statement = StatementFactory()
    before = get_card(client, statement)["ETag"]
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (0, 128, 0)).save(buffer, "PNG")
    logo = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    save_campaign(
        campaign=Campaign(
            name="Friends of Bolivia", accent_colour="#7c2d12", logo=logo, logo_alt="A wiphala"
        )
    )
    forget_campaign()

    response = get_card(client, statement)

    assert response["ETag"] != before
    image = Image.open(io.BytesIO(response.content))
    assert image.getpixel((10, 10)) == (0x7C, 0x2D, 0x12)
    # The logo, scaled to 120x60 inside the header, sits on a white plate at the left margin.
    assert image.getpixel((64 + 4, 56 + 40)) == (255, 255, 255)
    assert image.getpixel((64 + 10 + 60, 56 + 40)) == (0, 128, 0)


def test_card_answers_304_to_its_etag_without_a_body(client):
    statement = StatementFactory()
    assert_answers_304_to_its_etag(lambda **headers: get_card(client, statement, **headers))


def test_card_changes_when_the_count_crosses_a_round_step_and_not_in_between(client):
    statement = StatementFactory()

    def card_at(total: int) -> tuple[str, bytes]:
        set_count(statement, total)
        response = get_card(client, statement)
        return response["ETag"], response.content

    at_99, at_100, at_101, at_105 = (card_at(total) for total in (99, 100, 101, 105))

    assert at_99[0] != at_100[0]
    assert at_99[1] != at_100[1]
    assert at_100 == at_101 == at_105


def test_card_is_in_the_language_asked_for(client):
    statement = StatementFactory()

    english = get_card(client, statement, "en")
    spanish = get_card(client, statement, "es")

    assert english["Content-Language"] == "en"
    assert spanish["Content-Language"] == "es"
    assert english["ETag"] != spanish["ETag"]
    assert english.content != spanish.content


def test_card_of_a_closed_statement_is_shown(client):
    statement = StatementFactory(state=StatementState.CLOSED)

    response = get_card(client, statement)

    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_card_of_a_draft_or_unknown_statement_is_404(client):
    draft = StatementFactory(state=StatementState.DRAFT, opened_at=None)
    set_count(draft, 500)

    response = get_card(client, draft)
    unknown = client.get(reverse("statements:card", kwargs={"slug": "no-such-statement"}))

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert unknown.status_code == 404


def test_card_refuses_writes(client):
    statement = StatementFactory()

    response = client.post(card_url(statement))

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_statement_page_without_an_image_names_the_card_as_og_and_twitter_image(client):
    statement = StatementFactory()
    set_count(statement, 1_234)

    page = client.get(statement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    card = settings.SITE_URL + card_url(statement)
    assert card.startswith(("http://", "https://"))
    assert share_tags(page) == card_tags(card, "Stand with the people: 1,000+ signatures")


def test_statement_page_in_spanish_names_the_spanish_card(client):
    statement = StatementFactory()
    set_count(statement, 7)
    with translation.override("es"):
        address = statement.get_absolute_url()

    page = client.get(address, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert meta(page, "property", "og:image") == settings.SITE_URL + card_url(statement, "es")
    assert meta(page, "property", "og:image:alt") == "Con el pueblo: 7 firmas"


def test_statement_page_with_an_image_names_that_image_not_the_card(client):
    statement = StatementFactory(image="statements/rally.jpg")
    statement.translations.filter(language="en").update(image_alt="A rally in La Paz")

    page = client.get(statement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    image = f"{settings.SITE_URL}{settings.MEDIA_URL}statements/rally.jpg"
    assert meta(page, "property", "og:image") == image
    assert meta(page, "property", "og:image:alt") == "A rally in La Paz"
    assert meta(page, "name", "twitter:image") == image
    assert meta(page, "name", "twitter:card") == "summary_large_image"
    assert "card.png" not in page


@pytest.mark.parametrize(
    ("language", "copy", "copied", "share"),
    [
        ("en", "Copy link", "Link copied", "Share…"),
        ("es", "Copiar enlace", "Enlace copiado", "Compartir…"),
    ],
)
def test_share_row_offers_copy_and_share_buttons_for_the_script_to_reveal(
    client, language, copy, copied, share
):
    statement = StatementFactory()
    with translation.override(language):
        address = statement.get_absolute_url()

    page = client.get(address, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    link = settings.SITE_URL + address
    copy_button = re.search(r"<button [^>]*data-copy-link=[^>]*>([^<]*)</button>", page)
    share_button = re.search(r"<button [^>]*data-web-share[^>]*>([^<]*)</button>", page)
    assert copy_button and share_button
    assert copy_button.group(1) == copy
    assert f'data-copy-link="{link}"' in copy_button.group(0)
    assert f'data-copied="{copied}"' in copy_button.group(0)
    assert share_button.group(1) == share
    assert f'data-share-url="{link}"' in share_button.group(0)
    # Hidden until the script finds the browser able; the plain links are there regardless.
    assert copy_button.group(0).endswith(" hidden>" + copy + "</button>")
    assert share_button.group(0).endswith(" hidden>" + share + "</button>")
    assert 'role="status" data-share-status' in page
    assert "https://wa.me/?text=" in page
