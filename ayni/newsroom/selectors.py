"""The newsroom's reads: the public articles and their listings, an article's page and what it
links to, authors and tags, and the meter's counts. Only published articles are public: drafts and scheduled ones are
read only by the back office (and its preview)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils.safestring import SafeString

from ayni.core import registry
from ayni.core.prepared_select import PreparedSelect
from ayni.core.textindex import selectors as textindex
from ayni.core.textindex.neighbours import NEIGHBOURS
from ayni.newsroom.enums import ArticleState, CommentStatus
from ayni.newsroom.models import (
    Article,
    ArticleAuthor,
    Author,
    Comment,
    MeterAddressRead,
    MeterRead,
    MeterReader,
    Tag,
)

MORE_FROM_AUTHOR = 3


def public_articles() -> QuerySet[Article]:
    return Article.objects.filter(state=ArticleState.PUBLISHED)


def _with_bylines(articles: QuerySet[Article]) -> QuerySet[Article]:
    return articles.prefetch_related(
        Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))
    )


def listed_articles(
    language: str,
    *,
    section: str = "",
    tag: Tag | None = None,
    author: Author | None = None,
) -> QuerySet[Article]:
    """The public articles for a reader of `language`, the latest first: of each article and
    its translations, the one in `language` where there is one, else the original (an article
    nobody translated is listed whatever its language). With its bylines."""
    in_language = public_articles().filter(language=language)
    translated = in_language.filter(
        Q(pk=OuterRef("translation_of"))
        | Q(translation_of=OuterRef("pk"))
        | Q(translation_of=OuterRef("translation_of"), translation_of__isnull=False)
    )
    articles = public_articles().filter(Q(language=language) | ~Exists(translated))
    if section:
        articles = articles.filter(section=section)
    if tag is not None:
        articles = articles.filter(tags=tag)
    if author is not None:
        articles = articles.filter(bylines__author=author)
    return _with_bylines(articles.order_by("-published_at", "-pk"))


def article_for_page(language: str, slug: str, *, include_drafts: bool = False) -> Article | None:
    """The article at /<language>/news/<slug>/ with its bylines and tags (a draft or a
    scheduled one only with `include_drafts`, for the back office's preview)."""
    articles = Article.objects.all() if include_drafts else public_articles()
    return (
        _with_bylines(articles.filter(language=language, slug=slug))
        .prefetch_related("tags")
        .select_related("translation_of")
        .first()
    )


# How long an address's article id is remembered for the page's stamp: any address change is
# caught by the stamp itself (it holds the language and address it was read for).
ADDRESS_SECONDS = 600
# The article page's stamp, read by id with a statement prepared once (core/prepared_select.py):
# built by the ORM, its query cost more than the rest of a kept page (docs/performance.md
# § Newsroom). Its comments counted in the same statement.
_ARTICLE_PAGE_STAMP = PreparedSelect(
    Article,
    by="pk",
    fields=["language", "slug", "visibility", "updated_at", "indexed_at"],
    filter={"state": ArticleState.PUBLISHED},
    counts={
        "comment_count": ("comments", {"status__in": list(CommentStatus)}),
        "published_count": ("comments", {"status": CommentStatus.PUBLISHED}),
    },
)


def article_page_stamp(language: str, slug: str) -> Article | None:
    """The public article at /<language>/news/<slug>/ with only what tells its page apart, for
    its cache key: its visibility, when it was last saved and indexed, and its comments (how
    many, how many published). One prepared query once its id is known (remembered by
    address for ADDRESS_SECONDS)."""
    key = f"article-at:{language}:{slug}"
    known = cache.get(key)
    stamp = _ARTICLE_PAGE_STAMP.get(known) if known is not None else None
    if stamp is None or (stamp.language, stamp.slug) != (language, slug):
        found = public_articles().filter(language=language, slug=slug).values_list("pk", flat=True)
        pk = found.first()
        if pk is None:
            return None
        cache.set(key, pk, ADDRESS_SECONDS)
        stamp = _ARTICLE_PAGE_STAMP.get(pk)
    return stamp


def translations(article: Article) -> list[Article]:
    """The article's other-language versions the public can read."""
    return [version for version in _versions([article]) if version.pk != article.pk]


def _versions(articles: Sequence[Article]) -> list[Article]:
    """The public versions of these articles (each original and its translations), in language
    order. Found by the originals' ids alone, the published ones kept here: with the state in
    the query, SQLite's planner reads every published article through the state index rather
    than the two ids' own (at 20,000 articles, 100 ms an article page; bench/newsroom.py)."""
    originals = sorted({article.translation_of_id or article.pk for article in articles})
    found: list[Article] = []
    # In chunks: a sitemap page holds up to 50,000 articles, more than SQLite takes in one IN.
    for start in range(0, len(originals), 1000):
        chunk = originals[start : start + 1000]
        rows = Article.objects.filter(Q(pk__in=chunk) | Q(translation_of__in=chunk))
        found += [row for row in rows.order_by("language", "pk") if row.is_public]
    return found


def language_versions(articles: Sequence[Article]) -> dict[int, list[Article]]:
    """The public versions of each of these articles, by the original's id (an original and
    its translations), each list in language order: the sitemap's alternates."""
    versions: dict[int, list[Article]] = {}
    for version in _versions(articles):
        versions.setdefault(version.translation_of_id or version.pk, []).append(version)
    return versions


def more_from_authors(article: Article, *, limit: int = MORE_FROM_AUTHOR) -> list[Article]:
    """The latest `limit` other public articles by the article's authors (not its own
    translations), in the article's language first, each story once: of an article and its
    translation, the one in the article's language (else the first published)."""
    original = article.translation_of_id or article.pk
    candidates = (
        public_articles()
        .filter(bylines__author__in=article.bylines.values("author"))
        .exclude(Q(pk=original) | Q(translation_of=original))
        .distinct()
        .annotate(other_language=Case(When(language=article.language, then=Value(0)), default=1))
        .order_by("other_language", "-published_at", "-pk")
    )
    stories: dict[int, Article] = {}
    # A story is at most twice in the list (as a rule, one translation a language pair).
    for other in candidates[: limit * 2]:
        stories.setdefault(other.translation_of_id or other.pk, other)
    return list(stories.values())[:limit]


def similar_stories(article: Article, *, limit: int = 3) -> list[Article]:
    """Up to `limit` published articles like this one by their text, most alike first: the
    list the text index keeps for it (ayni.core.textindex, kept by indexing.py), in
    the article's language, leaving out its own translations."""
    ids = textindex.similar(kind="article", object_id=article.pk, limit=NEIGHBOURS)
    if not ids:
        return []
    original = article.translation_of_id or article.pk
    found = _with_bylines(
        public_articles()
        .filter(pk__in=ids)
        .exclude(Q(pk=original) | Q(translation_of=original) | Q(pk=article.pk))
    )
    rank = {pk: place for place, pk in enumerate(ids)}
    return sorted(found, key=lambda other: rank[other.pk])[:limit]


@dataclass(frozen=True)
class SearchResult:
    article: Article
    # The matched words in context, escaped, each in <mark>; "" when it would add nothing, and
    # always for a gated article: the index may lag behind a change of its visibility, so only
    # its standfirst is shown (the page shows everyone that much).
    snippet: SafeString | str


def _without_standfirst(hit: textindex.SearchHit, article: Article) -> textindex.SearchHit:
    """The snippet less the standfirst it may open with (PostgreSQL's headline reads the
    summary and the body as one text), as the result shows the standfirst above it."""
    lead = article.standfirst + "\n"
    if not hit.snippet.startswith(lead):
        return hit
    return textindex.SearchHit(hit.object_id, hit.score, hit.snippet[len(lead) :])


def search_articles(
    language: str, query: str, *, offset: int, limit: int
) -> tuple[list[SearchResult], bool]:
    """The published articles in `language` that match the reader's `query`, best first
    (ayni.core.textindex: FTS5 on SQLite, tsvector on PostgreSQL), from `offset`, at most
    `limit`, with their bylines; and whether there are more. The index may still hold an
    article unpublished in the last half-minute: only published ones are returned."""
    hits = textindex.search(
        kind="article", query=query, language=language, limit=limit + 1, offset=offset
    )
    more, hits = len(hits) > limit, hits[:limit]
    if not hits:
        return [], more
    found = {
        article.pk: article
        for article in _with_bylines(
            public_articles().filter(language=language, pk__in=[hit.object_id for hit in hits])
        )
    }
    results = []
    for found_hit in hits:
        article = found.get(found_hit.object_id)
        if article is None:
            continue
        hit = _without_standfirst(found_hit, article)
        plain = hit.snippet_text.strip(" …")
        shown = not article.is_gated and plain and plain not in (article.title, article.standfirst)
        results.append(SearchResult(article, hit.snippet_html if shown else ""))
    return results, more


def public_author(slug: str) -> Author | None:
    return Author.objects.filter(slug=slug).first()


def public_tag(slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def call_to_action(article: Article) -> registry.LinkTarget | None:
    """The public page the article asks its readers to act on (a statement, an event, a
    motion), through the selector its app declared (core.registry.link_target)."""
    if not article.cta_kind:
        return None
    return registry.link_target(article.cta_kind, article.cta_slug)


def home_articles(language: str, *, limit: int = 3) -> list[Article]:
    return list(listed_articles(language)[:limit])


def published_comments(article: Article) -> list[Comment]:
    """The article's comments as its page shows them, oldest first: the published ones, and
    those a moderator removed (a note stands in their place), each top-level one with its
    replies in `thread` (one query)."""
    rows = list(
        Comment.objects.filter(
            article=article, status__in=[CommentStatus.PUBLISHED, CommentStatus.REMOVED]
        ).only(
            "pk",
            "parent_id",
            "name",
            "text",
            "status",
            "published_at",
            "created_at",
            "article_id",
        )
    )
    top = [row for row in rows if row.parent_id is None]
    by_id = {row.pk: row for row in top}
    for row in top:
        row.thread = []  # type: ignore[attr-defined]
    for row in rows:
        parent = by_id.get(row.parent_id) if row.parent_id else None
        if parent is not None:
            parent.thread.append(row)  # type: ignore[attr-defined]
    return top


def comment_count(comments: list[Comment]) -> int:
    """How many published comments a page's thread shows (the "N thoughts" heading)."""
    shown = [c for top in comments for c in (top, *top.thread)]  # type: ignore[attr-defined]
    return sum(1 for c in shown if c.status == CommentStatus.PUBLISHED)


def comment_for_link(comment_id: int) -> Comment | None:
    return Comment.objects.select_related("article").filter(pk=comment_id).first()


def reply_target(article: Article, comment_id: int) -> Comment | None:
    """The published top-level comment of this article a reply may answer."""
    return Comment.objects.filter(
        pk=comment_id, article=article, parent__isnull=True, status=CommentStatus.PUBLISHED
    ).first()


def published_reply(article: Article, comment_id: int) -> Comment | None:
    """A published reply on this article (readers may report replies too)."""
    return Comment.objects.filter(
        pk=comment_id, article=article, parent__isnull=False, status=CommentStatus.PUBLISHED
    ).first()


def address_has_approved_comment(email_normalised: str) -> bool:
    """Has this address a comment that is public now (it was approved or posted directly)?"""
    return Comment.objects.filter(
        email_normalised=email_normalised, status=CommentStatus.PUBLISHED
    ).exists()


def supporter_comments(supporter_id: int) -> QuerySet[Comment]:
    return Comment.objects.filter(supporter_id=supporter_id).select_related("article")


def meter_reader(reader_id: uuid.UUID) -> MeterReader | None:
    """The reader a meter cookie names, with the reader it was merged into (whose count it now
    is), or None when it was purged."""
    return MeterReader.objects.select_related("merged_into").filter(pk=reader_id).first()


def member_meter_reader(member_id: int) -> MeterReader | None:
    return MeterReader.objects.filter(member_id=member_id).first()


def meter_reads(reader: MeterReader, since: datetime) -> set[int]:
    """The metered articles (originals) `reader` opened since `since`."""
    reads = MeterRead.objects.filter(reader=reader, read_at__gte=since)
    return set(reads.values_list("article_id", flat=True))


def address_read_count(ip_hash: str, since: datetime) -> int:
    """How many metered articles were opened from the keyed IP hash since `since`."""
    return MeterAddressRead.objects.filter(ip_hash=ip_hash, read_at__gte=since).count()


def address_reader_count(ip_hash: str, since: datetime) -> int:
    """How many browsers' counts were started from the keyed IP hash since `since`."""
    return MeterReader.objects.filter(ip_hash=ip_hash, created_at__gte=since).count()


def address_past_ceiling(ip_hash: str, since: datetime, ceiling: int) -> bool:
    """Has the keyed IP hash opened `ceiling` metered articles, or started as many browsers'
    counts, since `since`? (Browsers without a cookie, each reopening an article the hash had
    opened, would otherwise each get a count of their own.)"""
    if address_read_count(ip_hash, since) >= ceiling:
        return True
    return address_reader_count(ip_hash, since) >= ceiling
