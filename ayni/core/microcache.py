"""A one-second, per-process cache of whole WSGI responses, in front of Django, for one address.

Measured (`make bench`'s "JSON count" rows and `bench/speedups.py`; figures in
docs/performance.md): every open statement page polls its live count, so in a busy campaign
`count.json` is the most requested address, yet going through Django's request handling costs
many times what the answer does. Its answer is the same for everyone for a second at a time (the
view itself caches it that long), so the complete response Django gives (status, every header,
body) is kept for `seconds`, per process, and handed out again to requests that are the same in
everything Django's middleware and the view look at (`KEY_HEADERS`). Anything unusual (another
method or address, a cookie being set, a status other than 200/304) goes to Django every time.

Tested against Django's own answer to the same request (tests/test_microcache.py). The test
client calls Django directly, so other tests never see this layer; tests/live.py and the
benchmarks do. Another address joins only when a benchmark shows Django's handling is its cost.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable

# What any layer between the socket and the view reads from a request to a cached address. The
# language is in the path, so neither the browser's languages nor the language cookie matter.
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


class Microcache:
    """WSGI middleware: GET and HEAD requests whose path fully matches `path` are answered from
    the cache for `seconds` after Django first answered them."""

    def __init__(
        self,
        application: Callable,
        path: re.Pattern[str],
        *,
        seconds: float = 1.0,
        entries: int = 512,
    ) -> None:
        self.application = application
        self.path = path
        self.seconds = seconds
        self.max_entries = entries
        self.entries: dict[tuple, Entry] = {}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not self.path.fullmatch(
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
            if len(self.entries) >= self.max_entries:
                self.entries.clear()
            self.entries[key] = (now + self.seconds, status, list(headers), body)
        return [body]
