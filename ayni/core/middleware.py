"""Response headers for every page, the reader's time zone and language, and request bodies
we can read."""

from __future__ import annotations

import codecs
import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

# No inline script or style anywhere, and nothing from another host.
_POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]
CONTENT_SECURITY_POLICY = "; ".join(_POLICY)


def content_security_policy(*, frame_src: tuple[str, ...] = ()) -> str:
    """The policy, letting a page frame these origins too (a video player the visitor asked
    for by a click). A view sets it on its response; the middleware keeps a policy it finds."""
    if not frame_src:
        return CONTENT_SECURITY_POLICY
    return "; ".join([*_POLICY, "frame-src 'self' " + " ".join(frame_src)])


TIMEZONE_COOKIE = "ayni_tz"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "interest-cohort=(), browsing-topics=()")
        return response


class TimezoneMiddleware:
    """Activate the time zone a small script stored in a cookie (UTC-safe fallback: settings)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = request.COOKIES.get(TIMEZONE_COOKIE, "")
        if name and len(name) < 64:
            try:
                timezone.activate(zoneinfo.ZoneInfo(name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


def _language_cookie() -> dict[str, Any]:
    """The language cookie's attributes, as Django's set_language view sets them."""
    return {
        "max_age": settings.LANGUAGE_COOKIE_AGE,
        "path": settings.LANGUAGE_COOKIE_PATH,
        "domain": settings.LANGUAGE_COOKIE_DOMAIN,
        "secure": settings.LANGUAGE_COOKIE_SECURE,
        "httponly": settings.LANGUAGE_COOKIE_HTTPONLY,
        "samesite": settings.LANGUAGE_COOKIE_SAMESITE,
    }


class LanguageCookieMiddleware:
    """Remember the language of the pages a visitor reads, for the addresses without one.

    A page under /es/ is in Spanish whatever the browser says; the language cookie makes an
    old unprefixed address (a link in an email, a bookmark) lead to it too once the visitor
    chose it, by the language switch or a link shared in it. The cookie is set only when it
    changes where such an address leads (the page's language is not what the cookie, else
    the browser, already picks), so the usual response carries no Set-Cookie and stays
    cacheable; and only on pages (HTML), never on the JSON the pages poll.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
        ):
            language = translation.get_language_from_path(request.path_info)
            if language and language != translation.get_language_from_request(request):
                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, **_language_cookie())
        return response


class RequestEncodingMiddleware:
    """Answer a POST whose body we cannot read with the plain 400 page, in the reader's language.

    Only UTF-8 is read: a declared charset that is anything else (latin-1, an unknown name) is
    refused rather than turned into mojibake, and so are raw bytes that are not UTF-8 in a
    form body (percent-encoded ones reach the forms as U+FFFD, which they refuse with a
    message). The body is parsed here, once: a body Django refuses while parsing it (charset,
    size, number of fields) would otherwise be refused again by the CSRF check wrapped around
    Django's own 400 page, which ends as a 500. Sits after CsrfViewMiddleware, whose cookie
    then reaches the page, and runs before any view or CSRF check reads the body.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        charset = (request.content_params or {}).get("charset")
        if charset is not None:
            try:
                readable = codecs.lookup(charset).name in {"utf-8", "ascii"}
            except LookupError:
                readable = False
            if not readable:
                return self._bad_request(request, not_utf8=True)
            request.encoding = "utf-8"  # "utf8", "UTF-8", "us-ascii": one spelling for Django
        if request.content_type not in self.FORM_TYPES:
            return None
        try:
            if request.content_type == "application/x-www-form-urlencoded":
                request.body.decode("utf-8")
            request.POST  # noqa: B018 (parsing the body is the check)
        except UnicodeDecodeError:
            return self._bad_request(request, not_utf8=True)
        except (BadRequest, SuspiciousOperation, MultiPartParserError, UnreadablePostError):
            return self._bad_request(request, not_utf8=False)
        return None

    @staticmethod
    def _bad_request(request: HttpRequest, *, not_utf8: bool) -> HttpResponse:
        reason = (
            _(
                "Your browser sent text that is not in UTF-8, the only character encoding we "
                "read. Please go back and try again; if it happens again, try another browser."
            )
            if not_utf8
            else ""
        )
        return render(request, "400.html", {"reason": reason}, status=400)
