"""The newsroom's block on the home page (declared in platform.py): the latest three articles
for the page's language, or nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from ayni.newsroom import selectors

HOME_ARTICLES = 3


def news_block(request: HttpRequest) -> dict[str, Any] | None:
    articles = selectors.home_articles(
        (get_language() or settings.LANGUAGE_CODE)[:2], limit=HOME_ARTICLES
    )
    if not articles:
        return None
    return {"articles": articles}
