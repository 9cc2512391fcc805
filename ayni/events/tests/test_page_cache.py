"""The event page cache (events/page_cache.py) against the plainly rendered page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from ayni.core.page_cache import placeholder
from ayni.events.enums import EventState
from ayni.events.services.registering import cancel_registration
from ayni.events.tests.page_builders import at, make_event, registered, url_in
from ayni.events.views import page

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def without_token(html: str) -> str:
    assert len(TOKEN.findall(html)) == 1, "one CSRF token, in the register form"
    return TOKEN.sub('name="csrfmiddlewaretoken" value="TOKEN"', html)


def plain_page(url: str, monkeypatch: pytest.MonkeyPatch, **query: str) -> str:
    """The page as the view renders it for a reader who may not share the cached copy."""
    with monkeypatch.context() as patch:
        patch.setattr(page, "is_personal", lambda request: True)
        response = Client().get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def cached_pages(url: str, **query: str) -> tuple[str, str]:
    """The page as a first reader gets it (rendered into the cache) and a second (from it)."""
    first, second = (Client().get(url, query) for _reader in range(2))
    assert first.status_code == second.status_code == 200
    return first.content.decode(), second.content.decode()


def kept_pages() -> list[str]:
    return [key for key in cache._cache if "event-page:" in key]  # type: ignore[attr-defined]


@pytest.fixture
def event():
    return make_event(capacity=2)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_cached_page_is_the_plain_page_but_for_the_csrf_token(event, monkeypatch, language):
    url = url_in(language, "events:detail", slug=event.slug)

    first, second = cached_pages(url)
    plain = plain_page(url, monkeypatch)

    assert without_token(first) == without_token(second) == without_token(plain)
    assert event.title_en in plain or event.title_es in plain
    assert len(kept_pages()) == 1  # the fast path was taken


def test_each_reader_gets_their_own_token_and_no_placeholder(event):
    first, second = cached_pages(url_in("en", "events:detail", slug=event.slug))

    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)
    assert "-slot-" not in first
    assert placeholder("csrf", settings.SECRET_KEY) not in second


def test_each_hosts_link_fills_its_own_host_into_one_shared_copy(event, monkeypatch):
    url = url_in("en", "events:detail", slug=event.slug)

    from_one = Client().get(url, {"via": "tus"}).content.decode()
    from_another = Client().get(url, {"via": "branch-42"}).content.decode()

    assert 'name="via" value="tus"' in from_one
    assert 'name="via" value="branch-42"' in from_another
    assert without_token(from_another) == without_token(
        plain_page(url, monkeypatch, via="branch-42")
    )
    assert len(kept_pages()) == 1  # one copy for every host's link


@pytest.mark.parametrize("via", ['"><script>alert(1)</script>', "a b", "../admin"])
def test_a_via_that_is_no_hosts_name_fills_in_nothing(event, monkeypatch, via):
    url = url_in("en", "events:detail", slug=event.slug)

    first, _second = cached_pages(url, via=via)

    assert "<script>alert" not in first
    assert without_token(first) == without_token(plain_page(url, monkeypatch))


def test_a_place_taken_or_freed_shows_at_once(event, monkeypatch):
    url = url_in("en", "events:detail", slug=event.slug)
    cached_pages(url)

    ana = registered(event, "ana@example.org")
    registered(event, "bea@example.org")
    full, _again = cached_pages(url)
    assert without_token(full) == without_token(plain_page(url, monkeypatch))
    registered(event, "cai@example.org")  # waiting
    waiting, _again = cached_pages(url)
    assert without_token(waiting) == without_token(plain_page(url, monkeypatch))

    cancel_registration(ana)  # cai moves up
    after, _again = cached_pages(url)
    assert without_token(after) == without_token(plain_page(url, monkeypatch))
    assert len({full, waiting, after}) == 3


def test_an_edit_or_a_new_state_shows_at_once(event, monkeypatch):
    url = url_in("en", "events:detail", slug=event.slug)
    cached_pages(url)

    event.title_en = "A new title"
    event.save()
    edited, _again = cached_pages(url)
    assert "A new title" in edited

    event.state = EventState.CANCELLED
    event.save()
    cancelled = Client().get(url).content.decode()
    assert cancelled == plain_page(url, monkeypatch)  # no form, no token


def test_registration_opening_shows_the_moment_it_opens(monkeypatch):
    opens = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    event = make_event(registration_opens_at=opens)
    url = url_in("en", "events:detail", slug=event.slug)
    before = Client().get(url).content.decode()
    assert 'name="csrfmiddlewaretoken"' not in before

    monkeypatch.setattr(timezone, "now", at(opens + timedelta(seconds=1)))
    after, _again = cached_pages(url)

    assert without_token(after) == without_token(plain_page(url, monkeypatch))


def test_a_past_event_with_a_recording_keeps_the_players_policy(monkeypatch):
    event = make_event(
        starts_in=-timedelta(days=2), recording_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    url = url_in("en", "events:detail", slug=event.slug)

    first, second = (Client().get(url) for _reader in range(2))

    policy = "frame-src 'self' https://www.youtube-nocookie.com"
    assert first["Content-Security-Policy"].endswith(policy)
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert len(kept_pages()) == 1


def test_a_reader_with_a_session_never_gets_or_fills_the_shared_copy(event, monkeypatch):
    with_session = Client()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    calls = []
    monkeypatch.setattr(page, "cached_form_page", lambda *args, **kw: calls.append(args))

    response = with_session.get(url_in("en", "events:detail", slug=event.slug))

    assert response.status_code == 200 and calls == []
    assert kept_pages() == []


def test_a_draft_is_not_found_and_not_kept():
    draft = make_event(state=EventState.DRAFT)

    assert Client().get(url_in("en", "events:detail", slug=draft.slug)).status_code == 404
    assert kept_pages() == []
