"""The text index's writes (core/textindex/services.py): similar documents by their text,
kept right as documents come, change and go; on SQLite and PostgreSQL alike."""

from __future__ import annotations

import random

import pytest

from ayni.core.models import TextDocument, TextFloor, TextNeighbour, TextPosting, TextTerm
from ayni.core.tests.textindex_corpus import ENGLISH, SPANISH, index_rows, siblings
from ayni.core.textindex import neighbours
from ayni.core.textindex.neighbours import NEIGHBOURS
from ayni.core.textindex.selectors import search, similar, similar_scores
from ayni.core.textindex.services import Document, index_document, rebuild, remove_document

pytestmark = pytest.mark.django_db
KIND = "story"


_index = index_rows


@pytest.fixture
def short_lists(monkeypatch):
    """Lists of at most 4 and at least 2: the test corpus's topics are four texts, so with the
    real 12 and 6 no list fills and no floor is set; at this size floors are set, lists lose
    members under them and fall short."""
    monkeypatch.setattr(neighbours, "KEPT", 4)
    monkeypatch.setattr(neighbours, "NEIGHBOURS", 2)


@pytest.fixture(params=["kept", "short"])
def list_sizes(request):
    """The real list sizes, then short ones (`short_lists`)."""
    if request.param == "short":
        request.getfixturevalue("short_lists")


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
    """Each stored list is the start of what a fresh computation gives: all of it for a list
    without a floor; at least NEIGHBOURS (or all there are) for one with a floor, nothing left
    out scoring above the floor, and a full list's floor its last score."""
    kept, fresh = _lists(), _fresh_lists()
    floors = dict(TextFloor.objects.values_list("document__object_id", "score"))
    assert kept.keys() == fresh.keys()
    for object_id, entries in fresh.items():
        stored = kept[object_id]
        assert [o for o, _ in stored] == [o for o, _ in entries[: len(stored)]], object_id
        assert [s for _, s in stored] == pytest.approx([s for _, s in entries[: len(stored)]])
        if object_id not in floors:
            assert len(stored) == len(entries), object_id
            continue
        floor = floors.pop(object_id)
        assert len(stored) >= min(neighbours.NEIGHBOURS, len(entries)), object_id
        assert all(score <= floor + 1e-9 for _, score in entries[len(stored) :]), object_id
        if len(stored) == neighbours.KEPT:
            assert floor == pytest.approx(stored[-1][1])
    assert floors == {}


def test_index_document_keeps_every_list_as_a_fresh_computation_would(list_sizes):
    _index(ENGLISH, "en")

    _assert_lists_as_fresh()


def test_index_document_edit_moves_the_text_to_its_new_topic(list_sizes):
    _index(ENGLISH, "en")
    soup = ENGLISH[12]

    index_document(
        kind=KIND, object_id=1, language="en", title=soup[2], summary=soup[3], body=soup[4]
    )

    assert 1 in similar(kind=KIND, object_id=13)
    for lithium in (2, 3, 4):
        assert set(similar(kind=KIND, object_id=lithium, limit=2)) == {2, 3, 4} - {lithium}
    _assert_lists_as_fresh()


def _list_of(object_id):
    document = TextDocument.objects.get(kind=KIND, object_id=object_id)
    floor = TextFloor.objects.filter(document=document).values_list("score", flat=True).first()
    return [o for o, _ in similar_scores(kind=KIND, object_id=object_id)], floor


def test_index_document_edit_leaves_the_lists_it_falls_out_of_shorter_with_their_floors(
    short_lists,
):
    _index(ENGLISH, "en")
    before = {row[0]: _list_of(row[0]) for row in ENGLISH}
    soup = ENGLISH[12]

    index_document(
        kind=KIND, object_id=1, language="en", title=soup[2], summary=soup[3], body=soup[4]
    )

    # The other lithium texts' full lists held the text; it is soup now, under their floors.
    for lithium in (2, 3, 4):
        entries, floor = before[lithium]
        assert (1 in entries, len(entries), floor is not None) == (True, 4, True)
        assert _list_of(lithium) == ([o for o in entries if o != 1], floor)
    _assert_lists_as_fresh()


def test_remove_document_works_a_list_out_again_once_it_holds_fewer_than_neighbours(
    short_lists,
):
    _index(ENGLISH, "en")
    entries, floor = _list_of(16)
    assert (entries, floor is not None) == ([13, 15, 14, 12], True)

    remove_document(kind=KIND, object_id=14)
    remove_document(kind=KIND, object_id=12)
    kept = _list_of(16)
    remove_document(kind=KIND, object_id=13)

    assert kept == ([13, 15], floor)  # two left: still enough, not worked out again
    assert _list_of(16) == ([15, 1], None)  # one left: worked out again, 1 was under the floor
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


def test_remove_document_leaves_no_trace_and_refills_the_lists(list_sizes):
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


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_index_document_after_edits_and_removals_keeps_lists_fresh(list_sizes, seed):
    rng = random.Random(seed)
    _index(ENGLISH, "en")
    for _ in range(30):
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


def test_rebuild_lists_are_as_fresh_and_as_incremental_ones(list_sizes):
    _index(ENGLISH, "en")
    incremental = {k: [o for o, _ in v][:3] for k, v in _lists().items()}

    rebuild(kind=KIND, documents=[d for d in _documents() if d.language == "en"])

    _assert_lists_as_fresh()
    rebuilt = {k: [o for o, _ in v][:3] for k, v in _lists().items()}
    assert {k: set(v) for k, v in rebuilt.items()} == {k: set(v) for k, v in incremental.items()}
