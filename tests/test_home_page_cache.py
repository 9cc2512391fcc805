"""The home page's whole-page cache (core/page_cache.py) against the plainly rendered page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ayni.core import views
from ayni.statements.services import roll_up_counts
from tests.factories import SignatureFactory, StatementFactory

pytestmark = pytest.mark.django_db


def home_url(language: str) -> str:
    with translation.override(language):
        return reverse("core:home")


def plain_home(url: str, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The home page rendered for this request, as it is without the cache."""
    with monkeypatch.context() as patch:
        patch.setattr(views, "cached_page", lambda request, name, render: render())
        response = Client().get(url)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_kept_home_page_is_the_plain_home_page(monkeypatch, language):
    statement = StatementFactory(featured=True)
    SignatureFactory(statement=statement, name="Visible Vera")
    roll_up_counts()
    url = home_url(language)

    first, kept = Client().get(url), Client().get(url)

    assert first.status_code == kept.status_code == 200
    assert first.content == kept.content == plain_home(url, monkeypatch)
    assert f"/{language}/s/{statement.slug}/".encode() in first.content


def test_each_language_keeps_its_own_copy(monkeypatch):
    StatementFactory(featured=True)
    english, spanish = (Client().get(home_url(language)).content for language in ("en", "es"))

    assert english != spanish
    assert spanish == plain_home(home_url("es"), monkeypatch)


def test_a_reader_with_a_session_gets_a_fresh_page_and_leaves_no_copy(monkeypatch):
    first = StatementFactory(featured=True)
    with_session = Client()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    with_session.get(home_url("en"))
    first.featured = False
    first.save()
    second = StatementFactory(featured=True)

    again = with_session.get(home_url("en")).content
    anonymous = Client().get(home_url("en")).content

    assert f"/s/{second.slug}/".encode() in again
    assert anonymous == plain_home(home_url("en"), monkeypatch)  # no copy left by the session
