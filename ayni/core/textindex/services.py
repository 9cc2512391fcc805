"""Writes to the text index: index a document, remove it, rebuild a whole kind.

An app calls `index_document` when an object's text is saved (and `remove_document` when it
is deleted or must no longer be found), inside the transaction that saves it. Reading costs a
lookup: `selectors.similar` reads the stored lists, `selectors.search` the database's index.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from ayni.core.textindex import neighbours
from ayni.core.textindex.all_lists import Postings
from ayni.core.textindex.models import (
    TextDocument,
    TextFloor,
    TextNeighbour,
    TextPosting,
    TextTerm,
)
from ayni.core.textindex.terms import check_language, term_counts

# NUL cannot be stored in PostgreSQL text; \x02 and \x03 mark matches in search snippets.
UNSTORABLE = re.compile(r"[\x00\x02\x03]")


@dataclass(frozen=True)
class Document:
    """What `rebuild` takes for each object of a kind."""

    object_id: int
    language: str
    title: str
    summary: str = ""
    body: str = ""


def _clean(text: str) -> str:
    return UNSTORABLE.sub("", text or "")


def _counts(document: TextDocument) -> Counter[str]:
    return term_counts(
        language=document.language,
        title=document.title,
        summary=document.summary,
        body=document.body,
    )


def _weigh(
    document: TextDocument, counts: Counter[str], known: dict[str, tuple[int, int]]
) -> dict[int, float]:
    """The document's vector (term id → weight) with its corpus's current document counts
    (`known`: each term's id and count)."""
    corpus = TextDocument.objects.filter(kind=document.kind, language=document.language).count()
    vector = neighbours.weigh(counts, {t: n for t, (_, n) in known.items()}, corpus)
    return {known[term][0]: weight for term, weight in vector.items()}


def _listed_by(document_id: int) -> dict[int, float]:
    """The documents whose lists hold this one, and the score they hold it with."""
    rows = TextNeighbour.objects.filter(neighbour_id=document_id)
    return dict(rows.values_list("document_id", "score"))


@transaction.atomic
def index_document(
    *, kind: str, object_id: int, language: str, title: str, summary: str = "", body: str = ""
) -> None:
    """Index (or index again) one object's text, in one language ("en" or "es").

    Side effects: the `TextDocument` row is created or replaced, and with it the database's
    full-text index (FTS5 by triggers on SQLite, a generated tsvector on PostgreSQL); the
    corpus's term counts move by the terms gained and lost; the document's postings and its
    list of similar documents are worked out again; it enters every other list of the same
    kind and language whose floor it beats; lists that held it with a higher score than its
    new text earns drop it, and one left with fewer than NEIGHBOURS is worked out again.
    Indexing unchanged text changes nothing.
    """
    check_language(language)
    title, summary, body = _clean(title), _clean(summary), _clean(body)
    document = TextDocument.objects.filter(kind=kind, object_id=object_id).first()
    held: dict[int, float] = {}
    if document is not None:
        if (document.language, document.title, document.summary, document.body) == (
            language,
            title,
            summary,
            body,
        ):
            return
        held = _listed_by(document.pk)
        TextNeighbour.objects.filter(neighbour_id=document.pk).delete()
        old = _counts(document)
        neighbours.count_terms(kind=kind, language=document.language, terms=old, change=-1)
        document.language, document.title, document.summary, document.body = (
            language,
            title,
            summary,
            body,
        )
        document.full_clean(validate_unique=False)
        document.save(update_fields=["language", "title", "summary", "body"])
    else:
        document = TextDocument(
            kind=kind,
            object_id=object_id,
            language=language,
            title=title,
            summary=summary,
            body=body,
        )
        document.full_clean(validate_unique=False)
        document.save()
    counts = _counts(document)
    known = neighbours.count_terms(kind=kind, language=language, terms=counts, change=+1)
    neighbours.store_vector(document_id=document.pk, vector=_weigh(document, counts, known))
    top, beaten = neighbours.ranked(document.pk)
    neighbours.set_list(document.pk, top)
    # A list that held this document keeps it, with its new score, while that score still
    # beats the list's floor (its last entry's score before this save): every document
    # outside the list scored no more than the floor, so the list is still its best. A list
    # the document fell below drops it and keeps its floor; only one left too short is worked
    # out again (the dear part of an edit, rare since a list keeps twice what it must).
    neighbours.enter_lists(document.pk, beaten)
    neighbours.shortened(sorted(set(held) - set(beaten)))


@transaction.atomic
def remove_document(*, kind: str, object_id: int) -> None:
    """Take one object out of the index (nothing happens if it is not in it).

    Side effects: its `TextDocument` row, full-text entry, postings and list go; the term
    counts drop by its terms; every list that held it drops it, and one left with fewer than
    NEIGHBOURS is worked out again.
    """
    document = TextDocument.objects.filter(kind=kind, object_id=object_id).first()
    if document is None:
        return
    held = _listed_by(document.pk)
    counts = _counts(document)
    TextPosting.objects.filter(document_id=document.pk).delete()
    TextNeighbour.objects.filter(document_id=document.pk).delete()
    TextNeighbour.objects.filter(neighbour_id=document.pk).delete()
    document.delete()
    neighbours.count_terms(kind=kind, language=document.language, terms=counts, change=-1)
    neighbours.shortened(sorted(held))


Progress = Callable[[str, int], None]


def _quiet(stage: str, done: int) -> None:
    """No progress report."""


@transaction.atomic
def rebuild(*, kind: str, documents: Iterable[Document], progress: Progress = _quiet) -> int:
    """Replace the whole index of one kind by `documents` (any iterable, read once); the number
    indexed. Readers see the old index until it commits.

    Side effects: every row of the kind is deleted and written again: documents (and the
    full-text index), term counts, postings with the final counts, every list of similar
    documents. Memory holds one batch of texts, the vocabulary, each document's term counts
    and its vector (a few kilobytes a document, in arrays), never the corpus's texts.
    `progress(stage, done)` is called every few hundred documents of each stage ("texts",
    "vectors", "neighbours").
    """
    TextFloor.objects.filter(document__kind=kind).delete()
    TextNeighbour.objects.filter(document__kind=kind).delete()
    TextPosting.objects.filter(document__kind=kind).delete()
    TextDocument.objects.filter(kind=kind).delete()
    TextTerm.objects.filter(kind=kind).delete()
    # 1. The texts; each document's term counts (as arrays of vocabulary indexes and counts,
    # so the texts are read and stemmed once); each term's document count.
    vocabulary: dict[str, dict[str, int]] = {"en": {}, "es": {}}
    documents_with: dict[str, list[int]] = {"en": [], "es": []}
    counted: list[tuple[str, array, array]] = []
    batch: list[TextDocument] = []
    ids: list[int] = []
    for document in documents:
        row = TextDocument(
            kind=kind,
            object_id=document.object_id,
            language=check_language(document.language),
            title=_clean(document.title),
            summary=_clean(document.summary),
            body=_clean(document.body),
        )
        words, holders = vocabulary[row.language], documents_with[row.language]
        indexes, counts = array("i"), array("f")
        for term, count in _counts(row).items():
            if term not in words:
                words[term] = len(words)
                holders.append(0)
            indexes.append(words[term])
            counts.append(count)
            holders[words[term]] += 1
        counted.append((row.language, indexes, counts))
        batch.append(row)
        if len(batch) == neighbours.BATCH:
            ids += [row.pk for row in TextDocument.objects.bulk_create(batch)]
            batch = []
            progress("texts", len(ids))
    ids += [row.pk for row in TextDocument.objects.bulk_create(batch)]
    progress("texts", len(ids))
    term_ids: dict[str, dict[str, int]] = {}
    for language, words in vocabulary.items():
        neighbours.insert_rows(
            TextTerm._meta.db_table,
            ["kind", "language", "term", "documents"],
            ((kind, language, term, documents_with[language][n]) for term, n in words.items()),
        )
        rows = TextTerm.objects.filter(kind=kind, language=language)
        term_ids[language] = dict(rows.values_list("term", "id"))
    names = {language: list(words) for language, words in vocabulary.items()}
    corpus = Counter(language for language, _, _ in counted)

    # 2. Each document's vector with the final counts, stored and kept for step 3.
    held = Postings()

    def postings() -> Iterable[tuple[int, int, float]]:
        for done, (document_id, entry) in enumerate(zip(ids, counted, strict=True), 1):
            language, indexes, counts = entry
            terms, holders, known = names[language], documents_with[language], term_ids[language]
            weighed = neighbours.weigh(
                Counter({terms[n]: c for n, c in zip(indexes, counts, strict=True)}),
                {terms[n]: holders[n] for n in indexes},
                corpus[language],
            )
            vector = {known[term]: weight for term, weight in weighed.items()}
            held.add(document_id, vector)
            yield from ((term_id, document_id, weight) for term_id, weight in vector.items())
            if done % 2000 == 0:
                progress("vectors", done)

    neighbours.insert_postings(postings())
    progress("vectors", len(ids))

    # 3. Each document's list, all at once in memory (all_lists.py: as best() would give).
    def lists() -> Iterable[tuple[int, int, float]]:
        for done, (document_id, top) in enumerate(held.lists(neighbours.KEPT), 1):
            yield from ((document_id, other, score) for other, score in top)
            if done % 2000 == 0:
                progress("neighbours", done)

    neighbours.insert_neighbours(lists())
    neighbours.set_floors(kind=kind)
    if connection.vendor == "postgresql":
        # The tables changed wholesale: without fresh statistics the planner scans the
        # documents for a search rather than use the GIN index, until autovacuum passes.
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE core_textdocument, core_textterm, core_textposting, core_textneighbour"
            )
    progress("neighbours", len(ids))
    return len(ids)
