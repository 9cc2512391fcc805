"""The WSGI application gunicorn serves, with a one-second micro-cache for the live count.

Every open statement page polls `/<language>/s/<slug>/count.json` (the address in the page's
own language, like every address the page names), so in a busy campaign it is the
most requested address. Its answer is the same for everyone for a second at a time (the
view itself caches it that long, and the count only moves when the roll-up runs), yet
going through Django's request handling costs ~20 times more than the answer. So the
complete response Django gives (status, every header, body) is kept for one second, per
process, and handed out again to requests that are the same in everything Django's
middleware and the view look at. Anything unusual (another method, a cookie being set, a
status other than 200/304) goes to Django every time. The test client calls Django
directly, so the tests never see this layer; tests/live.py and the benchmarks do.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")

MICROCACHE_SECONDS = 1.0
MICROCACHE_ENTRIES = 512
# What any layer between the socket and the view reads from a count request. The language is
# in the path, so neither the browser's languages nor the language cookie matter.
KEY_HEADERS = (
    # the request itself
    "REQUEST_METHOD",
    "PATH_INFO",
    "QUERY_STRING",
    # the host and scheme (ALLOWED_HOSTS, SSL redirect)
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "wsgi.url_scheme",
    "HTTP_X_FORWARDED_PROTO",
    # the encodings the client takes (GZipMiddleware compresses a long enough answer)
    "HTTP_ACCEPT_ENCODING",
    # the conditional headers (304)
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
)

Entry = tuple[float, str, list[tuple[str, str]], bytes]


def count_path(languages: Iterable[str]) -> re.Pattern[str]:
    """The count's address in each language; the unprefixed old one is only a redirect."""
    prefixes = "|".join(re.escape(code) for code in languages)
    return re.compile(rf"/(?:{prefixes})/s/[-\w]+/count\.json")


class CountMicrocache:
    def __init__(self, application: Callable, languages: Iterable[str]) -> None:
        self.application = application
        self.count_path = count_path(languages)
        self.entries: dict[tuple, Entry] = {}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not self.count_path.fullmatch(
            environ.get("PATH_INFO", "")
        ):
            return self.application(environ, start_response)
        key = tuple(environ.get(name) for name in KEY_HEADERS)
        now = time.monotonic()
        entry = self.entries.get(key)
        if entry is not None and entry[0] > now:
            _expires, status, headers, body = entry
            start_response(status, list(headers))
            return [body]
        captured: list = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info=None):
            captured[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.application(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = captured
        shareable = status[:3] in ("200", "304") and not any(
            name.lower() == "set-cookie" for name, _value in headers
        )
        if shareable:
            if len(self.entries) >= MICROCACHE_ENTRIES:
                self.entries.clear()
            self.entries[key] = (now + MICROCACHE_SECONDS, status, list(headers), body)
        return [body]


def _application() -> CountMicrocache:
    django_application = get_wsgi_application()  # sets Django up: settings are readable now
    return CountMicrocache(django_application, [code for code, _name in settings.LANGUAGES])


application = _application()
