"""Similar documents by the content of their text: TF-IDF vectors compared by cosine.

Each document is a unit vector over its TERMS_KEPT weightiest terms (`terms.py`), weight
(1 + ln tf) × idf with the corpus's document counts when it was indexed, stored as postings
(term, document, weight). Two documents' similarity is the dot product of their vectors,
summed in SQL over the postings they share, so it is the same read from either side. Each
document keeps its KEPT best in `TextNeighbour` and, once it has that many, the score of the
last of them in `TextFloor`; a document newly indexed enters every other list whose floor it
beats, so the lists stay right without rebuilding the corpus. A list that loses a member (an
edit took it below the floor, or it was removed) keeps its floor and just gets shorter: it is
still the best of its length. Only a list left with fewer than NEIGHBOURS is worked out again.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection

from ayni.core.textindex.models import TextFloor, TextNeighbour, TextPosting, TextTerm

TERMS_KEPT = 40  # a document's weightiest terms; the rest weigh little and cost postings
NEIGHBOURS = 6  # a list holds at least this many (or every similar one): more than a page shows
# A list holds at most KEPT, so one that loses a member to an edit or a removal rarely falls
# under NEIGHBOURS and needs its scoring query (docs/performance.md § Text index: with 6 kept,
# a whole-body edit cost one such query for each of the lists it left).
KEPT = 12
BATCH = 500  # rows per statement in IN lists and VALUES, under any backend's limits

# Each other document sharing a term with document %(document)s, and their similarity.
SCORES = """
    SELECT other.document_id AS document_id, SUM(mine.weight * other.weight) AS score
    FROM core_textposting mine
    JOIN core_textposting other ON other.term_id = mine.term_id
    WHERE mine.document_id = %s AND other.document_id <> %s
    GROUP BY other.document_id
"""
# The best KEPT of a document, and every other document whose list it would enter.
RANKED = f"""
    SELECT document_id, score, floor, ranking FROM (
        SELECT scores.document_id, scores.score, COALESCE(floors.score, 0) AS floor,
               ROW_NUMBER() OVER (ORDER BY scores.score DESC, scores.document_id) AS ranking
        FROM ({SCORES}) scores
        LEFT JOIN core_textfloor floors ON floors.document_id = scores.document_id
    ) ranked
    WHERE ranking <= %s OR score > floor
"""  # noqa: S608 (constants only)
TOP = f"SELECT document_id, score FROM ({SCORES}) scores ORDER BY score DESC, document_id LIMIT %s"  # noqa: S608 (constants only)


def _chunks(items: Sequence, size: int = BATCH) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Plain multi-row INSERTs, a thousand rows a statement: the postings and lists of a whole
    corpus are hundreds of thousands of rows, and building a model instance for each cost the
    rebuild more than the database did."""
    row = "(" + _placeholders(len(columns)) + ")"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608 (constants only)
    batch: list = []
    with connection.cursor() as cursor:
        for values in rows:
            batch.append(values)
            if len(batch) == 1000:
                cursor.execute(head + ", ".join([row] * len(batch)), [v for r in batch for v in r])
                batch = []
        if batch:
            cursor.execute(head + ", ".join([row] * len(batch)), [v for r in batch for v in r])


def insert_postings(rows: Iterable[tuple[int, int, float]]) -> None:
    """(term id, document id, weight) rows."""
    insert_rows(TextPosting._meta.db_table, ["term_id", "document_id", "weight"], rows)


def insert_neighbours(rows: Iterable[tuple[int, int, float]]) -> None:
    """(document id, neighbour id, score) rows."""
    insert_rows(TextNeighbour._meta.db_table, ["document_id", "neighbour_id", "score"], rows)


# --- Document counts ---------------------------------------------------------------------


