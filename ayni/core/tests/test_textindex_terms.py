"""Words into terms (core/textindex/terms.py): stemmed in each language, stop-words out,
accents folded, the title weighing most."""

from __future__ import annotations

import pytest

from ayni.core.textindex.terms import check_language, term_counts, words


def test_words_stem_english_and_drop_stop_words():
    assert words("en", "The workers were organising; the worker organised!") == [
        "worker",
        "organis",
        "worker",
        "organis",
    ]


def test_words_stem_spanish_and_fold_accents():
    assert words("es", "Las canciones de la canción") == ["cancion", "cancion"]


def test_words_skip_numbers_and_noise():
    assert words("en", "2026 x " + "a" * 61 + " brine_pool") == ["brine", "pool"]


def test_term_counts_weigh_title_over_summary_over_body():
    counts = term_counts(language="en", title="Brine", summary="Salt", body="Water")

    assert counts == {"brine": 3, "salt": 2, "water": 1}


def test_check_language_refuses_others():
    with pytest.raises(ValueError, match="'fr'"):
        check_language("fr")


def test_search_leaves_out_only_the_words_that_tell_no_text_apart():
    from ayni.core.textindex.terms import search_stop_words

    assert {"the", "and", "of"} <= search_stop_words("en")
    assert {"de", "la", "que"} <= search_stop_words("es")
    # Words readers search for, which a longer list drops.
    assert not {"members", "work", "state", "opening", "new"} & search_stop_words("en")
