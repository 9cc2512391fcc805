"""One row of a model read with a SELECT prepared once per model: the hot paths' single reads.

Measured (`bench/speedups.py`, figures in docs/performance.md § "The speed-ups, each against its
plain version", and § Events): for a query like `Event.objects.filter(state__in=…,
slug=slug).only(…).first()` building the ORM query costs several times what SQLite takes to
answer it; for registering it was about 40% of the request. `PreparedSelect` writes the
statement once per model and database (the chosen concrete fields, a unique column to find the
row by, a few fixed conditions) and turns the row into a model as the ORM does: each column
through the converters the ORM applies (the backend's and the field's), then `Model.from_db`,
so fields left out are deferred, as with `.only()`. Tested against the ORM field by field on
SQLite and PostgreSQL (tests/test_prepared_select.py). New code reads with the ORM; it comes
here only when a benchmark shows the ORM's query building is the cost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from django.db import connections, router
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)
# Each condition is a column that must (or must not) equal one of fixed values.
_EXACT, _IN = "exact", "in"


class _Condition(NamedTuple):
    field: Field
    values: tuple[Any, ...]
    negated: bool


class _Statement(NamedTuple):
    sql: str
    params: list[Any]  # the fixed conditions' values, as the database takes them
    converters: list[tuple[int, Any, list]]  # (position, column, converters) where there are any


class PreparedSelect(Generic[M]):
    """`PreparedSelect(Event, by="slug", fields=[...], filter={"state__in": [...]})` reads
    what `Event.objects.filter(state__in=[...]).only(...).filter(slug=value).first()` reads.

    `by` is a unique column (the row is found by it; the value is a parameter). `filter` and
    `exclude` take the ORM's `name` (equal) and `name__in` lookups, with fixed values, on
    columns that cannot be NULL (where SQL's NULL and the ORM's exclude() part ways). `fields`
    are the concrete fields read (the primary key always); by default all of them.
    """

    def __init__(
        self,
        model: type[M],
        *,
        by: str,
        fields: Sequence[str] = (),
        filter: Mapping[str, Any] | None = None,
        exclude: Mapping[str, Any] | None = None,
    ) -> None:
        meta = model._meta
        self.model = model
        self.by = _concrete(model, by)
        if not (self.by.unique or self.by.primary_key):
            raise ValueError(f"{model.__name__}.{by} is not unique: it finds no single row")
        wanted = {_concrete(model, name) for name in ("pk", *fields)} if fields else None
        # In the order of the model's concrete fields: Model.from_db takes them so.
        self.fields = tuple(
            field for field in meta.concrete_fields if wanted is None or field in wanted
        )
        self.conditions = [
            *(_condition(model, lookup, value, False) for lookup, value in (filter or {}).items()),
            *(_condition(model, lookup, value, True) for lookup, value in (exclude or {}).items()),
        ]
        self.names = [field.attname for field in self.fields]
        self._statements: dict[str, _Statement] = {}

    def get(self, value: Any) -> M | None:
        """The row whose `by` column equals `value` and that meets the conditions, or None."""
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        statement = self._statements.get(alias) or self._prepare(alias)
        with connection.cursor() as cursor:
            cursor.execute(
                statement.sql,
                [self.by.get_db_prep_value(value, connection, prepared=False), *statement.params],
            )
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row)
        for position, column, converters in statement.converters:
            converted = values[position]
            for converter in converters:
                converted = converter(converted, column, connection)
            values[position] = converted
        return self.model.from_db(alias, self.names, values)

    def _prepare(self, alias: str) -> _Statement:
        connection = connections[alias]
        quote = connection.ops.quote_name
        where = [f"{quote(self.by.column)} = %s"]
        params: list[Any] = []
        for condition in self.conditions:
            column = quote(condition.field.column)
            placeholders = ", ".join(["%s"] * len(condition.values))
            test = (
                f"{column} IN ({placeholders})" if len(condition.values) > 1 else f"{column} = %s"
            )
            where.append(f"NOT ({test})" if condition.negated else test)
            params += [
                condition.field.get_db_prep_value(value, connection, prepared=False)
                for value in condition.values
            ]
        table = self.model._meta.db_table
        # Only names from the model (quoted) go into the text; the values are parameters.
        sql = "SELECT {} FROM {} WHERE {}".format(  # noqa: S608
            ", ".join(quote(field.column) for field in self.fields),
            quote(table),
            " AND ".join(where),
        )
        converters = []
        for position, field in enumerate(self.fields):
            # What the ORM's compiler applies to the column (SQLCompiler.get_converters).
            expression = field.get_col(table)
            found = connection.ops.get_db_converters(expression)
            found += expression.get_db_converters(connection)
            if found:
                converters.append((position, expression, found))
        statement = _Statement(sql, params, converters)
        self._statements[alias] = statement
        return statement


def _concrete(model: type[Model], name: str) -> Field:
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    if not isinstance(field, Field) or field not in model._meta.concrete_fields:
        raise ValueError(f"{model.__name__}.{name} is not a concrete field")
    return field


def _condition(model: type[Model], lookup: str, value: Any, negated: bool) -> _Condition:
    name, _, kind = lookup.partition("__")
    field = _concrete(model, name)
    kind = kind or _EXACT
    if kind not in (_EXACT, _IN):
        raise ValueError(f"{lookup}: only equal and __in conditions are prepared")
    values = tuple(value) if kind == _IN else (value,)
    if field.null or not values or any(item is None for item in values):
        raise ValueError(f"{lookup}: conditions take non-empty values on columns without NULL")
    return _Condition(field, values, negated)
