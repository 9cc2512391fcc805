"""The database's own full-text index, one interface over two backends.

SQLite: an FTS5 table (`core_textdocument_fts`, external content: the texts stay in
`core_textdocument`, triggers keep the index in step), tokenised by unicode61 with accents
folded and Porter's stemmer, ranked by bm25() with the title weighing most. PostgreSQL: the
generated column `search_vector` (title weight A, summary B, body D, in the row's language's
configuration: ayni_english or ayni_spanish, PostgreSQL's own with accents folded first, so
"informacion" finds "información" on both backends), a GIN index, websearch_to_tsquery and
ts_rank_cd. Both created by migration 0004 (the configurations by 0005). The best `limit` are found first; snippets are made for those
only.
"""

from __future__ import annotations

from django.db import connection

from ayni.core.textindex.query import parse
from ayni.core.textindex.terms import search_stop_words

START, STOP = "\x02", "\x03"  # around each match in a snippet (services strip them from texts)
TITLE, SUMMARY, BODY = 10.0, 4.0, 1.0  # bm25() column weights on SQLite
# PostgreSQL: its own configurations with accents folded (migration 0005), as FTS5 folds them.
CONFIGS = {"en": "ayni_english", "es": "ayni_spanish"}
SNIPPET_WORDS = 24

Hit = tuple[int, float, str]


def _sqlite(kind: str, text: str, language: str | None, limit: int, offset: int) -> list[Hit]:
    languages = [language] if language else list(CONFIGS)
    query = parse(text, stop=frozenset().union(*(search_stop_words(code) for code in languages)))
    if not query:
        return []
    expression = query.fts5()
    language_filter = "AND d.language = %s" if language else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT d.id, -bm25(core_textdocument_fts, {TITLE}, {SUMMARY}, {BODY}) AS score
            FROM core_textdocument_fts
            JOIN core_textdocument d ON d.id = core_textdocument_fts.rowid
            WHERE core_textdocument_fts MATCH %s AND d.kind = %s {language_filter}
            ORDER BY score DESC, d.id LIMIT %s OFFSET %s
            """,  # noqa: S608 (constants only)
            [expression, kind, *([language] if language else []), limit, offset],
        )
        ranked = cursor.fetchall()
        if not ranked:
            return []
        ids = [row[0] for row in ranked]
        cursor.execute(
            f"""
            SELECT d.id, d.object_id,
                   snippet(core_textdocument_fts, -1, %s, %s, '…', {SNIPPET_WORDS})
            FROM core_textdocument_fts
            JOIN core_textdocument d ON d.id = core_textdocument_fts.rowid
            WHERE core_textdocument_fts MATCH %s
              AND core_textdocument_fts.rowid IN ({", ".join(["%s"] * len(ids))})
            """,  # noqa: S608 (constants only)
            [START, STOP, expression, *ids],
        )
        found = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
    return [(found[pk][0], score, found[pk][1]) for pk, score in ranked]


def _postgresql(kind: str, text: str, language: str | None, limit: int, offset: int) -> list[Hit]:
    text = (text or "").replace("\x00", "")[:2000]
    languages = [language] if language else list(CONFIGS)
    # One condition per language, each its own configuration, so the GIN index serves each.
    matches = " OR ".join(
        f"(d.language = '{code}' AND d.search_vector @@ websearch_to_tsquery('{CONFIGS[code]}', %s))"
        for code in languages
    )
    tsquery = "CASE d.language " + " ".join(
        f"WHEN '{code}' THEN websearch_to_tsquery('{CONFIGS[code]}', %s)" for code in languages
    )
    config = "CASE best.language " + " ".join(
        f"WHEN '{code}' THEN '{CONFIGS[code]}'::regconfig" for code in languages
    )
    headline_options = (
        f"StartSel={START}, StopSel={STOP}, MaxFragments=1, "
        f"MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT best.object_id, best.score,
                   ts_headline({config} END, best.summary || E'\\n' || best.body, best.q, %s)
            FROM (
                SELECT d.id, d.object_id, d.summary, d.body, d.language, q,
                       ts_rank_cd('{{0.1, 0.2, 0.4, 1.0}}', d.search_vector, q) AS score
                FROM core_textdocument d, LATERAL (SELECT {tsquery} END AS q) queries
                WHERE d.kind = %s AND ({matches})
                ORDER BY score DESC, d.id LIMIT %s OFFSET %s
            ) best
            ORDER BY best.score DESC, best.id
            """,  # noqa: S608 (constants only)
            [
                headline_options,
                *[text] * len(languages),
                kind,
                *[text] * len(languages),
                limit,
                offset,
            ],
        )
        return [
            (object_id, float(score), snippet) for object_id, score, snippet in cursor.fetchall()
        ]


def search(*, kind: str, text: str, language: str | None, limit: int, offset: int) -> list[Hit]:
    """(object id, score, snippet) of the best matches, best first."""
    if connection.vendor == "postgresql":
        return _postgresql(kind, text, language, limit, offset)
    return _sqlite(kind, text, language, limit, offset)
