"""The articles in the text index (ayni.newsroom.indexing) and "Similar stories"."""

from __future__ import annotations

import pytest

from ayni.core.textindex import selectors as textindex
from ayni.newsroom import indexing, selectors
from ayni.newsroom.enums import ArticleState, Visibility
from ayni.newsroom.models import Article
from ayni.newsroom.services.articles import delete_articles, save_article, unpublish_article
from ayni.newsroom.tests.factories import draft, published, url_in

pytestmark = pytest.mark.django_db

MINES = [
    ("Lithium mines and water", "Lithium mining drains the salt flats' water."),
    ("Who owns the lithium", "The lithium of the salt flats, its mines and who profits."),
    ("Salt flats after the mines", "Water, salt flats and lithium brine after mining."),
]
UNIONS = [
    ("Teachers' union backs the strike", "The teachers' union voted to strike over pay."),
    ("Strike ballot at the union branch", "A union branch ballot on strike action and pay."),
    ("Pay and the strike vote", "Union members vote on pay: the strike ballot result."),
]


def _articles(pairs, **fields):
    return [published(title=title, standfirst=standfirst, **fields) for title, standfirst in pairs]


def test_similar_stories_are_the_articles_on_the_same_topic():
    mines = _articles(MINES)
    unions = _articles(UNIONS)

    assert indexing.index_changed_articles() == 6

    for group in (mines, unions):
        for article in group:
            others = {other.pk for other in group} - {article.pk}
            assert {s.pk for s in selectors.similar_stories(article, limit=2)} == others


def test_indexing_twice_does_nothing_more_and_an_edit_is_indexed_again():
    mines = _articles(MINES)
    indexing.index_changed_articles()
    assert indexing.index_changed_articles() == 0

    edited = mines[0]
    edited.title, edited.standfirst = UNIONS[0]
    save_article(article=edited)
    assert indexing.index_changed_articles() == 1

    assert [hit.object_id for hit in textindex.search(kind="article", query="teachers")] == [
        edited.pk
    ]


def test_drafts_and_unpublished_articles_are_not_found_nor_similar():
    mines = _articles(MINES)
    hidden = draft(title="Lithium draft", standfirst="Lithium mines and salt flats water.")
    indexing.index_changed_articles()
    assert hidden.pk not in {s.pk for s in selectors.similar_stories(mines[0], limit=6)}

    unpublish_article(article=mines[1])
    indexing.index_changed_articles()

    assert Article.objects.get(pk=mines[1].pk).state == ArticleState.DRAFT
    assert [s.pk for s in selectors.similar_stories(mines[0], limit=6)] == [mines[2].pk]
    found = {hit.object_id for hit in textindex.search(kind="article", query="lithium")}
    assert found == {mines[0].pk, mines[2].pk}


def test_a_gated_articles_hidden_part_is_not_in_the_index():
    body = (
        "An opening anyone may read.\n\n"
        "A second paragraph anyone may read.\n\n"
        "Only members read of the zanzibar clause."
    )
    gated = published(title="A members' story", body=body, visibility=Visibility.MEMBERS)
    indexing.index_changed_articles()

    assert [h.object_id for h in textindex.search(kind="article", query="opening")] == [gated.pk]
    assert textindex.search(kind="article", query="zanzibar") == []
    assert "zanzibar" not in next(indexing.text_documents()).body


def test_text_documents_are_the_published_articles_only():
    shown = published(title="Shown")
    draft(title="Hidden")

    assert [document.object_id for document in indexing.text_documents()] == [shown.pk]


def test_the_article_page_lists_similar_stories_in_order(client):
    mines = _articles(MINES)
    _articles(UNIONS)
    indexing.index_changed_articles()
    expected = selectors.similar_stories(mines[0])

    page = client.get(url_in("en", "newsroom:article", slug=mines[0].slug)).content.decode()

    section = page.split('id="similar-heading"', 1)[1].split("</section>", 1)[0]
    positions = [section.index(story.title) for story in expected]
    assert positions == sorted(positions)
    # The two on its topic first.
    assert {story.pk for story in expected[:2]} == {mines[1].pk, mines[2].pk}


def test_an_article_with_nothing_indexed_has_no_similar_stories(client):
    article = published(title="Alone")

    page = client.get(url_in("en", "newsroom:article", slug=article.slug)).content.decode()

    assert selectors.similar_stories(article) == []
    assert "Similar stories" not in page


def _listed_anywhere(article_id: int, others: list[Article]) -> bool:
    return any(
        article_id in textindex.similar(kind="article", object_id=other.pk, limit=6)
        for other in others
    )


def test_an_unpublished_article_leaves_the_index_and_every_similar_list():
    mines = _articles(MINES)
    indexing.index_changed_articles()
    assert _listed_anywhere(mines[1].pk, mines)

    unpublish_article(article=mines[1])
    indexing.index_changed_articles()

    assert not _listed_anywhere(mines[1].pk, mines)
    assert textindex.similar(kind="article", object_id=mines[1].pk) == []
    assert mines[1].pk not in {h.object_id for h in textindex.search(kind="article", query="salt")}


def test_a_deleted_article_leaves_the_index_and_every_similar_list_at_once():
    mines = _articles(MINES)
    unions = _articles(UNIONS)
    indexing.index_changed_articles()

    assert delete_articles(articles=[mines[1], unions[0]]) == 2

    remaining = [mines[0], mines[2], unions[1], unions[2]]
    assert not _listed_anywhere(mines[1].pk, remaining)
    assert not _listed_anywhere(unions[0].pk, remaining)
    assert textindex.search(kind="article", query="teachers") == []
    assert {h.object_id for h in textindex.search(kind="article", query="lithium")} == {
        mines[0].pk,
        mines[2].pk,
    }
    # The lists that held them are worked out again without them, not left short.
    assert textindex.similar(kind="article", object_id=mines[0].pk, limit=6)[0] == mines[2].pk
    assert not Article.objects.filter(pk__in=[mines[1].pk, unions[0].pk]).exists()
    assert indexing.index_changed_articles() == 0
