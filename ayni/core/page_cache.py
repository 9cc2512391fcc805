"""Whole public pages kept for a few seconds, for the pages every visitor opens first.

Measured (`make bench`, docs/performance.md): the home page renders each app's blocks and the
campaign's header on every request — about a fifth of the statement page's rate, which is
served from its own cache. Kept whole for PAGE_SECONDS per language, it answers at the
statement page's rate. What it may show late: a newly featured or published statement, for
those few seconds (the count in the lead block is polled live by the page anyway).

Only for pages that are the same for every anonymous reader of a language: a request that
carries a session or flash messages is rendered fresh, and so is anything but a 200.

Pages with a form (a statement's, an event's) are the same for every reader but for the CSRF
token and what a link carries (an event's `?via=`): `cached_form_page` keeps them with a
placeholder for each, filled in per request. Each app keys its page on a stamp of what it shows,
and proves its cached page equal to its plain one (statements/page_cache.py, events/page_cache.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.crypto import salted_hmac
from django.utils.html import escape
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


# --- Pages with a form: the same for every reader but for the CSRF token ----------------------

# How long a page with a form is kept at most. Its key carries a stamp of what the page shows
# (the app's own), so a change that the stamp sees shows at once; anything else, within this.
FORM_PAGE_SECONDS = 10


@functools.cache
def placeholder(name: str, secret: str) -> str:
    """A stand-in for a per-reader value (`name`) in a kept page, that no visitor can type, so
    no name or comment can be taken for one. Derived from the secret key: never shown (every
    copy is filled in before it is sent), and the same in every process, should the cache be
    shared between them."""
    digest = salted_hmac("ayni.core.page-slot", name, secret=secret).hexdigest()
    return f"{name}-slot-{digest}"


def cached_form_page(
    request: HttpRequest,
    key: str,
    render: Callable[[Mapping[str, str]], str],
    *,
    fills: Mapping[str, str] | None = None,
) -> str:
    """The page kept under `key`, with this reader's CSRF token and `fills` (name → value, put
    in escaped) in their places. On a miss `render(slots)` makes the page with each value's
    placeholder where it goes: `slots["csrf"]` for the token and one per name in `fills`.

    The key is the caller's: it must tell apart everything else the page shows (language, the
    object's stamp), and be None'd by the caller for a personal request (`is_personal`)."""
    values = {"csrf": get_token(request)}
    values.update((name, escape(value)) for name, value in (fills or {}).items())
    slots = {name: placeholder(name, settings.SECRET_KEY) for name in values}
    html = cache.get(key)
    if html is None:
        html = render(slots)
        cache.set(key, html, FORM_PAGE_SECONDS)
    for name, value in values.items():
        html = html.replace(slots[name], value)
    return html
