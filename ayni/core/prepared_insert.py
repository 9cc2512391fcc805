"""One row INSERTed with a statement prepared once per model: signing's single write.

Measured (`bench/speedups.py`, figures in docs/performance.md § "The speed-ups, each against its
plain version"): `Model.save()` rebuilds its INSERT statement on every call, and for a
twenty-column row that was most of the cost of a request that does nothing else. `insert_row`
builds the statement once per model and database and runs it with the values prepared exactly
as `save()` prepares them (each field's `pre_save` and `get_db_prep_save`). It sends no model
signals: use it only for models nothing listens to. It validates nothing: the caller does (the
sign service runs `full_clean` without the checks it has already made). Both are tested against
`full_clean()` + `save()` (tests/test_prepared_insert.py). New code saves with the ORM; it comes
here only when a benchmark shows `save()` is the cost.
"""

from __future__ import annotations

import functools

from django.db import connections, router
from django.db.models import Field, Model


@functools.cache
def _insert_statement(model: type[Model], alias: str) -> tuple[str, tuple[Field, ...]]:
    connection = connections[alias]
    quote = connection.ops.quote_name
    meta = model._meta
    fields = tuple(field for field in meta.concrete_fields if not field.primary_key)
    # Only names from the model (quoted) go into the text; the values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({}) RETURNING {}".format(  # noqa: S608
        quote(meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
        quote(meta.pk.column),
    )
    return sql, fields


def insert_row(instance: Model) -> None:
    """INSERT `instance` as a new row and set its primary key; raises IntegrityError as save() does."""
    model = type(instance)
    alias = router.db_for_write(model, instance=instance)
    connection = connections[alias]
    if not connection.features.can_return_columns_from_insert:
        instance.save(force_insert=True, using=alias)
        return
    sql, fields = _insert_statement(model, alias)
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        (instance.pk,) = cursor.fetchone()
    instance._state.adding = False
    instance._state.db = alias
