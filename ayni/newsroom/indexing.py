"""The articles in the text index (ayni.core.textindex): what readers can find and what
"Similar stories" is made of.

Only published articles are in it, so a search or a similar list never names what a reader
cannot open; a gated article (members only, metered) is indexed by what everyone may read of
it (its title, standfirst and the opening the page shows), so a search's snippet never quotes
its gated part. Each save moves `updated_at`; the periodic job indexes every article whose
`indexed_at` is behind it, so an article saved while the worker was down, or twice in a row,
is indexed once as it last stands.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import nh3
from django.db.models import F, Q

from ayni.core.textindex import services as textindex
from ayni.newsroom.body import render_body
from ayni.newsroom.enums import TEXT_KIND, ArticleState, Visibility
from ayni.newsroom.models import Article

KIND = TEXT_KIND
BATCH = 100  # articles a run indexes at most; the next run takes the rest


def indexed_text(article: Article) -> textindex.Document:
    """What the index holds of an article: its title, standfirst and body as plain text (the
    opening only, for a gated article)."""
    gated = article.visibility != Visibility.PUBLIC
    body_html = render_body(article.body, preview=gated).html
    body = html.unescape(nh3.clean(body_html, tags=set()))
    return textindex.Document(
        object_id=article.pk,
        language=article.language,
        title=article.title,
        summary=article.standfirst,
        body=" ".join(body.split()),
    )


def index_changed_articles(*, limit: int = BATCH) -> int:
    """Bring the index up to date with up to `limit` articles saved since they were last
    indexed (the periodic job). Side effects: each published one (re)indexed, any other taken
    out; its `indexed_at` set to the `updated_at` it was read at, unless it was saved again
    meanwhile (then the next run takes it). Safe to run twice and from several workers.
    Returns how many articles it went through."""
    behind = Article.objects.filter(Q(indexed_at__isnull=True) | Q(indexed_at__lt=F("updated_at")))
    done = 0
    for article in behind.order_by("updated_at", "pk")[:limit]:
        if article.state == ArticleState.PUBLISHED:
            document = indexed_text(article)
            textindex.index_document(
                kind=KIND,
                object_id=document.object_id,
                language=document.language,
                title=document.title,
                summary=document.summary,
                body=document.body,
            )
        else:
            textindex.remove_document(kind=KIND, object_id=article.pk)
        Article.objects.filter(pk=article.pk, updated_at=article.updated_at).update(
            indexed_at=article.updated_at
        )
        done += 1
    return done


def text_documents() -> Iterator[textindex.Document]:
    """Every published article as the index holds it (`manage.py rebuild_text_index`)."""
    published = Article.objects.filter(state=ArticleState.PUBLISHED).order_by("pk")
    for article in published.iterator(chunk_size=200):
        yield indexed_text(article)
