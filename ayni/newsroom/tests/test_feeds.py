"""The newsroom's feeds: Atom for the news, a section, a tag and an author, RSS for the news;
published articles only, in the reader's language, and only the opening of a gated one."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from defusedxml import ElementTree

from ayni.newsroom.enums import ArticleState
from ayni.newsroom.tests.factories import AuthorFactory, TagFactory, draft, published, url_in

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_titles(xml: bytes) -> list[str]:
    root = ElementTree.fromstring(xml)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_the_news_feed_carries_published_articles_the_latest_first(client):
    published(title="Older", ago=timedelta(days=2))
    published(title="Newer", ago=timedelta(days=1))
    draft(title="A draft")
    draft(title="Scheduled", state=ArticleState.SCHEDULED, publish_at="2099-01-01T00:00Z")

    response = client.get(url_in("en", "newsroom:feed"))

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert atom_titles(response.content) == ["Newer", "Older"]


def test_a_gated_article_carries_only_its_opening_in_the_feeds(client):
    published(title="Gated", visibility="metered")
    hidden = "The third paragraph is for those who read on."

    atom = client.get(url_in("en", "newsroom:feed")).content.decode()
    rss = client.get(url_in("en", "newsroom:rss")).content.decode()

    for feed in (atom, rss):
        assert "The first paragraph says what happened." in feed
        assert hidden not in feed
        assert "Read the whole article on the site." in feed


def test_a_public_article_carries_its_whole_text_in_the_feed(client):
    published(title="Open")

    atom = client.get(url_in("en", "newsroom:feed")).content.decode()

    assert "The fourth paragraph closes the article." in atom


def test_the_rss_feed_is_rss_2(client):
    published(title="Open", section="features")

    response = client.get(url_in("es", "newsroom:rss"))

    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert root.findtext("channel/item/title") == "Open"
    assert root.findtext("channel/item/category") == "Reportajes"
    assert root.findtext("channel/language") == "es"


def test_section_tag_and_author_feeds_carry_only_their_articles(client):
    author, tag = AuthorFactory(), TagFactory()
    theirs = published(title="Theirs", authors=[author], section="opinion")
    theirs.tags.add(tag)
    published(title="Other")

    section = client.get(url_in("en", "newsroom:section_feed", section="opinion")).content
    by_tag = client.get(url_in("en", "newsroom:tag_feed", slug=tag.slug)).content
    by_author = client.get(url_in("en", "newsroom:author_feed", slug=author.slug)).content

    assert atom_titles(section) == atom_titles(by_tag) == atom_titles(by_author) == ["Theirs"]
    assert client.get(url_in("en", "newsroom:tag_feed", slug="nothing")).status_code == 404
    assert client.get(url_in("en", "newsroom:section_feed", section="x")).status_code == 404


def test_the_feed_names_each_entry_by_a_stable_id_and_its_authors(client):
    author = AuthorFactory(name="Tim Hale")
    article = published(authors=[author])

    atom = client.get(url_in("en", "newsroom:feed")).content.decode()

    assert f"<id>http://127.0.0.1:8000/news/{article.pk}</id>" in atom
    assert re.search(r"<author><name>Tim Hale</name>", atom)


@pytest.mark.parametrize("count", [1, 3])
def test_a_feed_reads_in_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    for _number in range(count):
        published(authors=[AuthorFactory(), AuthorFactory()])
    url = url_in("en", "newsroom:feed")
    client.get(url)

    with django_assert_num_queries(2):  # the articles, their bylines
        response = client.get(url)

    assert len(atom_titles(response.content)) == count
