"""A public article's cached page (views/cached.py) against the plainly rendered page."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from ayni.core.page_cache import placeholder
from ayni.newsroom.enums import CommentStatus, Visibility
from ayni.newsroom.indexing import index_changed_articles
from ayni.newsroom.services.articles import save_article
from ayni.newsroom.tests.comment_factories import comment
from ayni.newsroom.tests.factories import AuthorFactory, published
from ayni.newsroom.views import cached

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def without_token(html: str) -> str:
    assert TOKEN.findall(html), "the comment form and its token"
    return TOKEN.sub('name="csrfmiddlewaretoken" value="TOKEN"', html)


def plain_page(url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(cached, "is_personal", lambda request: True)
        response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def two_readers(url: str) -> tuple[str, str]:
    first, second = (Client().get(url) for _reader in range(2))
    assert first.status_code == second.status_code == 200
    return first.content.decode(), second.content.decode()


def kept_pages() -> list[str]:
    return [key for key in cache._cache if "article-page:" in key]  # type: ignore[attr-defined]


@pytest.fixture
def story():
    author = AuthorFactory()
    article = published(authors=[author], title="Lithium and the salt flats")
    published(authors=[author], title="The salt flats' lithium brine")
    comment(article, text="Solidarity from Leeds.")
    index_changed_articles()
    return article


def test_the_cached_page_is_the_plain_page_but_for_the_csrf_token(story, monkeypatch):
    url = story.get_absolute_url()

    first, second = two_readers(url)
    plain = plain_page(url, monkeypatch)

    assert without_token(first) == without_token(second) == without_token(plain)
    assert "Solidarity from Leeds." in plain
    assert len(kept_pages()) == 1


def test_each_reader_gets_their_own_token_and_no_placeholder(story, settings):
    first, second = two_readers(story.get_absolute_url())

    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)
    assert placeholder("csrf", settings.SECRET_KEY) not in first + second


def test_a_kept_page_is_one_query(story, django_assert_num_queries):
    url = story.get_absolute_url()
    Client().get(url)

    with django_assert_num_queries(1):  # the stamp
        response = Client().get(url)

    assert "Lithium and the salt flats" in response.content.decode()


def test_an_edit_and_a_comment_show_at_once(story):
    url = story.get_absolute_url()
    two_readers(url)

    story.title = "Lithium, water and the salt flats"
    save_article(article=story)
    edited, _again = two_readers(url)
    comment(story, text="And from Cochabamba.", email="other@example.org")
    commented, _again = two_readers(url)
    removed = comment(story, text="Spam spam.", email="spam@example.org")
    removed.status = CommentStatus.REMOVED
    removed.save()
    after_removal, _again = two_readers(url)

    assert "Lithium, water and the salt flats" in edited
    assert "And from Cochabamba." in commented
    assert "Spam spam." not in after_removal
    assert len(kept_pages()) == 4


@pytest.mark.parametrize("visibility", [Visibility.METERED, Visibility.MEMBERS])
def test_a_gated_article_is_never_kept(visibility, monkeypatch):
    gated = published(visibility=visibility)

    first, _second = two_readers(gated.get_absolute_url())

    # What the reader may read is the article view's business (the meter), never a kept copy.
    assert kept_pages() == []
    assert without_token(first) == without_token(plain_page(gated.get_absolute_url(), monkeypatch))


def test_a_reply_link_a_preview_and_a_logged_in_reader_get_the_plain_page(story, client_for):
    url = story.get_absolute_url()

    Client().get(url, {"replyto": "1"})
    client_for("organiser").get(url)

    assert kept_pages() == []


def test_an_unknown_article_is_404_and_nothing_kept(client):
    assert client.get("/en/news/no-such-article/").status_code == 404
    assert kept_pages() == []


def test_a_moved_article_is_found_at_its_new_address_only(story):
    old = story.get_absolute_url()
    two_readers(old)

    story.slug = "lithium-salt-flats"
    save_article(article=story)

    assert Client().get(old).status_code == 404
    moved, _again = two_readers(story.get_absolute_url())
    assert "Lithium and the salt flats" in moved
