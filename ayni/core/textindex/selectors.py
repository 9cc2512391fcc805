"""Reads of the text index: search a kind's texts, and the stored similar documents."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ayni.core.textindex import fts
from ayni.core.textindex.models import TextDocument, TextNeighbour
from ayni.core.textindex.neighbours import KEPT
from ayni.core.textindex.query import parse
from ayni.core.textindex.terms import check_language


@dataclass(frozen=True)
class SearchHit:
    object_id: int
    score: float  # higher is better; comparable only within one search
    snippet: str  # plain text; the matched words between fts.START and fts.STOP

    @property
    def snippet_html(self) -> SafeString:
        """The snippet escaped, each matched word in <mark>."""
        html = escape(self.snippet).replace(fts.START, "<mark>").replace(fts.STOP, "</mark>")
        return mark_safe(html)  # noqa: S308 (escaped above; only our own tags added)

    @property
    def snippet_text(self) -> str:
        return self.snippet.replace(fts.START, "").replace(fts.STOP, "")


def search(
    *, kind: str, query: str, language: str | None = None, limit: int = 20, offset: int = 0
) -> list[SearchHit]:
    """The objects of `kind` whose texts match the reader's `query`, best first (a title match
    weighs most, then the summary, then the body). `language` ("en"/"es") keeps to one; None
    searches both, each in its own language's stemming. Any text is a valid query: one with no
    words finds nothing. Ask for limit + 1 to know whether there is a next page."""
    if language is not None:
        check_language(language)
    limit, offset = max(0, min(limit, 100)), max(0, offset)
    if not limit:
        return []
    hits = fts.search(kind=kind, text=query, language=language, limit=limit, offset=offset)
    return [SearchHit(object_id, score, snippet) for object_id, score, snippet in hits]


def has_words(query: str) -> bool:
    """Does the reader's query ask for a word (punctuation and search signs alone, or only
    words to leave out, ask for none: `search` finds nothing for them)?"""
    return bool(parse(query))


def similar(*, kind: str, object_id: int, limit: int = 3) -> list[int]:
    """The object ids of the `limit` documents of the same kind and language most similar to
    this one, most similar first: a lookup of the stored list, which holds at least NEIGHBOURS
    (or every similar document) and at most KEPT."""
    rows = (
        TextNeighbour.objects.filter(
            document__in=TextDocument.objects.filter(kind=kind, object_id=object_id).values("pk")
        )
        .order_by("-score", "neighbour_id")
        .values_list("neighbour__object_id", flat=True)
    )
    return list(rows[: min(limit, KEPT)])


def similar_scores(*, kind: str, object_id: int) -> list[tuple[int, float]]:
    """The whole stored list with its scores, most similar first (for tests and tuning)."""
    rows = TextNeighbour.objects.filter(
        document__in=TextDocument.objects.filter(kind=kind, object_id=object_id).values("pk")
    ).order_by("-score", "neighbour_id")
    return list(rows.values_list("neighbour__object_id", "score"))
