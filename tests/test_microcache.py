"""The micro-cache (core/microcache.py) as ayni/wsgi.py puts it in front of count.json."""

from __future__ import annotations

import json

import pytest
from django.core import signals
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from ayni.core import microcache
from ayni.core.microcache import Microcache
from ayni.statements.services import roll_up_counts
from ayni.wsgi import count_microcache
from tests.factories import SignatureFactory, StatementFactory


class Counted:
    """A WSGI application that answers 200 and counts its calls."""

    def __init__(self, headers: list[tuple[str, str]] | None = None) -> None:
        self.calls = 0
        self.headers = headers or [("Content-Type", "application/json")]

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("200 OK", list(self.headers))
        return [f'{{"call": {self.calls}}}'.encode()]


def get(cache: Microcache, path: str, **headers: str) -> bytes:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, **headers}
    return b"".join(cache(environ, lambda status, headers, exc_info=None: None))


def test_the_count_in_each_language_is_kept_for_a_second():
    app = Counted()
    cache = count_microcache(app, ["en", "es"])

    first = get(cache, "/en/s/bolivia/count.json")
    again = get(cache, "/en/s/bolivia/count.json")
    spanish = get(cache, "/es/s/bolivia/count.json")

    assert (first, again, spanish) == (b'{"call": 1}', b'{"call": 1}', b'{"call": 2}')


def test_the_browsers_language_and_cookie_do_not_split_the_cache_but_its_encodings_do():
    # The language is in the path, so a prefixed count is the same for every browser; a
    # compressed answer must never reach a client that did not ask for gzip.
    app = Counted()
    cache = count_microcache(app, ["en", "es"])

    get(cache, "/en/s/bolivia/count.json", HTTP_ACCEPT_LANGUAGE="es")
    get(
        cache, "/en/s/bolivia/count.json", HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE="ayni_language=es"
    )
    gzipped = get(cache, "/en/s/bolivia/count.json", HTTP_ACCEPT_ENCODING="gzip")

    assert (app.calls, gzipped) == (2, b'{"call": 2}')


def test_other_addresses_and_answers_that_set_a_cookie_go_to_django_every_time():
    app = Counted()
    cache = count_microcache(app, ["en", "es"])
    for path in ("/s/bolivia/count.json", "/fr/s/bolivia/count.json", "/en/s/bolivia/"):
        get(cache, path)
        get(cache, path)
    assert app.calls == 6

    cookie = Counted([("Content-Type", "application/json"), ("Set-Cookie", "a=b")])
    cache = count_microcache(cookie, ["en", "es"])
    get(cache, "/en/s/bolivia/count.json")
    get(cache, "/en/s/bolivia/count.json")
    assert cookie.calls == 2


# --- Against Django's own answer ---------------------------------------------------------------


@pytest.fixture
def django_app():
    """Django's WSGI application, keeping the test's database connection across requests (as
    the test client does: closing it would end the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def answer(app, environ: dict) -> tuple[str, list[tuple[str, str]], bytes]:
    started = []
    result = app(
        dict(environ), lambda status, headers, exc_info=None: started.append((status, headers))
    )
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    status, headers = started[0]
    return status, list(headers), body


def count_environ(statement, language: str, method: str = "GET", **headers: str) -> dict:
    with translation.override(language):
        path = reverse("statements:count", kwargs={"slug": statement.slug})
    return RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD=method, **headers)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "method", "headers"),
    [
        ("en", "GET", {}),
        ("es", "GET", {}),
        ("en", "HEAD", {}),
        ("en", "GET", {"HTTP_ACCEPT_ENCODING": "gzip"}),
        ("en", "GET", {"HTTP_IF_NONE_MATCH": "*"}),
    ],
    ids=["en", "es", "head", "gzip", "not-modified"],
)
def test_the_kept_answer_is_djangos_answer_to_the_same_request(
    django_app, language, method, headers
):
    statement = StatementFactory(goal=100)
    SignatureFactory(statement=statement)
    roll_up_counts()
    cached = count_microcache(django_app, ["en", "es"])
    environ = count_environ(statement, language, method, **headers)

    first, kept = answer(cached, environ), answer(cached, environ)
    plain = answer(django_app, environ)

    assert first == kept == plain
    assert plain[0] in ("200 OK", "304 Not Modified")
    assert len(cached.entries) == 1  # the second answer came from the cache


@pytest.mark.django_db
def test_after_a_second_the_answer_is_djangos_new_answer(django_app, monkeypatch):
    statement = StatementFactory()
    cached = count_microcache(django_app, ["en", "es"])
    environ = count_environ(statement, "en")
    clock = [1000.0]
    monkeypatch.setattr(microcache.time, "monotonic", lambda: clock[0])
    before = answer(cached, environ)

    SignatureFactory(statement=statement)
    roll_up_counts()
    cache.clear()  # the view's own one-second cache ends too
    within = answer(cached, environ)
    clock[0] += 1.01
    after = answer(cached, environ)

    assert within == before
    assert after == answer(django_app, environ) != before
    assert json.loads(after[2])["count"] == 1
