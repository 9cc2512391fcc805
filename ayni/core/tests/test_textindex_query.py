"""A reader's search text into an FTS5 expression (core/textindex/query.py): nothing a reader
types is FTS5 syntax."""

from __future__ import annotations

import pytest

from ayni.core.textindex.query import LONGEST_QUERY, MOST_TERMS, parse


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("lithium brine", '"lithium" AND "brine"'),
        ('"salt flats" lithium', '"salt flats" AND "lithium"'),
        ("lithium OR litio brine", '("lithium" OR "litio") AND "brine"'),
        ("lithium -mining", '("lithium") NOT "mining"'),
        ('lithium -"salt flats"', '("lithium") NOT "salt flats"'),
        ("AND( NEAR* lith*", '"AND" AND "NEAR" AND "lith"'),
        ("title:lithium", '"title lithium"'),
        ('say "hi', '"say" AND "hi"'),
        ("or lithium or", '"lithium"'),
        ("ñandú", '"ñandú"'),
    ],
)
def test_parse_gives_quoted_fts5_terms(text, expression):
    assert parse(text).fts5() == expression


@pytest.mark.parametrize("text", ["", "   ", '"', "-", "-lithium", "*** (( ))", "_"])
def test_parse_without_a_wanted_word_is_empty(text):
    assert not parse(text)


def test_parse_reads_a_bounded_query():
    query = parse(" ".join(f"w{n}" for n in range(LONGEST_QUERY)))

    assert len(query.groups) == MOST_TERMS


def test_parse_leaves_out_single_stop_words_but_not_phrases():
    stop = frozenset({"the", "of"})

    assert parse('the lithium of "the salt flats" the', stop=stop).fts5() == (
        '"lithium" AND "the salt flats"'
    )
    assert not parse("the of", stop=stop)
