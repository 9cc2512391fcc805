"""Every list of a corpus in memory (core/textindex/all_lists.py) gives what the plain
per-document query (neighbours.best) gives, from the same stored vectors."""

from __future__ import annotations

import pytest

from ayni.core.models import TextDocument, TextPosting
from ayni.core.tests.textindex_corpus import ENGLISH, SPANISH, index_rows
from ayni.core.textindex.all_lists import Postings
from ayni.core.textindex.neighbours import KEPT, best

pytestmark = pytest.mark.django_db


def test_postings_lists_equal_the_plain_query_for_every_document():
    index_rows(ENGLISH, "en")
    index_rows(SPANISH, "es")
    index_rows(ENGLISH[:5], "en", kind="page")
    postings = Postings()
    for document in TextDocument.objects.order_by("pk"):
        rows = TextPosting.objects.filter(document=document).values_list("term_id", "weight")
        postings.add(document.pk, dict(rows))

    lists = dict(postings.lists(KEPT))

    assert lists.keys() == set(TextDocument.objects.values_list("pk", flat=True))
    for document_id, top in lists.items():
        plain = best(document_id)
        assert [other for other, _ in top] == [other for other, _ in plain], document_id
        assert [score for _, score in top] == pytest.approx([score for _, score in plain])


def test_postings_lists_break_ties_by_the_lower_id():
    postings = Postings()
    postings.add(1, {10: 1.0})
    postings.add(3, {10: 1.0})
    postings.add(2, {10: 1.0})

    lists = dict(postings.lists(2))

    assert lists == {1: [(2, 1.0), (3, 1.0)], 3: [(1, 1.0), (2, 1.0)], 2: [(1, 1.0), (3, 1.0)]}
