"""The outbox's two UPDATEs for each email sent (claim it, then record it), written once per
model and database instead of built by the ORM for every email; and the third that puts a
recorded email back when the mail server refused it after all.

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
from typing import Any, NewType

from django.db import connections, models


@functools.cache
def _statements(model: type[models.Model], alias: str) -> dict[str, str]:
    quote = connections[alias].ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    claimed, due, emailed = quote("email_claimed_at"), quote("email_due"), quote("emailed_at")
    free = f"({claimed} IS NULL OR {claimed} < %s"
    done = ", ".join(
        f"{quote(name)} = %s"
        for name in ("email_due", "email_due_at", "email_queued_at", "email_claimed_at")
    )
    kept = ", ".join(quote(name) for name in KEPT)
    back = ", ".join(f"{quote(name)} = %s" for name in KEPT)
    # Names are the model's own, quoted; every value is a parameter.
    claim = f"UPDATE {table} SET {claimed} = %s WHERE {pk} = %s AND NOT ({due} = '') AND "  # noqa: S608
    done_sql = f"UPDATE {table} SET {done} WHERE {pk} = %s"  # noqa: S608
    sent_sql = f"UPDATE {table} SET {done}, {emailed} = %s WHERE {pk} = %s"  # noqa: S608
    # Only while the row still shows this record: nothing else became due since.
    back_sql = f"UPDATE {table} SET {back}, {claimed} = NULL WHERE {pk} = %s AND {due} = '' AND {emailed} = %s"  # noqa: E501, S608
    return {
        "claim": claim,
        "free": free + ")",
        "free_or_dead": free + f" OR {claimed} < %s)",
        "returning": f" RETURNING {kept}",
        "done": done_sql,
        "sent": sent_sql,
        "back": back_sql,
    }


# The fields recording an email changes besides the claim, as a claim found them.
KEPT = ("email_due", "email_due_at", "email_queued_at", "emailed_at")
Before = NewType("Before", tuple[Any, ...])  # their values, as the database gave them


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
) -> Before | None:
    """Set the row's email_claimed_at to `now` if an email is due and nobody holds it (never
    claimed, claimed before `timed_out`, or before `dead_before`). If this claimed it, the
    KEPT fields as they were (for `put_back`); None if not."""
    alias = model._default_manager.db
    sql, adapt = _statements(model, alias), connections[alias].ops.adapt_datetimefield_value
    params = [adapt(now), row_id, adapt(timed_out)]
    where = sql["free"]
    if dead_before is not None:
        where = sql["free_or_dead"]
        params.append(adapt(dead_before))
    with connections[alias].cursor() as cursor:
        cursor.execute(sql["claim"] + where + sql["returning"], params)
        row = cursor.fetchone()
    return None if row is None else Before(tuple(row))


def empty_outbox(model: type[models.Model], row_id: int, *, sent_at: datetime | None) -> None:
    """Empty the row's outbox fields; with `sent_at`, record it as emailed then."""
    alias = model._default_manager.db
    sql = _statements(model, alias)
    if sent_at is None:
        _execute(model, sql["done"], ["", None, None, None, row_id])
    else:
        adapt = connections[alias].ops.adapt_datetimefield_value
        _execute(model, sql["sent"], ["", None, None, None, adapt(sent_at), row_id])


def put_back(model: type[models.Model], row_id: int, before: Before, *, sent_at: datetime) -> int:
    """Undo `empty_outbox(…, sent_at=sent_at)`: the KEPT fields as `before` (a claim's) and the
    claim given back, if the row still shows that record. Returns 1 if it did."""
    alias = model._default_manager.db
    adapt = connections[alias].ops.adapt_datetimefield_value
    return _execute(model, _statements(model, alias)["back"], [*before, row_id, adapt(sent_at)])