def count_terms(
    *, kind: str, language: str, terms: Iterable[str], change: int
) -> dict[str, tuple[int, int]]:
    """Add `change` (+1 or -1) to each term's document count, creating the terms a document
    brings; a count falling to 0 deletes the term (no document holds it, so no posting does
    either). When adding: each term's id and new count, read back from the same statement."""
    terms = sorted(set(terms))
    table = TextTerm._meta.db_table
    counted: dict[str, tuple[int, int]] = {}
    with connection.cursor() as cursor:
        for chunk in _chunks(terms):
            if change > 0:
                rows = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
                params: list = []
                for term in chunk:
                    params += [kind, language, term, change]
                upsert = f"INSERT INTO {table} (kind, language, term, documents) VALUES {rows} "  # noqa: S608 (constants only)
                cursor.execute(
                    upsert + "ON CONFLICT (kind, language, term) "
                    f"DO UPDATE SET documents = {table}.documents + excluded.documents "
                    "RETURNING term, id, documents",
                    params,
                )
                counted.update((term, (pk, n)) for term, pk, n in cursor.fetchall())
            else:
                where = f"kind = %s AND language = %s AND term IN ({_placeholders(len(chunk))})"
                cursor.execute(
                    f"UPDATE {table} SET documents = documents + %s WHERE {where}",  # noqa: S608 (constants only)
                    [change, kind, language, *chunk],
                )
                cursor.execute(
                    f"DELETE FROM {table} WHERE documents <= 0 AND {where}",  # noqa: S608 (constants only)
                    [kind, language, *chunk],
                )
    return counted


# --- Vectors ----------------------------------------------------------------------------


def weigh(counts: Counter[str], documents: dict[str, int], corpus: int) -> dict[str, float]:
    """The unit vector over the TERMS_KEPT weightiest terms of `counts`: weight (1 + ln tf) ×
    idf, idf = 1 + ln((corpus + 1) / (documents + 1)), smoothed so no term weighs nothing.
    Ties go to the term first in alphabetical order, so the vector is the same every time."""
    weights = {
        term: (1 + math.log(count)) * (1 + math.log((corpus + 1) / (documents.get(term, 0) + 1)))
        for term, count in counts.items()
    }
    kept = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS_KEPT]
    norm = math.sqrt(sum(weight * weight for _, weight in kept)) or 1.0
    return {term: weight / norm for term, weight in kept}


def store_vector(*, document_id: int, vector: dict[int, float]) -> None:
    """The document's postings become `vector` (term id → weight)."""
    TextPosting.objects.filter(document_id=document_id).delete()
    insert_postings((term_id, document_id, weight) for term_id, weight in vector.items())


# --- Neighbour lists -----------------------------------------------------------------------


def best(document_id: int) -> list[tuple[int, float]]:
    """The document's KEPT most similar others, best first, from the stored vectors."""
    with connection.cursor() as cursor:
        cursor.execute(TOP, [document_id, document_id, KEPT])
        return [(other, score) for other, score in cursor.fetchall()]


def ranked(document_id: int) -> tuple[list[tuple[int, float]], dict[int, float]]:
    """The document's KEPT best others, and every other document whose floor it beats (→ score)."""
    with connection.cursor() as cursor:
        cursor.execute(RANKED, [document_id, document_id, KEPT])
        rows = cursor.fetchall()
    rows.sort(key=lambda row: row[3])
    top = [(other, score) for other, score, _, ranking in rows if ranking <= KEPT]
    beaten = {other: score for other, score, floor, _ in rows if score > floor}
    return top, beaten


def set_list(document_id: int, top: list[tuple[int, float]]) -> None:
    """The document's list becomes `top` (its best, worked out in full), and its floor the last
    score of a full list."""
    TextFloor.objects.filter(document_id=document_id).delete()
    TextNeighbour.objects.filter(document_id=document_id).delete()
    insert_neighbours((document_id, other, score) for other, score in top)
    if len(top) >= KEPT:
        TextFloor.objects.create(document_id=document_id, score=top[-1][1])


