"""Authors, tags and articles for the tests. `published` makes an article the public can read,
with its byline, as the services would leave it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.urls import reverse
from django.utils import timezone, translation

from ayni.newsroom.enums import ArticleState
from ayni.newsroom.models import Article, ArticleAuthor, Author, Tag

BODY = (
    "The first paragraph says what happened.\n\n"
    "The second paragraph gives the background.\n\n"
    "The third paragraph is for those who read on.\n\n"
    "The fourth paragraph closes the article."
)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Ana Writer {n}")
    slug = factory.Sequence(lambda n: f"ana-writer-{n}")
    role_en = "NEU activist"
    role_es = "activista del NEU"
    bio_en = "Writes on Latin America."
    bio_es = "Escribe sobre América Latina."


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name_en = factory.Sequence(lambda n: f"Topic {n}")
    name_es = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    language = "en"
    slug = factory.Sequence(lambda n: f"article-{n}")
    title = factory.Sequence(lambda n: f"Article number {n}")
    standfirst = "What the article is about, in two lines."
    body = BODY
    section = "news"


def published(
    *, authors: list[Author] | None = None, ago: timedelta = timedelta(hours=1), **fields: Any
) -> Article:
    """A published article (by a new author unless `authors` are given), `ago` old."""
    moment = timezone.now() - ago
    article = ArticleFactory(
        state=ArticleState.PUBLISHED, published_at=moment, publish_at=moment, **fields
    )
    for order, author in enumerate(authors or [AuthorFactory()]):
        ArticleAuthor.objects.create(article=article, author=author, order=order)
    return article


def draft(**fields: Any) -> Article:
    article = ArticleFactory(**fields)
    ArticleAuthor.objects.create(article=article, author=AuthorFactory(), order=0)
    return article


def url_in(language: str, name: str, /, **kwargs: object) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)
