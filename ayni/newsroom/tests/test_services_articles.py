"""Saving an article (its address unique in its language, its byline, its translation), and
publishing, scheduling and unpublishing it, and the periodic job that publishes what is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ayni.newsroom.enums import ArticleState
from ayni.newsroom.models import Article
from ayni.newsroom.services import articles
from ayni.newsroom.tasks import periodic_publish_due
from ayni.newsroom.tests.factories import ArticleFactory, AuthorFactory, TagFactory, draft

pytestmark = pytest.mark.django_db


def new_article(**fields: object) -> Article:
    values = {
        "language": "en",
        "title": "Workers march in La Paz",
        "standfirst": "Thousands marched.",
        "body": "It was a big march.",
    }
    values.update(fields)
    return Article(**values)


def test_save_article_makes_the_address_from_the_title_and_sets_the_byline_in_order():
    first, second = AuthorFactory(), AuthorFactory()
    tag = TagFactory()

    article = articles.save_article(article=new_article(), authors=[second, first], tags=[tag])

    article.refresh_from_db()
    assert article.slug == "workers-march-in-la-paz"
    assert [b.author for b in article.bylines.all()] == [second, first]
    assert list(article.tags.all()) == [tag]
    assert article.state == ArticleState.DRAFT


def test_save_article_numbers_a_taken_address_in_the_same_language_only():
    articles.save_article(article=new_article())
    spanish = articles.save_article(article=new_article(language="es"))
    again = articles.save_article(article=new_article())

    assert spanish.slug == "workers-march-in-la-paz"
    assert again.slug == "workers-march-in-la-paz-2"


def test_save_article_refuses_an_address_taken_in_its_language():
    ArticleFactory(slug="taken", language="en")

    with pytest.raises(ValidationError) as error:
        articles.save_article(article=new_article(slug="taken"))

    assert "Another article in this language has this address." in str(error.value)
    assert Article.objects.count() == 1


def test_save_article_refuses_a_translation_in_its_original_language_or_of_a_translation():
    original = ArticleFactory(language="en")
    translation = ArticleFactory(language="es", translation_of=original)

    with pytest.raises(ValidationError, match="another language"):
        articles.save_article(article=new_article(language="en", translation_of=original))
    with pytest.raises(ValidationError, match="original article"):
        articles.save_article(article=new_article(language="en", translation_of=translation))
    assert Article.objects.count() == 2


def test_save_article_refuses_a_second_translation_in_one_language():
    original = ArticleFactory(language="en")
    ArticleFactory(language="es", translation_of=original)

    with pytest.raises(ValidationError, match="already has a translation"):
        articles.save_article(article=new_article(language="es", translation_of=original))


def test_save_article_refuses_a_translation_read_by_others_than_its_original():
    # Before: a translation kept a visibility of its own (public by default), so the Spanish
    # version of a metered or members-only article gave its whole text to everyone, linked
    # from the gated page's language switch.
    original = ArticleFactory(language="en", visibility="metered")

    with pytest.raises(ValidationError, match="read by whom its original is: Metered"):
        articles.save_article(article=new_article(language="es", translation_of=original))
    assert Article.objects.count() == 1


def test_changing_an_originals_visibility_carries_it_to_its_translations():
    original = ArticleFactory(language="en")
    translation = ArticleFactory(language="es", translation_of=original)
    before = translation.updated_at

    original.visibility = "members"
    articles.save_article(article=original)

    translation.refresh_from_db()
    assert translation.visibility == "members"
    assert translation.updated_at > before  # its cached page and index entry are made anew


def test_set_authors_refuses_an_author_named_twice():
    article = draft()
    author = AuthorFactory()

    with pytest.raises(ValidationError, match="once"):
        articles.set_authors(article=article, authors=[author, author])

    assert article.bylines.count() == 1


def test_publish_article_makes_it_public_and_keeps_its_first_date_when_republished():
    article = draft()

    articles.publish_article(article=article)
    first = article.published_at
    articles.unpublish_article(article=article)
    articles.publish_article(article=article)

    assert article.state == ArticleState.PUBLISHED
    assert first is not None
    assert article.published_at == first


def test_publish_article_refuses_an_article_without_an_author_and_changes_nothing():
    article = ArticleFactory()

    with pytest.raises(ValidationError, match="at least one author"):
        articles.publish_article(article=article)

    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT
    assert article.published_at is None


def test_schedule_article_refuses_a_moment_in_the_past():
    article = draft()

    with pytest.raises(ValidationError, match="future"):
        articles.schedule_article(article=article, publish_at=timezone.now() - timedelta(1))

    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT


def test_a_scheduled_article_is_published_by_the_periodic_job_once_due_and_only_once():
    article = draft()
    moment = timezone.now() + timedelta(hours=2)
    articles.schedule_article(article=article, publish_at=moment)

    assert articles.publish_due_articles(now=moment - timedelta(minutes=1)) == 0
    assert articles.publish_due_articles(now=moment) == 1
    assert articles.publish_due_articles(now=moment + timedelta(minutes=1)) == 0

    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED
    assert article.published_at == moment


def test_the_periodic_task_publishes_what_is_due():
    article = draft()
    Article.objects.filter(pk=article.pk).update(
        state=ArticleState.SCHEDULED, publish_at=timezone.now() - timedelta(minutes=1)
    )

    assert periodic_publish_due() == 1

    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED


def test_unpublish_article_refuses_a_draft():
    article = draft()

    with pytest.raises(ValidationError, match="already a draft"):
        articles.unpublish_article(article=article)


def test_no_article_takes_the_search_pages_address():
    made = articles.save_article(article=new_article(title="Search"))
    chosen = new_article(title="Another", slug="search")

    with pytest.raises(ValidationError) as refused:
        articles.save_article(article=chosen)

    assert made.slug == "search-2"
    assert "taken by the news search page" in str(refused.value)
    assert not Article.objects.filter(slug="search").exists()
