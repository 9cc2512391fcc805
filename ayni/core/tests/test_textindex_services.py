"""The text index's writes (core/textindex/services.py): similar documents by their text,
kept right as documents come, change and go; on SQLite and PostgreSQL alike."""

from __future__ import annotations

import random

import pytest

from ayni.core.models import TextDocument, TextFloor, TextNeighbour, TextPosting, TextTerm
from ayni.core.tests.textindex_corpus import ENGLISH, SPANISH, index_rows, siblings
from ayni.core.textindex.neighbours import NEIGHBOURS
from ayni.core.textindex.selectors import search, similar, similar_scores
from ayni.core.textindex.services import Document, index_document, rebuild, remove_document

pytestmark = pytest.mark.django_db
KIND = "story"


_index = index_rows


def _documents():
    return [
        Document(object_id=row[0], language=language, title=row[2], summary=row[3], body=row[4])
        for rows, language in ((ENGLISH, "en"), (SPANISH, "es"))
        for row in rows
    ]


def _lists(kind=KIND):
    return {
        document.object_id: similar_scores(kind=kind, object_id=document.object_id)
        for document in TextDocument.objects.filter(kind=kind)
    }


def _assert_topics_found():
    for corpus in (ENGLISH, SPANISH):
        for row in corpus:
            right = siblings(corpus, row[0])
            assert set(similar(kind=KIND, object_id=row[0], limit=len(right))) == right, row[0]


def test_index_document_finds_each_texts_topic_siblings():
    _index(ENGLISH, "en")
    _index(SPANISH, "es")

    _assert_topics_found()


def test_rebuild_finds_each_texts_topic_siblings():
    indexed = rebuild(kind=KIND, documents=iter(_documents()))

    assert indexed == len(ENGLISH) + len(SPANISH)
    _assert_topics_found()


def test_index_document_in_any_order_finds_the_same_siblings():
    rows = [(row, "en") for row in ENGLISH] + [(row, "es") for row in SPANISH]
    random.Random(7).shuffle(rows)

    for row, language in rows:
        _index([row], language)

    _assert_topics_found()


def _fresh_lists():
    """Every list worked out from scratch from the stored vectors."""
    from ayni.core.textindex.neighbours import best

    return {
        document.object_id: [
            (TextDocument.objects.get(pk=other).object_id, score)
            for other, score in best(document.pk)
        ]
        for document in TextDocument.objects.filter(kind=KIND)
    }


def _assert_lists_as_fresh():
    kept, fresh = _lists(), _fresh_lists()
    assert kept.keys() == fresh.keys()
    for object_id, entries in fresh.items():
        assert [o for o, _ in kept[object_id]] == [o for o, _ in entries], object_id
        assert [s for _, s in kept[object_id]] == pytest.approx([s for _, s in entries])
    floors = dict(TextFloor.objects.values_list("document__object_id", "score"))
    for object_id, entries in kept.items():
        if len(entries) == NEIGHBOURS:
            assert floors.pop(object_id) == pytest.approx(entries[-1][1])
    assert floors == {}


def test_index_document_keeps_every_list_as_a_fresh_computation_would():
    _index(ENGLISH, "en")

    _assert_lists_as_fresh()


def test_index_document_edit_moves_the_text_to_its_new_topic():
    _index(ENGLISH, "en")
    soup = ENGLISH[12]

    index_document(
        kind=KIND, object_id=1, language="en", title=soup[2], summary=soup[3], body=soup[4]
    )

    assert 1 in similar(kind=KIND, object_id=13)
    for lithium in (2, 3, 4):
        assert set(similar(kind=KIND, object_id=lithium, limit=2)) == {2, 3, 4} - {lithium}
    _assert_lists_as_fresh()


def test_index_document_again_with_the_same_text_changes_nothing():
    _index(ENGLISH, "en")
    before = (_lists(), list(TextPosting.objects.values_list("term_id", "document_id", "weight")))

    _index(ENGLISH, "en")

    after = (_lists(), list(TextPosting.objects.values_list("term_id", "document_id", "weight")))
    assert after == before
    assert TextDocument.objects.count() == len(ENGLISH)


