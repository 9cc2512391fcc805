"""The statement page cache (statements/page_cache.py) against the plainly rendered page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone, translation

from ayni.core.page_cache import placeholder
from ayni.statements import page_cache, views
from ayni.statements.enums import SignerKind
from ayni.statements.models import Statement
from ayni.statements.services import close_statement, roll_up_counts
from tests.factories import SignatureFactory, StatementFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page_url(statement: Statement, language: str) -> str:
    with translation.override(language):
        return statement.get_absolute_url()


def without_token(page: str) -> str:
    assert len(TOKEN.findall(page)) == 1, "one CSRF token, in the sign form"
    return TOKEN.sub('name="csrfmiddlewaretoken" value="TOKEN"', page)


def plain_page(url: str, monkeypatch: pytest.MonkeyPatch, **headers: str) -> str:
    """The page as the view renders it when it may not use the cache."""
    with monkeypatch.context() as patch:
        patch.setattr(page_cache, "page_cache_key", lambda request, slug: None)
        response = Client().get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def cached_pages(url: str, **headers: str) -> tuple[str, str]:
    """The page as the first reader gets it (rendered into the cache) and a second (from it)."""
    first, second = (Client().get(url, **headers) for _reader in range(2))
    assert first.status_code == second.status_code == 200
    return first.content.decode(), second.content.decode()


@pytest.fixture
def statement() -> Statement:
    statement = StatementFactory(goal=100, deadline=timezone.now() + timedelta(days=3))
    SignatureFactory(statement=statement, name="Visible Vera", country="BO")
    SignatureFactory(
        statement=statement, kind=SignerKind.ORGANISATION, organisation="Branch 42", country="PE"
    )
    roll_up_counts()
    return statement


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_cached_page_is_the_plain_page_but_for_the_csrf_token(statement, monkeypatch, language):
    url = page_url(statement, language)

    first, second = cached_pages(url)
    plain = plain_page(url, monkeypatch)

    assert without_token(first) == without_token(second) == without_token(plain)
    assert "Visible Vera" in plain and "Branch 42" in plain
    with translation.override(language):
        key = page_cache.page_cache_key(RequestFactory().get(url), statement.slug)
    assert key is not None and cache.get(key) is not None  # the fast path was taken


def test_each_reader_gets_their_own_token_in_the_cached_page(statement):
    first, second = cached_pages(page_url(statement, "en"))

    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)
    assert placeholder("csrf", settings.SECRET_KEY) not in first


def test_a_time_zone_cookie_gets_the_plain_page_of_its_zone(statement, monkeypatch):
    # The deadline is shown in the reader's zone, so the zones must not share a copy.
    url = page_url(statement, "en")
    cached_pages(url)  # a copy for the default zone is in the cache

    zoned = {"HTTP_COOKIE": "ayni_tz=America/La_Paz"}
    first, second = cached_pages(url, **zoned)

    assert without_token(first) == without_token(plain_page(url, monkeypatch, **zoned))
    assert without_token(first) == without_token(second)
    assert without_token(first) != without_token(plain_page(url, monkeypatch))  # zones differ


def test_after_a_roll_up_an_edit_or_closing_the_cached_page_is_the_new_plain_page(
    statement, monkeypatch
):
    url = page_url(statement, "en")
    cached_pages(url)

    SignatureFactory(statement=statement, name="Later Luis")
    roll_up_counts()
    after_roll_up, _again = cached_pages(url)
    assert "Later Luis" in after_roll_up
    assert without_token(after_roll_up) == without_token(plain_page(url, monkeypatch))

    statement.goal = 500
    statement.save()
    after_edit, _again = cached_pages(url)
    assert without_token(after_edit) == without_token(plain_page(url, monkeypatch))

    close_statement(statement=statement)
    after_closing = Client().get(url).content.decode()
    assert after_closing == plain_page(url, monkeypatch)  # closed: no sign form, no token


def test_a_reader_with_a_session_never_gets_or_fills_the_shared_copy(statement, monkeypatch):
    url = page_url(statement, "en")
    with_session = Client()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    calls = []
    monkeypatch.setattr(views, "cached_form_page", lambda *args: calls.append(args))

    response = with_session.get(url)

    assert response.status_code == 200 and calls == []
    assert "Visible Vera" in response.content.decode()


def test_a_draft_is_not_found_and_not_cached():
    draft = StatementFactory(state="draft")

    assert Client().get(page_url(draft, "en")).status_code == 404
    assert page_cache.page_cache_key(RequestFactory().get("/"), draft.slug) is None
