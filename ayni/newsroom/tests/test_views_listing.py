"""The news pages: all sections, a section, a tag and an author, paginated; what each lists
(published articles only, one version of each translated article, the reader's language
first), their feed links, and their exact query counts with one and three articles."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from ayni.newsroom.enums import ArticleState
from ayni.newsroom.tests.factories import (
    AuthorFactory,
    TagFactory,
    draft,
    published,
    url_in,
)
from ayni.newsroom.views.listing import PER_PAGE

pytestmark = pytest.mark.django_db


def titles(page: str) -> list[str]:
    return re.findall(r'<h2 class="article-item-title"><a [^>]*>([^<]+)</a>', page)


def test_the_news_lists_published_articles_the_latest_first_and_never_a_draft(client):
    published(title="Older", ago=timedelta(days=2))
    published(title="Newer", ago=timedelta(days=1))
    draft(title="Draft news")
    draft(title="Scheduled news", state=ArticleState.SCHEDULED, publish_at="2099-01-01T00:00Z")

    page = client.get(url_in("en", "newsroom:index")).content.decode()

    assert titles(page) == ["Newer", "Older"]
    assert "Draft news" not in page and "Scheduled news" not in page
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/en/news/feed.rss"' in page


def test_a_translated_article_is_listed_once_in_the_readers_language(client):
    original = published(title="Solidarity with Bolivia", language="en")
    published(title="Solidaridad con Bolivia", language="es", translation_of=original)
    published(title="Only in English", language="en")

    english = titles(client.get(url_in("en", "newsroom:index")).content.decode())
    spanish_page = client.get(url_in("es", "newsroom:index")).content.decode()

    assert sorted(english) == ["Only in English", "Solidarity with Bolivia"]
    assert sorted(titles(spanish_page)) == ["Only in English", "Solidaridad con Bolivia"]
    # The untranslated article says its language and leads to its English address.
    assert '<a href="/en/news/' in spanish_page and "(Inglés)" in spanish_page


def test_a_section_lists_only_its_articles_and_an_unknown_section_is_404(client):
    published(title="An opinion", section="opinion")
    published(title="A report", section="report-back")

    page = client.get(url_in("en", "newsroom:section", section="opinion")).content.decode()
    unknown = client.get(url_in("en", "newsroom:section", section="sport"))

    assert titles(page) == ["An opinion"]
    assert 'aria-current="page">Opinion</a>' in page
    assert unknown.status_code == 404


def test_a_tag_lists_its_articles_and_an_unknown_tag_is_404(client):
    tag = TagFactory(name_en="Lithium", name_es="Litio")
    tagged = published(title="On lithium")
    tagged.tags.add(tag)
    published(title="Untagged")

    page = client.get(url_in("en", "newsroom:tag", slug=tag.slug)).content.decode()
    spanish = client.get(url_in("es", "newsroom:tag", slug=tag.slug)).content.decode()

    assert titles(page) == ["On lithium"]
    assert "Tagged “Lithium”" in page
    assert "«Litio»" in spanish or "Litio" in spanish
    assert client.get(url_in("en", "newsroom:tag", slug="nothing")).status_code == 404


def test_an_author_page_shows_their_bio_role_and_articles_only(client):
    author = AuthorFactory(name="Logan Rivers", bio_en="Teacher in Leeds.", role_en="NEU activist")
    published(title="Theirs", authors=[author])
    published(title="Someone else's")
    draft(title="Their draft")

    page = client.get(url_in("en", "newsroom:author", slug=author.slug)).content.decode()

    assert "<h1>Logan Rivers</h1>" in page
    assert "Teacher in Leeds." in page and "NEU activist" in page
    assert titles(page) == ["Theirs"]
    assert f'href="/en/news/author/{author.slug}/feed.atom"' in page
    assert client.get(url_in("en", "newsroom:author", slug="nobody")).status_code == 404


def test_the_news_is_paginated_and_a_page_past_the_end_or_not_a_number_is_404(client):
    for number in range(PER_PAGE + 1):
        published(title=f"Story {number:02d}", ago=timedelta(hours=number + 1))
    url = url_in("en", "newsroom:index")

    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()

    assert len(titles(first)) == PER_PAGE
    assert titles(second) == [f"Story {PER_PAGE:02d}"]
    assert 'rel="next" href="?page=2"' in first
    assert '<meta name="robots" content="noindex, follow">' in second
    assert client.get(url + "?page=3").status_code == 404
    assert client.get(url + "?page=x").status_code == 404


def test_an_article_by_two_authors_names_both_with_their_roles_in_order(client):
    first = AuthorFactory(name="Ben Hale", role_en="Islington North CLP")
    second = AuthorFactory(name="Ana Cruz", role_en="NEU activist")
    published(authors=[first, second])

    page = client.get(url_in("en", "newsroom:index")).content.decode()

    assert re.search(
        r"By <a [^>]+>Ben Hale</a><span class=\"byline-role\">, Islington North CLP</span> and "
        r"<a [^>]+>Ana Cruz</a>",
        page,
    )


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    ("page", "queries"), [("index", 3), ("section", 3), ("tag", 4), ("author", 4)]
)
def test_each_list_page_reads_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, count, page, queries
):
    author, tag = AuthorFactory(), TagFactory()
    for _number in range(count):
        article = published(authors=[author, AuthorFactory()])
        article.tags.add(tag)
    kwargs = {"index": {}, "section": {"section": "news"}, "tag": {"slug": tag.slug}}.get(
        page, {"slug": author.slug}
    )
    url = url_in("en", f"newsroom:{page}", **kwargs)
    client.get(url)  # the campaign and the session's first reads out of the way

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert len(titles(response.content.decode())) == count
