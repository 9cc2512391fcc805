"""Whole public pages kept for a few seconds, for the pages every visitor opens first.

Measured (`make bench`, docs/performance.md): the home page renders each app's blocks and the
campaign's header on every request — about a fifth of the statement page's rate, which is
served from its own cache. Kept whole for PAGE_SECONDS per language, it answers at the
statement page's rate. What it may show late: a newly featured or published statement, for
those few seconds (the count in the lead block is polled live by the page anyway).

Only for pages that are the same for every anonymous reader of a language: a request that
carries a session or flash messages is rendered fresh, and so is anything but a 200.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

PAGE_SECONDS = 5


def is_personal(request: HttpRequest) -> bool:
    """A request whose page may hold something of its own (a logged-in user, a message)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def cached_page(
    request: HttpRequest, name: str, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """`render()`'s response, or the copy of it kept for this page and language."""
    if is_personal(request):
        return render()
    key = f"page:{name}:{get_language()}"
    content = cache.get(key)
    if content is not None:
        return HttpResponse(content)
    response = render()
    if response.status_code == 200 and not response.cookies:
        cache.set(key, response.content, PAGE_SECONDS)
    return response
