"""What every app's share card answers (a cacheable, conditional 1200×630 PNG) and the
share-image tags a page declares for it (templates/core/_share_image_meta.html)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from django.http import HttpResponse
from PIL import Image

CARD_CACHE_CONTROL = "public, max-age=300"


def card_image(response: HttpResponse) -> Image.Image:
    """The card a response carries, once checked to be a cacheable 1200×630 PNG with an ETag."""
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == CARD_CACHE_CONTROL
    assert re.fullmatch(r'"[0-9a-f]{24}"', response["ETag"])
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "RGB")
    return image


def assert_answers_304_to_its_etag(get_card: Callable[..., HttpResponse]) -> None:
    """`get_card(**headers)` answers 304 without a body to its ETag, also weakened by a proxy,
    and the card itself to any other or malformed If-None-Match."""
    etag = get_card()["ETag"]

    same = get_card(HTTP_IF_NONE_MATCH=etag)
    weakened = get_card(HTTP_IF_NONE_MATCH=f'W/{etag}, "other"')
    other = get_card(HTTP_IF_NONE_MATCH='"not-the-card"')
    garbage = get_card(HTTP_IF_NONE_MATCH="\x00\u2603;;,,")

    assert (same.status_code, same.content, same["ETag"]) == (304, b"", etag)
    assert same["Cache-Control"] == CARD_CACHE_CONTROL
    assert (weakened.status_code, weakened.content) == (304, b"")
    card_image(other)
    card_image(garbage)


TAGS = [
    ("property", "og:image"),
    ("property", "og:image:type"),
    ("property", "og:image:width"),
    ("property", "og:image:height"),
    ("property", "og:image:alt"),
    ("name", "twitter:image"),
    ("name", "twitter:image:alt"),
    ("name", "twitter:card"),
]


def meta(page: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page)
    return found.group(1) if found else None


def share_tags(page: str) -> dict[str, str]:
    """The page's share-image tags that are there, by name."""
    found = {name: meta(page, attribute, name) for attribute, name in TAGS}
    return {name: content for name, content in found.items() if content is not None}


def card_tags(card_url: str, alt: str) -> dict[str, str]:
    """The tags of a page that names its share card at `card_url`, described as `alt`."""
    return {
        "og:image": card_url,
        "og:image:type": "image/png",
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": alt,
        "twitter:image": card_url,
        "twitter:image:alt": alt,
        "twitter:card": "summary_large_image",
    }