def refill(document_ids: Iterable[int]) -> None:
    """Each document's list worked out again from the stored vectors: `best()` for each, the
    lists and floors then written in a few statements for them all (one statement scoring them
    all at once, grouped and ranked by document, was slower on SQLite than a top-N query for
    each)."""
    table = TextNeighbour._meta.db_table
    for chunk in _chunks(sorted(document_ids)):
        rows = [(document_id, *entry) for document_id in chunk for entry in best(document_id)]
        with connection.cursor() as cursor:
            marks = _placeholders(len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE document_id IN ({marks})", chunk)  # noqa: S608 (constants only)
        insert_neighbours(rows)
        set_floors(ids=chunk)


def shortened(document_ids: Sequence[int]) -> None:
    """These documents' lists have each lost a member (it went, or an edit took its score under
    the list's floor). A list keeps its floor and is still the best of its length: every
    document outside it scored no more than the floor. Only a list with a floor (one that may
    miss a document) left with fewer than NEIGHBOURS is worked out again (`refill`)."""
    short: list[int] = []
    with connection.cursor() as cursor:
        for chunk in _chunks(sorted(document_ids)):
            cursor.execute(
                f"""
                SELECT floors.document_id FROM core_textfloor floors
                WHERE floors.document_id IN ({_placeholders(len(chunk))}) AND (
                    SELECT COUNT(*) FROM {TextNeighbour._meta.db_table} kept
                    WHERE kept.document_id = floors.document_id
                ) < %s
                """,  # noqa: S608 (constants only)
                [*chunk, NEIGHBOURS],
            )
            short += [document_id for (document_id,) in cursor.fetchall()]
    refill(short)


def enter_lists(document_id: int, scores: dict[int, float]) -> None:
    """The document joins each list in `scores` (other document → similarity, above its
    floor); the lists are cut back to KEPT, and the floor of each full one is set again (never
    lower: every entry beat the old floor)."""
    if not scores:
        return
    insert_neighbours((other, document_id, score) for other, score in scores.items())
    table = TextNeighbour._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(sorted(scores)):
            marks = _placeholders(len(chunk))
            cursor.execute(
                f"""
                DELETE FROM {table} WHERE id IN (
                    SELECT id FROM (
                        SELECT id, ROW_NUMBER() OVER (
                            PARTITION BY document_id ORDER BY score DESC, neighbour_id
                        ) AS ranking
                        FROM {table} WHERE document_id IN ({marks})
                    ) ranked WHERE ranking > %s
                )
                """,  # noqa: S608 (constants only)
                [*chunk, KEPT],
            )
    set_floors(ids=sorted(scores), keep=True)


def set_floors(*, ids: Sequence[int] = (), kind: str = "", keep: bool = False) -> None:
    """Each full list's floor set again from its list (the score of its KEPT-th): of the
    documents `ids`, or of a kind. A shorter list loses its floor (it was just worked out in
    full, so it holds every similar document), or with `keep` keeps the one it has (it may
    have lost members since it was full)."""
    table = TextNeighbour._meta.db_table
    floors = f"""
        INSERT INTO core_textfloor (document_id, score)
        SELECT document_id, score FROM (
            SELECT document_id, score, ROW_NUMBER() OVER (
                PARTITION BY document_id ORDER BY score DESC, neighbour_id
            ) AS ranking
            FROM {table} WHERE document_id IN (%s)
        ) ranked WHERE ranking = {KEPT}
    """  # noqa: S608 (constants only)
    if keep:
        floors += " ON CONFLICT (document_id) DO UPDATE SET score = excluded.score"
    with connection.cursor() as cursor:
        if kind:
            of_kind = "SELECT id FROM core_textdocument WHERE kind = %s"
            cursor.execute(f"DELETE FROM core_textfloor WHERE document_id IN ({of_kind})", [kind])  # noqa: S608 (constants only)
            cursor.execute(floors % of_kind, [kind])
        for chunk in _chunks(ids):
            marks = _placeholders(len(chunk))
            if not keep:
                cursor.execute(f"DELETE FROM core_textfloor WHERE document_id IN ({marks})", chunk)  # noqa: S608 (constants only)
            cursor.execute(floors % marks, chunk)
