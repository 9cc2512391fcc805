"""An article's life in the back office: saved (its address unique in its language), published
now, scheduled for later (the periodic job publishes it when due), taken back to a draft or
deleted. Each step refuses (ValidationError, nothing changed) when it does not apply."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ayni.core.textindex import services as textindex
from ayni.newsroom.enums import TEXT_KIND, ArticleState
from ayni.newsroom.models import Article, ArticleAuthor, Author
from ayni.newsroom.models.article import RESERVED_SLUGS

logger = logging.getLogger(__name__)

MAX_SLUG_TRIES = 1000


def free_slug(*, title: str, language: str, exclude_pk: int | None = None) -> str:
    """An address made from `title` that no other article in `language` uses ("-2", "-3"…
    added when it is taken, or is another news page's); "" when the title gives none."""
    max_length = Article._meta.get_field("slug").max_length or 100
    base = slugify(title)[:max_length].strip("-")
    if not base:
        return ""
    taken = Article.objects.filter(language=language)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    candidate = base
    for number in range(2, MAX_SLUG_TRIES):
        if candidate not in RESERVED_SLUGS and not taken.filter(slug=candidate).exists():
            return candidate
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].strip("-") + suffix
    return ""


def check_translation(article: Article) -> None:
    original = article.translation_of
    if original is None:
        return
    if original.pk == article.pk:
        raise ValidationError(
            {"translation_of": _("An article cannot be a translation of itself.")}
        )
    if original.translation_of_id is not None:
        raise ValidationError(
            {"translation_of": _("Choose the original article, not one of its translations.")}
        )
    if original.language == article.language:
        raise ValidationError(
            {"translation_of": _("A translation is in another language than its original.")}
        )
    if article.pk is not None and article.translations.exists():
        raise ValidationError(
            {"translation_of": _("This article has translations of its own: it is an original.")}
        )
    if article.visibility != original.visibility:
        # Else a public translation would give away the text its gated original keeps back.
        raise ValidationError(
            {
                "visibility": _("A translation is read by whom its original is: %(visibility)s.")
                % {"visibility": original.get_visibility_display()}
            }
        )


def save_article(
    *, article: Article, authors: Sequence[Author] | None = None, tags: Sequence[object] = ()
) -> Article:
    """Store the article. Side effects: a blank address is made from the title, unique in the
    article's language; a translation is checked against its original (another language, an
    original itself, its visibility); an original's visibility is carried to its translations
    (their updated_at too); with `authors`, the byline becomes them in that order; with `tags`,
    its tags become them. A publishing state is not changed here (publish_article,
    schedule_article, unpublish_article)."""
    if not article.slug:
        article.slug = free_slug(
            title=article.title, language=article.language, exclude_pk=article.pk
        )
    check_translation(article)
    with transaction.atomic():
        article.full_clean()
        article.save()
        if article.translation_of_id is None:
            article.translations.exclude(visibility=article.visibility).update(
                visibility=article.visibility, updated_at=timezone.now()
            )
        if authors is not None:
            set_authors(article=article, authors=authors)
        if tags:
            article.tags.set(tags)  # type: ignore[arg-type]
    return article


def set_authors(*, article: Article, authors: Sequence[Author]) -> None:
    """The article's byline becomes `authors`, in that order. Side effects: its byline rows
    replaced; the article's updated_at."""
    if len({a.pk for a in authors}) != len(authors):
        raise ValidationError(_("Name each author once."), code="twice")
    with transaction.atomic():
        article.bylines.all().delete()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=author, order=number)
            for number, author in enumerate(authors)
        )
        article.save(update_fields=["updated_at"])


def _locked(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _require_byline(article: Article) -> None:
    if not article.bylines.exists():
        raise ValidationError(_("Name at least one author before publishing."), code="no_author")


def publish_article(*, article: Article) -> Article:
    """Publish now. Side effects: state published; published_at set the first time (a
    republished article keeps its first date) and publish_at with it; it shows in the
    listings, feeds, sitemap and on the home page."""
    with transaction.atomic():
        locked = _locked(article)
        if locked.state == ArticleState.PUBLISHED:
            raise ValidationError(_("This article is already published."), code="published")
        _require_byline(locked)
        now = timezone.now()
        locked.state = ArticleState.PUBLISHED
        locked.published_at = locked.published_at or now
        locked.publish_at = (
            locked.publish_at if locked.publish_at and locked.publish_at <= now else now
        )
        locked.save(update_fields=["state", "published_at", "publish_at", "updated_at"])
    logger.info("Article %s/%s published", locked.language, locked.slug)
    article.refresh_from_db()
    return article


def schedule_article(*, article: Article, publish_at: datetime | None = None) -> Article:
    """Schedule for `publish_at` (else the article's own publish_at), which must be in the
    future. Side effects: state scheduled; the periodic job (publish_due_articles) publishes
    it when that moment comes. A published article is unpublished first."""
    with transaction.atomic():
        locked = _locked(article)
        moment = publish_at or article.publish_at or locked.publish_at
        if moment is None or moment <= timezone.now():
            raise ValidationError(
                {"publish_at": _("Give a moment in the future to publish it at.")},
                code="past",
            )
        if locked.state == ArticleState.PUBLISHED:
            raise ValidationError(
                _("This article is published: take it back to a draft before scheduling it."),
                code="published",
            )
        _require_byline(locked)
        locked.state = ArticleState.SCHEDULED
        locked.publish_at = moment
        locked.save(update_fields=["state", "publish_at", "updated_at"])
    logger.info("Article %s/%s scheduled for %s", locked.language, locked.slug, moment)
    article.refresh_from_db()
    return article


def unpublish_article(*, article: Article) -> Article:
    """Back to a draft: off the public pages, feeds and sitemap (its address answers 404).
    Side effects: state draft; a scheduled time is forgotten; published_at is kept."""
    with transaction.atomic():
        locked = _locked(article)
        if locked.state == ArticleState.DRAFT:
            raise ValidationError(_("This article is already a draft."), code="draft")
        locked.state = ArticleState.DRAFT
        locked.save(update_fields=["state", "updated_at"])
    logger.info("Article %s/%s back to draft", locked.language, locked.slug)
    article.refresh_from_db()
    return article


def delete_articles(*, articles: Sequence[Article]) -> int:
    """Delete these articles; how many. Side effects: each one's bylines, comments and tag
    links go with it (its translations stay, as originals of their own); it leaves the text
    index in the same transaction (found by no search, and taken out of every other
    article's similar stories, those lists worked out again without it)."""
    with transaction.atomic():
        for article in articles:
            textindex.remove_document(kind=TEXT_KIND, object_id=article.pk)
            logger.info("Article %s/%s deleted", article.language, article.slug)
        _rows, by_model = Article.objects.filter(pk__in=[a.pk for a in articles]).delete()
    return by_model.get(Article._meta.label, 0)


def publish_due_articles(*, now: datetime | None = None) -> int:
    """Publish every scheduled article whose moment has come (the periodic job). Side effects:
    each one's state published and published_at its scheduled moment (when not published
    before). Safe to run twice and from several workers: one conditional UPDATE per article,
    so an article is published once. Returns how many were published."""
    now = now or timezone.now()
    published = 0
    due = Article.objects.filter(state=ArticleState.SCHEDULED, publish_at__lte=now)
    for pk, moment, first in due.values_list("pk", "publish_at", "published_at"):
        published += Article.objects.filter(pk=pk, state=ArticleState.SCHEDULED).update(
            state=ArticleState.PUBLISHED, published_at=first or moment, updated_at=now
        )
    if published:
        logger.info("Published %d scheduled article(s)", published)
    return published
