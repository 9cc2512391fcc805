"""views.statement_card: what only a statement's card does (a round count that changes its
ETag, a closed statement's card, the count in the page's og:image:alt) and the page's share
row. What every app's card does is tested in tests/test_share_cards.py."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from PIL import Image

from ayni.statements.enums import StatementState
from ayni.statements.models import StatementTally
from tests.factories import StatementFactory
from tests.share_cards import card_tags, share_tags

pytestmark = pytest.mark.django_db


def card_url(statement, language: str = "en") -> str:
    with translation.override(language):
        return reverse("statements:card", kwargs={"slug": statement.slug})


def get_card(client, statement, language: str = "en", **headers):
    return client.get(card_url(statement, language), HTTP_ACCEPT_LANGUAGE=language, **headers)


def set_count(statement, total: int) -> None:
    StatementTally.objects.filter(statement=statement).update(total=total)


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


def test_card_of_a_closed_statement_is_shown(client):
    statement = StatementFactory(state=StatementState.CLOSED)

    response = get_card(client, statement)

    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_statement_page_without_an_image_names_the_card_as_og_and_twitter_image(client):
    statement = StatementFactory()
    set_count(statement, 1_234)

    page = client.get(statement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    card = settings.SITE_URL + card_url(statement)
    assert card.startswith(("http://", "https://"))
    assert share_tags(page) == card_tags(card, "Stand with the people: 1,000+ signatures")


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
