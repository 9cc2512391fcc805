"""The count.json micro-cache in ayni/wsgi.py, in front of a stand-in application."""

from __future__ import annotations

from ayni.wsgi import CountMicrocache


class Counted:
    """A WSGI application that answers 200 and counts its calls."""

    def __init__(self, headers: list[tuple[str, str]] | None = None) -> None:
        self.calls = 0
        self.headers = headers or [("Content-Type", "application/json")]

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("200 OK", list(self.headers))
        return [f'{{"call": {self.calls}}}'.encode()]


def get(cache: CountMicrocache, path: str, **headers: str) -> bytes:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, **headers}
    return b"".join(cache(environ, lambda status, headers, exc_info=None: None))


def test_the_count_in_each_language_is_kept_for_a_second():
    app = Counted()
    cache = CountMicrocache(app, ["en", "es"])

    first = get(cache, "/en/s/bolivia/count.json")
    again = get(cache, "/en/s/bolivia/count.json")
    spanish = get(cache, "/es/s/bolivia/count.json")

    assert (first, again, spanish) == (b'{"call": 1}', b'{"call": 1}', b'{"call": 2}')


def test_the_browsers_language_and_cookie_do_not_split_the_cache_but_its_encodings_do():
    # The language is in the path, so a prefixed count is the same for every browser; a
    # compressed answer must never reach a client that did not ask for gzip.
    app = Counted()
    cache = CountMicrocache(app, ["en", "es"])

    get(cache, "/en/s/bolivia/count.json", HTTP_ACCEPT_LANGUAGE="es")
    get(
        cache, "/en/s/bolivia/count.json", HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE="ayni_language=es"
    )
    gzipped = get(cache, "/en/s/bolivia/count.json", HTTP_ACCEPT_ENCODING="gzip")

    assert (app.calls, gzipped) == (2, b'{"call": 2}')


def test_other_addresses_and_answers_that_set_a_cookie_go_to_django_every_time():
    app = Counted()
    cache = CountMicrocache(app, ["en", "es"])
    for path in ("/s/bolivia/count.json", "/fr/s/bolivia/count.json", "/en/s/bolivia/"):
        get(cache, path)
        get(cache, path)
    assert app.calls == 6

    cookie = Counted([("Content-Type", "application/json"), ("Set-Cookie", "a=b")])
    cache = CountMicrocache(cookie, ["en", "es"])
    get(cache, "/en/s/bolivia/count.json")
    get(cache, "/en/s/bolivia/count.json")
    assert cookie.calls == 2
