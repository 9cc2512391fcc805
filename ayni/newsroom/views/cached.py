"""A public article's page, rendered once and served to every anonymous reader until it may
change.

Measured (`make bench`, docs/performance.md § Newsroom): rendered on every request, an article
page on a site of 20,000 articles costs about ten times the server CPU of the statement page,
which is served from its cache (the body's Markdown, the bylines, translations, "More from
this author", "Similar stories", the comments and their form). Kept whole through the shared
`core.page_cache.cached_form_page`, each reader gets their own CSRF token filled in.

Only a public article's page, for a reader with no session or messages and no query string
(`?replyto=`, `?preview=`): a members-only or metered article is always rendered by
`article.article_detail`, which decides what its reader may read (the meter), and so is any
page that is not a plain 200 or that carries its own Content-Security-Policy (a video's
player origins). The key holds `selectors.article_page_stamp`: the article saved or indexed
again, a comment posted, approved or removed shows at once; what the stamp does not see (a
new article entering its similar stories or its author's latest, an author's bio, a
moderator's edit of a comment's text) shows within `FORM_PAGE_SECONDS`. Tested against the plain rendering (tests/test_views_cached.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from ayni.core.page_cache import cached_form_page, is_personal
from ayni.newsroom import selectors
from ayni.newsroom.enums import Visibility
from ayni.newsroom.views import article
from ayni.newsroom.views.common import language

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NotKept(Exception):
    """A page not to keep: answered as it was rendered."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response


@require_safe
def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    if is_personal(request) or request.GET:
        return article.article_detail(request, slug)
    stamp = selectors.article_page_stamp(language(), slug)
    if stamp is None or stamp.visibility != Visibility.PUBLIC:
        return article.article_detail(request, slug)

    def render_page(slots: Mapping[str, str]) -> str:
        response = article.article_detail(request, slug)
        if response.status_code != 200 or response.has_header("Content-Security-Policy"):
            raise _NotKept(response)
        html = response.content.decode()
        for token in set(CSRF_VALUE.findall(html)):
            html = html.replace(token, slots["csrf"])
        return html

    indexed = stamp.indexed_at.timestamp() if stamp.indexed_at else 0
    key = (
        f"article-page:{stamp.pk}:{language()}:{stamp.updated_at.timestamp()}:{indexed}:"
        f"{stamp.comment_count}.{stamp.published_count}"  # type: ignore[attr-defined]
        # The comment form with or without the proof-of-work widget (COMMENT_REQUIRE_CHALLENGE).
        f":{int(settings.COMMENT_REQUIRE_CHALLENGE)}"
    )
    try:
        return HttpResponse(cached_form_page(request, key, render_page))
    except _NotKept as plain:
        return plain.response
