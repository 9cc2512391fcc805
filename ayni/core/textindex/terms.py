"""Words into terms: lower-cased, stop-words dropped, Snowball-stemmed, accents folded.

Pure Python, no database: the similar-stories engine weighs these terms (`neighbours.py`).
The database's own full-text index (`fts.py`) tokenises for search on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from stop_words import get_stop_words

LANGUAGES = {"en": "english", "es": "spanish"}
STOP_WORDS = Path(__file__).resolve().parent / "stopwords"
# How much one occurrence counts in each part of a document: a word in the title says more
# about what the text is about than one in the body.
FIELD_WEIGHTS = (("title", 3), ("summary", 2), ("body", 1))
WORD = re.compile(r"[^\W\d_]{2,}")  # letters only, two or more: no numbers, no underscores
LONGEST = 60  # longer "words" are noise (URLs run together, base64), never terms


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"text index language must be one of {sorted(LANGUAGES)}: {language!r}")
    return language


@cache
def stop_words(language: str) -> frozenset[str]:
    """The words left out of the similar-stories vectors: the `stop-words` package's long list,
    which also drops the verbs every news text uses ("said", "asks")."""
    return frozenset(get_stop_words(LANGUAGES[language]))


@cache
def search_stop_words(language: str) -> frozenset[str]:
    """The words a reader's search leaves out on SQLite: the Snowball list, as PostgreSQL's
    configuration of the language drops them ("the", "de"). Not the long list: it holds words a
    reader searches for ("members", "work", "state")."""
    lines = (STOP_WORDS / f"{check_language(language)}.txt").read_text(encoding="utf-8")
    return frozenset(
        word.strip() for word in lines.splitlines() if word.strip() and not word.startswith("#")
    )


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(LANGUAGES[language])


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def stem(language: str, word: str) -> str:
    """A lower-cased word's term (cached: Snowball in pure Python costs ~65 µs a word, and
    words repeat across documents as Zipf says they do)."""
    return fold_accents(_stemmer(language).stemWord(word))


def words(language: str, text: str) -> list[str]:
    """The text's terms in order, stop-words left out."""
    stop = stop_words(language)
    return [
        stem(language, word)
        for word in WORD.findall(text.lower())
        if word not in stop and len(word) <= LONGEST
    ]


def term_counts(*, language: str, title: str, summary: str, body: str) -> Counter[str]:
    """Each term's occurrences, weighted by where it occurs (FIELD_WEIGHTS)."""
    counts: Counter[str] = Counter()
    texts = {"title": title, "summary": summary, "body": body}
    for field, weight in FIELD_WEIGHTS:
        for term in words(language, texts[field]):
            counts[term] += weight
    return counts
