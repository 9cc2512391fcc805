"""Checks for a share card's response (a cacheable 1200×630 PNG) and the share-image tags a page
declares for it (templates/core/_share_image_meta.html); every app's card is tested with them
in tests/test_share_cards.py."""

from __future__ import annotations

import io
import re

from django.http import HttpResponse
from PIL import Image


def card_image(response: HttpResponse, *, max_age: int = 300) -> Image.Image:
    """The card a response carries, once checked to be a PNG of 1200×630 with an ETag, kept by
    clients for `max_age` seconds."""
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == f"public, max-age={max_age}"
    assert re.fullmatch(r'"[0-9a-f]{24}"', response["ETag"])
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "RGB")
    return image


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
