"""One row of a model read with a SELECT prepared once per model: the hot paths' single reads.

Measured (`bench/speedups.py`, figures in docs/performance.md § "The speed-ups, each against its
plain version", and § Events): for a query like `Event.objects.filter(state__in=…,
slug=slug).only(…).first()` building the ORM query costs several times what SQLite takes to
answer it; for registering it was about 40% of the request. `PreparedSelect` writes the
statement once per model and database (the chosen concrete fields, a unique column to find the
row by, a few fixed conditions) and turns the row into a model as the ORM does: each column
through the converters the ORM applies (the backend's and the field's), then `Model.from_db`,
so fields left out are deferred, as with `.only()`. It can count related rows in the same
statement, as an `.annotate()` of a counting subquery would (the event page's cache key: its
ORM query with two such subqueries cost three times the rest of a cached page). Tested against the ORM field by field on
SQLite and PostgreSQL (tests/test_prepared_select.py). New code reads with the ORM; it comes
here only when a benchmark shows the ORM's query building is the cost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from django.db import connections, router
from django.db.models import Field, ManyToOneRel, Model, OneToOneRel

M = TypeVar("M", bound=Model)
# Each condition is a column that must (or must not) equal one of fixed values.
_EXACT, _IN = "exact", "in"


class _Condition(NamedTuple):
    field: Field
    values: tuple[Any, ...]
    negated: bool


class _Count(NamedTuple):
    name: str  # the attribute the count is set as
    model: type[Model]  # the related model counted
    link: Field  # its foreign key to the row read
    conditions: list[_Condition]


class _Statement(NamedTuple):
    sql: str
    count_params: list[Any]  # the counts' conditions' values (they come before the WHERE's)
    params: list[Any]  # the fixed conditions' values, as the database takes them
    converters: list[tuple[int, Any, list]]  # (position, column, converters) where there are any


class PreparedSelect(Generic[M]):
    """`PreparedSelect(Event, by="slug", fields=[...], filter={"state__in": [...]})` reads
    what `Event.objects.filter(state__in=[...]).only(...).filter(slug=value).first()` reads.

    `by` is a unique column (the row is found by it; the value is a parameter). `filter` and
    `exclude` take the ORM's `name` (equal) and `name__in` lookups, with fixed values, on
    columns that cannot be NULL (where SQL's NULL and the ORM's exclude() part ways). `fields`
    are the concrete fields read (the primary key always); by default all of them. `counts`
    names attributes set to how many rows of a reverse foreign key meet equal or `__in`
    conditions: `{"places_taken": ("registrations", {"status": "confirmed"})}` is
    `.annotate(places_taken=<a subquery counting the row's registrations that are confirmed>)`.
    """

    def __init__(
        self,
        model: type[M],
        *,
        by: str,
        fields: Sequence[str] = (),
        filter: Mapping[str, Any] | None = None,
        exclude: Mapping[str, Any] | None = None,
        counts: Mapping[str, tuple[str, Mapping[str, Any]]] | None = None,
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
        self.counts = [
            _count(model, name, relation, where)
            for name, (relation, where) in (counts or {}).items()
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
                [
                    *statement.count_params,
                    self.by.get_db_prep_value(value, connection, prepared=False),
                    *statement.params,
                ],
            )
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row[: len(self.fields)])
        for position, column, converters in statement.converters:
            converted = values[position]
            for converter in converters:
                converted = converter(converted, column, connection)
            values[position] = converted
        instance = self.model.from_db(alias, self.names, values)
        for count, how_many in zip(self.counts, row[len(self.fields) :], strict=True):
            setattr(instance, count.name, how_many)
        return instance

    def _prepare(self, alias: str) -> _Statement:
        connection = connections[alias]
        quote = connection.ops.quote_name
        table = self.model._meta.db_table
        where, params = _where(self.conditions, connection, table)
        where.insert(0, f"{quote(table)}.{quote(self.by.column)} = %s")
        columns = [f"{quote(table)}.{quote(field.column)}" for field in self.fields]
        count_params: list[Any] = []
        for count in self.counts:
            related = count.model._meta.db_table
            linked, linked_params = _where(count.conditions, connection, related)
            target = count.link.target_field.column  # type: ignore[attr-defined]
            linked.insert(
                0, f"{quote(related)}.{quote(count.link.column)} = {quote(table)}.{quote(target)}"
            )
            # Only names from the models (quoted) go into the text; the values are parameters.
            tests = " AND ".join(linked)
            columns.append(f"(SELECT COUNT(*) FROM {quote(related)} WHERE {tests})")  # noqa: S608
            count_params += linked_params
        sql = "SELECT {} FROM {} WHERE {}".format(  # noqa: S608
            ", ".join(columns), quote(table), " AND ".join(where)
        )
        converters = []
        for position, field in enumerate(self.fields):
            # What the ORM's compiler applies to the column (SQLCompiler.get_converters).
            expression = field.get_col(table)
            found = connection.ops.get_db_converters(expression)
            found += expression.get_db_converters(connection)
            if found:
                converters.append((position, expression, found))
        statement = _Statement(sql, count_params, params, converters)
        self._statements[alias] = statement
        return statement


def _where(conditions: list[_Condition], connection: Any, table: str) -> tuple[list[str], list]:
    """The SQL tests of `conditions` on `table`'s columns, and their parameters."""
    quote = connection.ops.quote_name
    tests, params = [], []
    for condition in conditions:
        column = f"{quote(table)}.{quote(condition.field.column)}"
        placeholders = ", ".join(["%s"] * len(condition.values))
        test = f"{column} IN ({placeholders})" if len(condition.values) > 1 else f"{column} = %s"
        tests.append(f"NOT ({test})" if condition.negated else test)
        params += [
            condition.field.get_db_prep_value(value, connection, prepared=False)
            for value in condition.values
        ]
    return tests, params


def _count(model: type[Model], name: str, relation: str, where: Mapping[str, Any]) -> _Count:
    rel = model._meta.get_field(relation)
    if not isinstance(rel, ManyToOneRel) or isinstance(rel, OneToOneRel):
        raise ValueError(f"{model.__name__}.{relation} is not a reverse foreign key to count")
    related: type[Model] = rel.related_model  # type: ignore[assignment]
    conditions = [_condition(related, lookup, value, False) for lookup, value in where.items()]
    return _Count(name, related, rel.field, conditions)


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
