"""Two statement reads in plain SQL, for the two hottest addresses: signing and the statement page.

Measured (`bench/speedups.py`, figures in docs/performance.md § "The speed-ups, each against its
plain version"): building the ORM query costs several times what SQLite takes to answer it, so
  - `public_statement_alone` (what signing writes against) reads the row with one prepared
    SELECT and turns it into a Statement as the ORM does (`core/prepared_select.py`);
  - `public_statement_stamp` (the page cache's key) answers in one query what would take two
    ORM queries (the statement and its tally).
Each is tested against its plain ORM version (statements/tests/test_sql_selectors.py). New code
reads through `selectors` with the ORM; it comes here only when a benchmark shows the ORM is the
cost.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from ayni.core.prepared_select import PreparedSelect
from ayni.statements.enums import StatementState
from ayni.statements.models import Statement

# Fixed here, prepared on first use (core/prepared_select.py).
_STATEMENT_ALONE = PreparedSelect(Statement, by="slug", exclude={"state": StatementState.DRAFT})


def public_statement_alone(slug: str) -> Statement | None:
    """The statement only (no tally, no language versions): what signing writes against.

    One prepared SELECT, the row turned into a Statement as the ORM does it (`from_db`): the
    busiest write path looks the statement up on every request, and building the ORM query, or
    mapping a raw() query's columns, costs several times what SQLite takes to answer.
    """
    return _STATEMENT_ALONE.get(slug)


_STAMP_SQL = (
    "SELECT s.id, s.updated_at, t.updated_at, CASE WHEN s.state = %s AND "
    "(s.deadline IS NULL OR s.deadline > %s) THEN 1 ELSE 0 END, "
    "s.deadline IS NOT NULL OR s.closed_at IS NOT NULL "
    "FROM statements_statement s LEFT JOIN statements_statementtally t ON t.statement_id = s.id "
    "WHERE s.slug = %s AND s.state <> %s"
)


class StatementStamp(NamedTuple):
    version: str  # changes whenever the public page may change (apart from timed edits)
    shows_date: bool  # a deadline or a closing day: the page shows a date, in the reader's zone


def public_statement_stamp(slug: str) -> StatementStamp | None:
    """A fingerprint of a public statement that changes when its page may change, else None.

    Built from the statement's and its tally's updated_at and whether it is open right now.
    One plain SQL query: on the hottest path the ORM's query building costs ten times what
    SQLite takes to answer.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_STAMP_SQL, [StatementState.OPEN, now, slug, StatementState.DRAFT])
        row = cursor.fetchone()
    if row is None:
        return None
    version = ":".join(str(value).replace(" ", "T") for value in row[:4])
    return StatementStamp(version=version, shows_date=bool(row[4]))
