"""Two statement reads in plain SQL, for the two hottest addresses: signing and the statement page.

Measured (`bench/speedups.py`, figures in docs/performance.md § "The speed-ups, each against its
plain version"): building the ORM query costs several times what SQLite takes to answer it, so
  - `public_statement_alone` (what signing writes against) reads the row with one prepared
    SELECT and turns it into a Statement as the ORM does (`from_db`, the fields' converters);
  - `public_statement_stamp` (the page cache's key) answers in one query what would take two
    ORM queries (the statement and its tally).
Each is tested against its plain ORM version (statements/tests/test_sql_selectors.py). New code
reads through `selectors` with the ORM; it comes here only when a benchmark shows the ORM is the
cost.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone

from ayni.statements.enums import StatementState
from ayni.statements.models import Statement


def public_statement_alone(slug: str) -> Statement | None:
    """The statement only (no tally, no language versions): what signing writes against.

    Plain SQL, the row turned into a Statement as the ORM does it (`from_db`): the busiest
    write path looks the statement up on every request, and building the ORM query, or
    mapping a raw() query's columns, costs several times what SQLite takes to answer.
    """
    names, sql = _statement_select()
    with connection.cursor() as cursor:
        cursor.execute(sql, [slug, StatementState.DRAFT])
        row = cursor.fetchone()
    if row is None:
        return None
    values = [
        _convert(value, conversion) if conversion else value
        for value, conversion in zip(row, _statement_converters(connection.vendor), strict=True)
    ]
    return Statement.from_db(connection.alias, names, values)


@functools.cache
def _statement_select() -> tuple[list[str], str]:
    fields = Statement._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = f"SELECT {columns} FROM statements_statement WHERE slug = %s AND state <> %s"  # noqa: S608
    return [field.attname for field in fields], sql


@functools.cache
def _statement_converters(vendor: str) -> list[tuple[Any, list] | None]:
    """Per column, what turns the database's value into the field's, as the ORM does it."""
    converters: list[tuple[Any, list] | None] = []
    for field in Statement._meta.concrete_fields:
        column = field.get_col(Statement._meta.db_table)
        found = connection.ops.get_db_converters(column)
        found += field.get_db_converters(connection)  # type: ignore[attr-defined]
        converters.append((column, found) if found else None)
    return converters


def _convert(value: Any, column_converters: tuple[Any, list]) -> Any:
    column, converters = column_converters
    for converter in converters:
        value = converter(value, column, connection)
    return value


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
