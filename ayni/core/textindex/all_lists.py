"""Every document's similar list for a whole corpus at once, in memory: what `rebuild` uses
instead of `neighbours.best()` once per document.

Measured (bench/textindex.py, 20,000 articles, SQLite, a loaded 2-core VM): `best()` per
document, one SQL join and aggregate each, took 274 s of the rebuild's 637 s; the same sums
over postings held here as arrays take a fraction of that (docs/performance.md § Text index).
The work is the same, Σ over terms of (documents holding it)², about 108 million products at
20,000 articles; here each is a dictionary update instead of an index lookup and a row
through SQLite's aggregate. Memory: the postings (TERMS_KEPT a document, 16 bytes each: 13 MB
at 20,000), never the texts. `test_textindex_all_lists.py` checks it gives `best()`'s lists.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterator


class Postings:
    """The vectors of a corpus, by document and by term."""

    def __init__(self) -> None:
        self.documents: list[tuple[int, array, array]] = []
        self.by_term: dict[int, tuple[array, array]] = {}

    def add(self, document_id: int, vector: dict[int, float]) -> None:
        terms, weights = array("q", vector.keys()), array("d", vector.values())
        self.documents.append((document_id, terms, weights))
        for term, weight in vector.items():
            holders = self.by_term.get(term)
            if holders is None:
                holders = self.by_term[term] = (array("q"), array("d"))
            holders[0].append(document_id)
            holders[1].append(weight)

    def lists(self, keep: int) -> Iterator[tuple[int, list[tuple[int, float]]]]:
        """Each document's `keep` most similar others, best first (ties: lower id first), as
        `neighbours.best()` orders them."""
        by_term = self.by_term
        for document_id, terms, weights in self.documents:
            sums: dict[int, float] = {}
            get = sums.get
            for term, weight in zip(terms, weights, strict=True):
                others, their_weights = by_term[term]
                for other, other_weight in zip(others, their_weights, strict=True):
                    sums[other] = get(other, 0.0) + weight * other_weight
            del sums[document_id]
            yield document_id, heapq.nsmallest(keep, sums.items(), key=_best_first)


def _best_first(entry: tuple[int, float]) -> tuple[float, int]:
    return -entry[1], entry[0]
