"""The outbox's two UPDATEs for each email sent (claim it, then record it), written once per
model and database instead of built by the ORM for every email.

Measured (`bench/profile_reminders.py`; docs/performance.md § Events, the reminders): building
`filter(pk=…).exclude(email_due="").filter(<unclaimed>).update(…)` cost the ORM about 1 ms an
email and recording it 0.4 ms, against 0.05 ms for the database to run either: together a
sixth of what a worker spends on a reminder. The statements here are the ORM's in SQL: the
same conditions, the datetimes adapted as the ORM adapts them. Tested against the ORM's
queryset row by row on SQLite and PostgreSQL (tests/pledges/test_outbox_sql.py).
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from django.db import connections, models


@functools.cache
def _statements(model: type[models.Model], alias: str) -> dict[str, str]:
    quote = connections[alias].ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    claimed, due = quote("email_claimed_at"), quote("email_due")
    free = f"({claimed} IS NULL OR {claimed} < %s"
    done = ", ".join(
        f"{quote(name)} = %s"
        for name in ("email_due", "email_due_at", "email_queued_at", "email_claimed_at")
    )
    # Names are the model's own, quoted; every value is a parameter.
    claim = f"UPDATE {table} SET {claimed} = %s WHERE {pk} = %s AND NOT ({due} = '') AND "  # noqa: S608
    done_sql = f"UPDATE {table} SET {done} WHERE {pk} = %s"  # noqa: S608
    sent_sql = f"UPDATE {table} SET {done}, {quote('emailed_at')} = %s WHERE {pk} = %s"  # noqa: S608
    return {
        "claim": claim,
        "free": free + ")",
        "free_or_dead": free + f" OR {claimed} < %s)",
        "done": done_sql,
        "sent": sent_sql,
    }


def _execute(model: type[models.Model], sql: str, params: list[Any]) -> int:
    alias = model._default_manager.db
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def claim_row(
    model: type[models.Model],
    row_id: int,
    *,
    now: datetime,
    timed_out: datetime,
    dead_before: datetime | None,
) -> bool:
    """Set the row's email_claimed_at to `now` if an email is due and nobody holds it (never
    claimed, claimed before `timed_out`, or before `dead_before`). True if this claimed it."""
    alias = model._default_manager.db
    sql, adapt = _statements(model, alias), connections[alias].ops.adapt_datetimefield_value
    params = [adapt(now), row_id, adapt(timed_out)]
    where = sql["free"]
    if dead_before is not None:
        where = sql["free_or_dead"]
        params.append(adapt(dead_before))
    return _execute(model, sql["claim"] + where, params) == 1


def empty_outbox(model: type[models.Model], row_id: int, *, sent_at: datetime | None) -> None:
    """Empty the row's outbox fields; with `sent_at`, record it as emailed then."""
    alias = model._default_manager.db
    sql = _statements(model, alias)
    if sent_at is None:
        _execute(model, sql["done"], ["", None, None, None, row_id])
    else:
        adapt = connections[alias].ops.adapt_datetimefield_value
        _execute(model, sql["sent"], ["", None, None, None, adapt(sent_at), row_id])
