"""A reader's search words, parsed the way web search engines read them, for either backend.

Untrusted text in, and never an error out: `"a phrase"`, `-word` to leave out, `or` between
alternatives, everything else a word that must be there. Only letters and digits survive into
a term, so FTS5's query syntax (`AND(`, `NEAR`, `*`, `^`, column filters) is never spoken by a
reader: each term is a quoted FTS5 string. PostgreSQL gets the text as it came, to
websearch_to_tsquery, which never raises either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LONGEST_QUERY = 500  # characters read; more is not a search query
MOST_TERMS = 16  # terms used; each one costs the index a lookup
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"\w+")


@dataclass
class Query:
    """Groups of alternatives, all of which must match, and phrases that must not."""

    groups: list[list[str]] = field(default_factory=list)  # each a list of phrases (OR)
    excluded: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def fts5(self) -> str:
        """The FTS5 MATCH expression: every phrase a quoted string, so nothing is syntax."""

        def quoted(phrase: str) -> str:
            return '"' + phrase.replace('"', '""') + '"'

        parts = []
        for group in self.groups:
            alternatives = " OR ".join(quoted(phrase) for phrase in group)
            parts.append(f"({alternatives})" if len(group) > 1 else alternatives)
        expression = " AND ".join(parts)
        for phrase in self.excluded:
            expression = f"({expression}) NOT {quoted(phrase)}"
        return expression


def parse(text: str, stop: frozenset[str] = frozenset()) -> Query:
    """The reader's query, bounded (LONGEST_QUERY characters, MOST_TERMS terms). A single
    word in `stop` is left out, as PostgreSQL's configurations leave out stop-words: "the"
    asks nothing of a text, and would make the index rank every document."""
    query = Query()
    alternative = False
    used = 0
    for match in TOKEN.finditer((text or "")[:LONGEST_QUERY]):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.lower() == "or":
            alternative = bool(query.groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        words = WORD.findall((quoted if quoted is not None else bare or "").replace("_", " "))
        if not words or used >= MOST_TERMS:
            alternative = False
            continue
        used += 1
        phrase = " ".join(words)
        if len(words) == 1 and phrase.lower() in stop:
            alternative = False
            continue
        if negated:
            query.excluded.append(phrase)
        elif alternative:
            query.groups[-1].append(phrase)
        else:
            query.groups.append([phrase])
        alternative = False
    return query
