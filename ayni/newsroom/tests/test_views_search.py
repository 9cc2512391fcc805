"""The news search page (views/search.py): what it finds (published articles in the page's
language, best first, the matched words marked and escaped, a gated article by its preview
only), what it answers to any text a reader may type (a message, never an error page), its
pages, its robots rules and its exact query counts with one and three hits. The suite runs on
SQLite (FTS5) and again on PostgreSQL (tsvector), so each case is proved on both."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection

from ayni.newsroom import indexing
from ayni.newsroom.enums import Visibility
from ayni.newsroom.models import Article
from ayni.newsroom.services.articles import unpublish_article
from ayni.newsroom.tests.factories import draft, published, url_in
from ayni.newsroom.views.search import MAX_PAGE, PER_PAGE

pytestmark = pytest.mark.django_db


def titles(page: str) -> list[str]:
    found = re.findall(r'<h2 class="article-item-title"><a [^>]*>([^<]+)</a>', page)
    return [html.unescape(title) for title in found]


def search(client, q: str | None, language: str = "en", **params: object):
    query = {"q": q, **params} if q is not None else params
    return client.get(url_in(language, "newsroom:search"), query)


def test_the_search_finds_published_articles_best_first_with_the_words_marked(client):
    published(
        title="Lithium and the salt flats",
        standfirst="Who gains from the brine.",
        body="The lithium of Uyuni is mined for batteries.\n\nThe water goes with it.",
    )
    published(
        title="A union conference",
        standfirst="Delegates met in Leeds.",
        body="One delegate spoke of lithium in passing, and of pay at length.",
    )
    published(title="Nothing to do with it", standfirst="About pay.", body="Pay and hours.")
    indexing.index_changed_articles()

    response = search(client, "lithium")
    page = response.content.decode()

    assert response.status_code == 200
    assert titles(page) == ["Lithium and the salt flats", "A union conference"]
    assert "<mark>lithium</mark>" in page.lower()
    assert "Who gains from the brine." in page  # the standfirst
    assert 'href="/en/news/section/news/">News</a>' in page  # the section


def test_drafts_and_articles_unpublished_since_they_were_indexed_are_not_found(client):
    shown = published(title="Lithium shown")
    hidden = published(title="Lithium withdrawn")
    draft(title="Lithium draft")
    indexing.index_changed_articles()
    unpublish_article(article=hidden)  # still in the index until the next run

    page = search(client, "lithium").content.decode()

    assert titles(page) == [shown.title]
    assert "withdrawn" not in page and "Lithium draft" not in page


def test_each_language_searches_its_own_articles_and_links_to_the_other(client):
    original = published(title="Solidarity with the miners", language="en")
    published(title="Solidaridad con los mineros", language="es", translation_of=original)
    indexing.index_changed_articles()

    english = search(client, "miners").content.decode()
    spanish = search(client, "mineros", language="es").content.decode()
    spanish_for_english = search(client, "miners", language="es").content.decode()

    assert titles(english) == ["Solidarity with the miners"]
    assert titles(spanish) == ["Solidaridad con los mineros"]
    assert titles(spanish_for_english) == []
    assert "Ningún artículo coincide con «miners»" in spanish_for_english
    assert 'href="/en/news/search/?q=miners"' in spanish_for_english
    assert "La misma búsqueda en los artículos en inglés" in spanish_for_english


def test_a_gated_article_is_found_by_its_preview_and_shows_no_snippet_of_its_body(client):
    body = (
        "An opening anyone may read about cobalt.\n\n"
        "A second paragraph anyone may read.\n\n"
        "Only members read of the zanzibar clause and its cobalt."
    )
    published(title="A members' story", body=body, visibility=Visibility.MEMBERS)
    indexing.index_changed_articles()

    found = search(client, "cobalt").content.decode()
    hidden = search(client, "zanzibar").content.decode()

    assert titles(found) == ["A members' story"]
    assert 'class="search-snippet"' not in found
    assert "zanzibar" not in found
    assert titles(hidden) == []


def test_a_public_article_turned_gated_since_it_was_indexed_leaks_no_snippet(client):
    body = "An opening.\n\nA second.\n\nThe zanzibar clause, for members once gated."
    article = published(title="Open then closed", body=body)
    indexing.index_changed_articles()
    Article.objects.filter(pk=article.pk).update(visibility=Visibility.MEMBERS)

    page = search(client, "zanzibar").content.decode()

    assert titles(page) == ["Open then closed"]
    assert "zanzibar clause" not in page.replace("<mark>", "").replace("</mark>", "")


def test_the_query_and_the_snippet_are_escaped(client):
    published(title="Duties", standfirst="Trade.", body="Tariffs rose from 5 < 7 & then fell.")
    indexing.index_changed_articles()

    script = search(client, "<script>alert(1)</script>").content.decode()
    found = search(client, "tariffs").content.decode()

    assert "<script>alert(1)" not in script
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in script
    assert titles(found) == ["Duties"]
    assert (
        '<p class="search-snippet"><mark>Tariffs</mark> rose from 5 &lt; 7 &amp; then fell' in found
    )


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Type a word or two to search for."),
        ("   ", "Type a word or two to search for."),
        ("lithium\x00", "This contains invisible control characters. Please remove them."),
        ("\x1b[31mlithium", "This contains invisible control characters. Please remove them."),
        ("lithium " * 1300, "Type at most 200 characters."),
        ("!!! ??? ... ;;", "search signs alone find nothing"),
        ('"', "search signs alone find nothing"),
        ("*", "search signs alone find nothing"),
        ("-", "search signs alone find nothing"),
        ("OR", "search signs alone find nothing"),
        ("-lithium", "search signs alone find nothing"),
    ],
)
def test_a_query_the_engine_cannot_use_gets_a_clear_message(client, q, message):
    published(title="Lithium for all")
    indexing.index_changed_articles()

    response = search(client, q)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert titles(response.content.decode()) == []


@pytest.mark.parametrize(
    "q",
    [
        "NEAR(lithium",
        "lithium*",
        'lithium" OR "',
        "lithium OR",
        "lithium -",
        "lithium AND( NOT ^ {title}: col:x",
        "'; DROP TABLE newsroom_article; --",
        "lithium') OR 1=1 --",
        "%' UNION SELECT password FROM auth_user --",
        "lithium\\",
    ],
)
def test_search_syntax_and_sql_in_a_query_are_only_words(client, q):
    published(title="Lithium for all")
    indexing.index_changed_articles()

    response = search(client, q)

    assert response.status_code == 200
    assert Article.objects.count() == 1
    assert titles(response.content.decode()) in (["Lithium for all"], [])


def test_without_a_query_the_page_is_the_form(client):
    response = search(client, None)
    page = response.content.decode()

    assert response.status_code == 200
    assert '<form class="news-search" method="get" action="/en/news/search/"' in page
    assert "leave a word out with -word" in page
    assert "errorlist" not in page


def test_search_pages_are_kept_out_of_search_engines(client):
    for response in (search(client, "lithium"), search(client, None), search(client, "")):
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_results_are_paged_and_a_page_past_them_or_the_bound_is_404(client):
    for number in range(PER_PAGE + 1):
        published(title=f"Lithium story {number:02d}")
    indexing.index_changed_articles()

    first = search(client, "lithium").content.decode()
    second = search(client, "lithium", page=2).content.decode()

    assert len(titles(first)) == PER_PAGE
    assert len(titles(second)) == 1
    assert set(titles(first)) | set(titles(second)) == {
        f"Lithium story {number:02d}" for number in range(PER_PAGE + 1)
    }
    assert 'rel="next" href="?q=lithium&amp;page=2"' in first
    assert 'rel="prev" href="?q=lithium&amp;page=1"' in second and 'rel="next"' not in second
    for page in (3, MAX_PAGE + 1, 0, "x", "-1", "9" * 40):
        assert search(client, "lithium", page=page).status_code == 404


def test_the_news_pages_have_the_search_box_in_both_languages(client):
    english = client.get(url_in("en", "newsroom:index")).content.decode()
    spanish = client.get(url_in("es", "newsroom:index")).content.decode()

    assert 'action="/en/news/search/" role="search"' in english
    assert "Search the news" in english
    assert 'action="/es/news/search/" role="search"' in spanish
    assert "Buscar en las noticias" in spanish


def test_the_search_page_speaks_spanish(client):
    published(title="Litio para todos", language="es")
    indexing.index_changed_articles()

    found = search(client, "litio", language="es").content.decode()
    refused = search(client, "¿?", language="es").content.decode()

    assert titles(found) == ["Litio para todos"]
    assert "<h1>Buscar en las noticias</h1>" in found
    assert "Escribe una palabra" in refused


@pytest.mark.parametrize("count", [1, 3])
def test_the_search_reads_in_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    for number in range(count):
        published(title=f"Lithium report {number}")
    published(title="Unrelated")
    indexing.index_changed_articles()
    search(client, "lithium")  # the campaign and the session's first reads out of the way
    # The engine: one query on PostgreSQL (ranked, with snippets); two on SQLite (the ranking,
    # then the snippets of the page's hits). Then the articles, and their bylines.
    engine = 1 if connection.vendor == "postgresql" else 2

    with django_assert_num_queries(engine + 2):
        response = search(client, "lithium")

    assert len(titles(response.content.decode())) == count
