"""The newsroom's demo: fictional authors, the two seed articles written anew (the report-back of
the May 2022 online meeting, the background to the statement), each with its Spanish
translation, and fourteen more across the sections and tags — four metered and one for members
only, each with its Spanish version (so the meter's and the members' prompts show in both
languages) — plus one scheduled for later and one draft; a few comments under the report-back,
one waiting for a moderator (`demo/comments.py`). `seed_demo` is the newsroom's demo seeder
(declared in platform.py, run by `manage.py seed_demo`); it seeds once.

Articles are saved and published through the newsroom's services (`save_article`,
`publish_article`, `schedule_article`), as the back office would. What a demo needs beyond
that is then written directly (`_backdate`): each article's publication set back to its day in
2022, which no service does (publishing is "now").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ayni.newsroom.demo import comments, more, people, seeds
from ayni.newsroom.models import Article, Author, Tag
from ayni.newsroom.services.articles import publish_article, save_article, schedule_article

MARKER = seeds.REPORT_BACK["en"]["slug"]
ARTICLE_FIELDS = ("slug", "title", "standfirst", "body", "section", "cta_kind", "cta_slug")


def seed_demo() -> list[str]:
    """The newsroom's demo seeder: its authors and articles once. Returns what to tell the
    operator."""
    if Article.objects.filter(slug=MARKER).exists():
        return []
    published = seed_articles()
    _backdate_report_backs()
    comments.seed_comments()
    return [
        f"Loaded the demo news: {published} published articles by {Author.objects.count()} "
        "authors (/en/news/)"
    ]


@transaction.atomic
def seed_articles() -> int:
    authors = {}
    for fields in people.AUTHORS:
        author = Author(**fields)
        author.full_clean()
        author.save()
        authors[author.slug] = author
    tags = {}
    for slug, name_en, name_es in people.TAGS:
        tags[slug] = Tag.objects.create(slug=slug, name_en=name_en, name_es=name_es)

    count = 0
    for pair in seeds.TRANSLATED:
        original = _publish(pair["en"], "en", authors, tags)
        _publish({**pair["en"], **pair["es"]}, "es", authors, tags, translation_of=original)
        count += 2
    for article in more.ARTICLES:
        original = _publish(article, "en", authors, tags)
        count += 1
        if "es" in article:
            spanish = {**article, **article["es"]}
            _publish(spanish, "es", authors, tags, translation_of=original)
            count += 1
    scheduled = _save(more.SCHEDULED, "en", authors, tags)
    schedule_article(article=scheduled, publish_at=timezone.now() + timedelta(days=7))
    _save(more.DRAFT, "en", authors, tags)
    return count


def _save(
    fields: dict[str, Any],
    language: str,
    authors: dict[str, Author],
    tags: dict[str, Tag],
    *,
    translation_of: Article | None = None,
) -> Article:
    article = Article(
        language=language,
        visibility=fields.get("visibility", "public"),
        translation_of=translation_of,
        **{name: fields.get(name, "") for name in ARTICLE_FIELDS},
    )
    return save_article(
        article=article,
        authors=[authors[slug] for slug in fields["authors"]],
        tags=[tags[slug] for slug in fields["tags"]],
    )


def _publish(
    fields: dict[str, Any],
    language: str,
    authors: dict[str, Author],
    tags: dict[str, Tag],
    *,
    translation_of: Article | None = None,
) -> Article:
    article = _save(fields, language, authors, tags, translation_of=translation_of)
    publish_article(article=article)
    _backdate(article, fields["published_at"])
    return article


def _backdate_report_backs() -> None:
    """The report-back articles the events' demo made (it seeds first): made today, published
    at their report-back's day in 2022, they would read "Updated" today; set back to that day
    as the other demo articles are."""
    Article.objects.filter(source_event_id__isnull=False).update(
        created_at=F("published_at"), updated_at=F("published_at")
    )


def _backdate(article: Article, moment: datetime) -> None:
    Article.objects.filter(pk=article.pk).update(
        published_at=moment, publish_at=moment, created_at=moment, updated_at=moment
    )
