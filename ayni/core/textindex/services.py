"""Writes to the text index: index a document, remove it, rebuild a whole kind.

An app calls `index_document` when an object's text is saved (and `remove_document` when it
is deleted or must no longer be found), inside the transaction that saves it. Reading costs a
lookup: `selectors.similar` reads the stored lists, `selectors.search` the database's index.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from ayni.core.textindex import neighbours
from ayni.core.textindex.models import TextDocument, TextNeighbour, TextPosting, TextTerm
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


def _weigh(document: TextDocument, counts: Counter[str]) -> dict[int, float]:
    """The document's vector (term id → weight) with its corpus's current document counts."""
    known = neighbours.known_terms(kind=document.kind, language=document.language, terms=counts)
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
    kind and language whose last entry it beats; lists that held it with a higher score than
    its new text earns are worked out again. Indexing unchanged text changes nothing.
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
    neighbours.count_terms(kind=kind, language=language, terms=counts, change=+1)
    neighbours.store_vector(document_id=document.pk, vector=_weigh(document, counts))
    top, beaten = neighbours.ranked(document.pk)
    neighbours.set_list(document.pk, top)
    scores = dict(top) | beaten
    # A list that held this document keeps it if its new text is as close as before (its
    # other entries are still the best of the rest); otherwise it is worked out again.
    worse = {other for other, score in held.items() if scores.get(other, 0.0) < score}
    entering = {other: score for other, score in beaten.items() if other not in worse}
    entering |= {other: scores[other] for other in held if other not in worse}
    neighbours.enter_lists(document.pk, entering)
    neighbours.refill(sorted(worse))


@transaction.atomic
def remove_document(*, kind: str, object_id: int) -> None:
    """Take one object out of the index (nothing happens if it is not in it).

    Side effects: its `TextDocument` row, full-text entry, postings and list go; the term
    counts drop by its terms; every list that held it is worked out again without it.
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
    neighbours.refill(sorted(held))


Progress = Callable[[str, int], None]


def _quiet(stage: str, done: int) -> None:
    """No progress report."""


@transaction.atomic
def rebuild(*, kind: str, documents: Iterable[Document], progress: Progress = _quiet) -> int:
    """Replace the whole index of one kind by `documents` (any iterable, read once); the number
    indexed. Readers see the old index until it commits.

    Side effects: every row of the kind is deleted and written again: documents (and the
    full-text index), term counts, postings with the final counts, every list of similar
    documents. Memory holds one batch of documents and the vocabulary, not the corpus.
    `progress(stage, done)` is called every few hundred documents of each stage ("texts",
    "vectors", "neighbours").
    """
    TextNeighbour.objects.filter(document__kind=kind).delete()
    TextPosting.objects.filter(document__kind=kind).delete()
    TextDocument.objects.filter(kind=kind).delete()
    TextTerm.objects.filter(kind=kind).delete()
    # 1. The texts, and each term's document count per language.
    documents_with: dict[str, Counter[str]] = {"en": Counter(), "es": Counter()}
    corpus: Counter[str] = Counter()
    batch: list[TextDocument] = []
    for document in documents:
        row = TextDocument(
            kind=kind,
            object_id=document.object_id,
            language=check_language(document.language),
            title=_clean(document.title),
            summary=_clean(document.summary),
            body=_clean(document.body),
        )
        documents_with[row.language].update(_counts(row).keys())
        corpus[row.language] += 1
        batch.append(row)
        if len(batch) == neighbours.BATCH:
            TextDocument.objects.bulk_create(batch)
            batch = []
            progress("texts", corpus.total())
    TextDocument.objects.bulk_create(batch)
    progress("texts", corpus.total())
    ids: dict[str, dict[str, int]] = {}
    for language, terms in documents_with.items():
        TextTerm.objects.bulk_create(
            (TextTerm(kind=kind, language=language, term=t, documents=n) for t, n in terms.items()),
            batch_size=2000,
        )
        rows = TextTerm.objects.filter(kind=kind, language=language)
        ids[language] = dict(rows.values_list("term", "id"))
    # 2. Each document's vector with the final counts.
    postings: list[TextPosting] = []
    done = 0
    stored = TextDocument.objects.filter(kind=kind).order_by("pk")
    for row in stored.iterator(chunk_size=neighbours.BATCH):
        language = row.language
        vector = neighbours.weigh(_counts(row), documents_with[language], corpus[language])
        postings += (
            TextPosting(term_id=ids[language][term], document_id=row.pk, weight=weight)
            for term, weight in vector.items()
        )
        done += 1
        if len(postings) >= 10_000:
            TextPosting.objects.bulk_create(postings)
            postings = []
            progress("vectors", done)
    TextPosting.objects.bulk_create(postings)
    progress("vectors", done)
    # 3. Each document's list from the stored vectors.
    lists: list[TextNeighbour] = []
    done = 0
    for document_id in stored.values_list("pk", flat=True).iterator(chunk_size=2000):
        lists += (
            TextNeighbour(document_id=document_id, neighbour_id=other, score=score)
            for other, score in neighbours.best(document_id)
        )
        done += 1
        if done % neighbours.BATCH == 0:
            TextNeighbour.objects.bulk_create(lists)
            lists = []
            progress("neighbours", done)
    TextNeighbour.objects.bulk_create(lists)
    neighbours.set_floors(kind=kind)
    progress("neighbours", done)
    return corpus.total()