def test_index_document_term_counts_match_the_documents():
    from ayni.core.textindex.terms import term_counts

    _index(ENGLISH, "en")
    index_document(kind=KIND, object_id=5, language="en", title="Potatoes", body="Soup.")
    remove_document(kind=KIND, object_id=9)

    expected: dict[str, int] = {}
    for document in TextDocument.objects.filter(kind=KIND):
        terms = term_counts(
            language="en", title=document.title, summary=document.summary, body=document.body
        )
        for term in terms:
            expected[term] = expected.get(term, 0) + 1
    counted = dict(TextTerm.objects.filter(kind=KIND).values_list("term", "documents"))
    assert counted == expected


def test_remove_document_leaves_no_trace_and_refills_the_lists():
    _index(ENGLISH, "en")

    remove_document(kind=KIND, object_id=1)

    assert not TextDocument.objects.filter(kind=KIND, object_id=1).exists()
    assert all(1 not in [o for o, _ in entries] for entries in _lists().values())
    assert set(similar(kind=KIND, object_id=2, limit=2)) == {3, 4}
    assert search(kind=KIND, query="royalties") == []
    _assert_lists_as_fresh()


def test_remove_document_unknown_is_nothing():
    _index(ENGLISH[:2], "en")

    remove_document(kind=KIND, object_id=999)
    remove_document(kind="other", object_id=1)

    assert TextDocument.objects.count() == 2


def test_index_document_after_edits_and_removals_keeps_lists_fresh():
    rng = random.Random(11)
    _index(ENGLISH, "en")
    for _ in range(12):
        row = rng.choice(ENGLISH)
        other = rng.choice(ENGLISH)
        if rng.random() < 0.3:
            remove_document(kind=KIND, object_id=row[0])
        else:
            index_document(
                kind=KIND,
                object_id=row[0],
                language="en",
                title=other[2],
                summary=row[3],
                body=other[4],
            )

    _assert_lists_as_fresh()


def test_similar_keeps_to_one_language_and_one_kind():
    _index(ENGLISH, "en")
    _index(SPANISH, "es")
    _index(ENGLISH, "en", kind="page")

    english = {row[0] for row in ENGLISH}
    for document in TextDocument.objects.filter(kind=KIND):
        others = similar(kind=KIND, object_id=document.object_id, limit=NEIGHBOURS)
        assert set(others) <= (english if document.language == "en" else {r[0] for r in SPANISH})
    assert (
        TextNeighbour.objects.filter(document__kind="page").exclude(neighbour__kind="page").count()
        == 0
    )


def test_similar_of_an_unknown_object_is_empty():
    assert similar(kind=KIND, object_id=1) == []


def test_index_document_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="language"):
        index_document(kind=KIND, object_id=1, language="fr", title="Bonjour")

    assert not TextDocument.objects.exists()


def test_index_document_stores_text_postgresql_cannot_hold_without_error():
    index_document(
        kind=KIND, object_id=1, language="en", title="Nul\x00 and \x02marks\x03", body="b\x00dy"
    )

    document = TextDocument.objects.get()
    assert (document.title, document.body) == ("Nul and marks", "bdy")


def test_rebuild_replaces_the_kind_and_leaves_others():
    _index(ENGLISH, "en")
    _index(ENGLISH[:3], "en", kind="page")
    progress = []

    rebuild(
        kind=KIND,
        documents=(d for d in _documents() if d.language == "es"),
        progress=lambda stage, done: progress.append((stage, done)),
    )

    assert set(TextDocument.objects.filter(kind=KIND).values_list("object_id", flat=True)) == {
        row[0] for row in SPANISH
    }
    assert TextDocument.objects.filter(kind="page").count() == 3
    assert len(similar(kind="page", object_id=1)) == 2
    assert ("neighbours", len(SPANISH)) in progress
    assert search(kind=KIND, query="lithium") == []


def test_rebuild_lists_are_as_fresh_and_as_incremental_ones():
    _index(ENGLISH, "en")
    incremental = {k: [o for o, _ in v][:3] for k, v in _lists().items()}

    rebuild(kind=KIND, documents=[d for d in _documents() if d.language == "en"])

    _assert_lists_as_fresh()
    rebuilt = {k: [o for o, _ in v][:3] for k, v in _lists().items()}
    assert {k: set(v) for k, v in rebuilt.items()} == {k: set(v) for k, v in incremental.items()}
