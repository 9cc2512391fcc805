"""Importing organisations and their bodies from a CSV file (body_csv reads it): a dry run that
says what is wrong, by row and column, and what would change; the import itself, only when
nothing is wrong, in one transaction.

A body is matched by its organisation's code and its own code, so importing the same file again
changes nothing. Bodies missing from the file are left as they are, and so is every body's
status (an imported body is listed; one proposed by the public stays proposed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from ayni.motions.enums import BodyStatus
from ayni.motions.models import Body, Organisation
from ayni.motions.services.bodies import BATCH_SIZE, refresh_placements
from ayni.motions.services.body_csv import Incoming, RowError, read_body_file

# A node of the tree the import would leave: (organisation code, body code), or ("#", id) for a
# body without a code.
Key = tuple[str, str]
# The fields of a body an import sets, and the file's column for each.
UPDATED = {
    "name": "name",
    "kind": "type",
    "level": "level",
    "country": "country",
    "website": "website",
}


class RowAction(models.TextChoices):
    NEW = "new", pgettext_lazy("body import", "New")
    MOVED = "moved", pgettext_lazy("body import", "Moved")
    CHANGED = "changed", pgettext_lazy("body import", "Changed")
    UNCHANGED = "unchanged", pgettext_lazy("body import", "Unchanged")
    INVALID = "invalid", pgettext_lazy("body import", "Has errors")


@dataclass(frozen=True)
class RowPlan:
    """What importing a row does to its body."""

    row: int
    organisation: str
    code: str
    name: str
    action: str
    # The columns whose value changes (for a body that exists).
    changes: tuple[str, ...] = ()

    @property
    def action_label(self) -> str:
        return str(RowAction(self.action).label)


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    # Columns of the file the import does not read.
    ignored: list[str] = field(default_factory=list)
    rows: list[RowPlan] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)
    changed_organisations: list[str] = field(default_factory=list)
    # True once written to the database.
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action.value: self.count(action.value) for action in RowAction}


@dataclass
class _Node:
    level: int | None
    parent: Key | None
    name: str
    row: int | None = None  # the file's row, None for a body only in the database
    pk: int | None = None  # None for a body only in the file


@dataclass
class _Plan:
    report: ImportReport
    incoming: list[Incoming] = field(default_factory=list)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    nodes: dict[Key, _Node] = field(default_factory=dict)
    stored: dict[Key, dict[str, Any]] = field(default_factory=dict)
    key_of: dict[int, Key] = field(default_factory=dict)


def dry_run_body_import(*, data: bytes) -> ImportReport:
    """What importing the CSV file `data` would do, and what is wrong with it. Writes nothing."""
    return _plan(data).report


def import_bodies(*, data: bytes) -> ImportReport:
    """Import the CSV file `data` if nothing is wrong with it. Side effects (all in one
    transaction, none when the report has errors): new organisations are stored and changed
    ones updated, new bodies are stored as listed, changed and moved bodies are updated, and the
    path and region of every body of the organisations concerned are refreshed."""
    with transaction.atomic():
        plan = _plan(data)
        if not plan.report.ok:
            return plan.report
        try:
            with transaction.atomic():
                _write(plan)
        except IntegrityError:
            # Another import or edit got there between the checks and the writes.
            plan.report.errors.append(
                RowError(None, "", _("The bodies changed while importing. Please import again."))
            )
            return plan.report
    plan.report.committed = True
    return plan.report


def _plan(data: bytes) -> _Plan:
    read = read_body_file(data)
    plan = _Plan(report=ImportReport(errors=read.errors, ignored=read.ignored))
    if not read.rows:
        return plan
    plan.incoming = _without_duplicates(read.rows, plan.report.errors)
    _plan_organisations(plan)
    _load_stored(plan)
    _resolve_parents(plan)
    in_cycles = _find_cycles(plan)
    _check_levels(plan, in_cycles)
    wrong = {error.row for error in plan.report.errors}
    plan.report.rows = [_row_plan(plan, row, row.row in wrong) for row in read.rows]
    return plan


def _key(row: Incoming) -> Key:
    return (row.organisation_code, row.code)


def _without_duplicates(rows: list[Incoming], errors: list[RowError]) -> list[Incoming]:
    first: dict[Key, int] = {}
    kept = []
    for row in rows:
        if not row.organisation_code or not row.code:
            continue
        if _key(row) in first:
            errors.append(
                RowError(
                    row.row,
                    "code",
                    _("The code “%(code)s” of %(organisation)s is on row %(first)d too.")
                    % {
                        "code": row.code,
                        "organisation": row.organisation_code,
                        "first": first[_key(row)],
                    },
                )
            )
            continue
        first[_key(row)] = row.row
        kept.append(row)
    return kept


def _plan_organisations(plan: _Plan) -> None:
    errors = plan.report.errors
    by_code: dict[str, list[Incoming]] = defaultdict(list)
    for row in plan.incoming:
        by_code[row.organisation_code].append(row)
    existing = {o.code: o for o in Organisation.objects.filter(code__in=list(by_code))}
    names: dict[str, str] = {}
    for code, rows in by_code.items():
        organisation = existing.get(code)
        name = _agreed(rows, "organisation_name", errors)
        kind = _agreed(rows, "organisation_kind", errors)
        if organisation is None:
            for column, value in (("organisation_name", name), ("organisation_kind", kind)):
                if not value:
                    errors.append(
                        RowError(
                            rows[0].row,
                            column,
                            _("%(code)s is a new organisation: give its %(column)s.")
                            % {"code": code, "column": column},
                        )
                    )
            organisation = Organisation(code=code, name=name, kind=kind, country=rows[0].country)
            plan.report.new_organisations.append(code)
        elif (name and name != organisation.name) or (kind and kind != organisation.kind):
            organisation.name = name or organisation.name
            organisation.kind = kind or organisation.kind
            plan.report.changed_organisations.append(code)
        if organisation.name:
            names[organisation.name] = code
        plan.organisations[code] = organisation
    for name, code in Organisation.objects.filter(name__in=list(names)).values_list("name", "code"):
        if names[name] != code:
            errors.append(
                RowError(
                    by_code[names[name]][0].row,
                    "organisation_name",
                    _("Another organisation (%(code)s) is called “%(name)s”.")
                    % {"code": code, "name": name},
                )
            )


def _agreed(rows: list[Incoming], column: str, errors: list[RowError]) -> str:
    """The one value the rows of an organisation give in `column` ("" for none)."""
    value, first = "", 0
    for row in rows:
        given = getattr(row, column)
        if given and not value:
            value, first = given, row.row
        elif given and given != value:
            errors.append(
                RowError(
                    row.row,
                    column,
                    _("This differs from row %(first)d for the same organisation.")
                    % {"first": first},
                )
            )
    return value


def _load_stored(plan: _Plan) -> None:
    """The bodies the database holds for the file's organisations, as nodes of the tree."""
    ids = [o.pk for o in plan.organisations.values() if o.pk is not None]
    codes = {o.pk: code for code, o in plan.organisations.items()}
    stored = list(
        Body.objects.filter(organisation_id__in=ids).values(
            "pk",
            "organisation_id",
            "code",
            "parent_id",
            "level",
            "name",
            "kind",
            "country",
            "website",
        )
    )
    plan.key_of = key_of = {
        body["pk"]: (codes[body["organisation_id"]], body["code"])
        if body["code"]
        else ("#", str(body["pk"]))
        for body in stored
    }
    for body in stored:
        key = key_of[body["pk"]]
        plan.stored[key] = dict(body)
        parent = key_of.get(body["parent_id"]) if body["parent_id"] else None
        plan.nodes[key] = _Node(
            level=body["level"], parent=parent, name=body["name"], pk=body["pk"]
        )


def _resolve_parents(plan: _Plan) -> None:
    for row in plan.incoming:
        node = plan.nodes.setdefault(_key(row), _Node(level=None, parent=None, name=row.name))
        node.level, node.name, node.row, node.parent = row.level, row.name, row.row, None
    elsewhere = _codes_elsewhere(plan)
    for row in plan.incoming:
        if not row.parent_code:
            continue
        parent: Key = (row.organisation_code, row.parent_code)
        if parent in plan.nodes:
            plan.nodes[_key(row)].parent = parent
            continue
        if row.parent_code in elsewhere:
            message = _("The parent “%(code)s” belongs to another organisation (%(other)s).") % {
                "code": row.parent_code,
                "other": elsewhere[row.parent_code],
            }
        else:
            message = _(
                "No body of %(organisation)s has the code “%(code)s”, in this file or already."
            ) % {"organisation": row.organisation_code, "code": row.parent_code}
        plan.report.errors.append(RowError(row.row, "parent_code", message))


def _codes_elsewhere(plan: _Plan) -> dict[str, str]:
    """The parent codes that name no body of the row's organisation, with an organisation
    (other than the row's) that has a body with that code, in the file or the database."""
    missing = {
        (row.organisation_code, row.parent_code)
        for row in plan.incoming
        if row.parent_code and (row.organisation_code, row.parent_code) not in plan.nodes
    }
    if not missing:
        return {}
    codes = {code for _organisation, code in missing}
    found = {(row.organisation_code, row.code) for row in plan.incoming if row.code in codes}
    found |= set(
        Body.objects.filter(code__in=codes).values_list("organisation__code", "code").distinct()
    )
    return {
        code: organisation
        for organisation, code in sorted(found)
        if any(mine != organisation and wanted == code for mine, wanted in missing)
    }


def _describe(plan: _Plan, key: Key) -> str:
    node = plan.nodes[key]
    if node.row is not None:
        return _("row %(row)d (%(code)s)") % {"row": node.row, "code": key[1]}
    return _("%(name)s (already stored)") % {"name": node.name}


def _find_cycles(plan: _Plan) -> set[Key]:
    """The keys in a cycle (a body under itself, through its parents), each cycle reported
    once, at its first row."""
    done: set[Key] = set()
    in_cycles: set[Key] = set()
    for row in plan.incoming:
        walk: list[Key] = []
        on_walk: set[Key] = set()
        key: Key | None = _key(row)
        while key is not None and key not in done and key not in on_walk:
            walk.append(key)
            on_walk.add(key)
            key = plan.nodes[key].parent
        if key is not None and key in on_walk:
            cycle = walk[walk.index(key) :]
            in_cycles.update(cycle)
            rows = [plan.nodes[k].row for k in cycle if plan.nodes[k].row is not None]
            plan.report.errors.append(
                RowError(
                    min(rows),  # type: ignore[type-var]
                    "parent_code",
                    _("These bodies are each under the next, in a circle: %(cycle)s.")
                    % {"cycle": " → ".join(_describe(plan, k) for k in [*cycle, cycle[0]])},
                )
            )
        done.update(walk)
    return in_cycles


def _check_levels(plan: _Plan, in_cycles: set[Key]) -> None:
    children: dict[Key, list[Key]] = defaultdict(list)
    for key, node in plan.nodes.items():
        if node.row is None and node.parent is not None:
            children[node.parent].append(key)
    for row in plan.incoming:
        key = _key(row)
        node = plan.nodes[key]
        if key in in_cycles or node.level is None:
            continue
        parent = plan.nodes.get(node.parent) if node.parent else None
        if parent is not None and parent.level is not None and parent.level >= node.level:
            plan.report.errors.append(
                RowError(
                    row.row,
                    "level",
                    _("Level %(level)d is not below its parent’s: %(parent)s is at level %(up)d.")
                    % {
                        "level": node.level,
                        "parent": _describe(plan, node.parent),  # type: ignore[arg-type]
                        "up": parent.level,
                    },
                )
            )
        for child in children[key]:
            below = plan.nodes[child]
            if below.level is not None and below.level <= node.level:
                plan.report.errors.append(
                    RowError(
                        row.row,
                        "level",
                        _("%(child)s is under this body at level %(below)d: keep this above it.")
                        % {"child": _describe(plan, child), "below": below.level},
                    )
                )


def _row_plan(plan: _Plan, row: Incoming, wrong: bool) -> RowPlan:
    key = _key(row)
    stored = plan.stored.get(key)
    action = RowAction.UNCHANGED
    changes: tuple[str, ...] = ()
    if wrong:
        action = RowAction.INVALID
    elif stored is None:
        action = RowAction.NEW
    else:
        changes = tuple(
            column for name, column in UPDATED.items() if getattr(row, name) != stored[name]
        )
        if plan.key_of.get(stored["parent_id"]) != plan.nodes[key].parent:
            action, changes = RowAction.MOVED, ("parent_code", *changes)
        elif changes:
            action = RowAction.CHANGED
    return RowPlan(
        row=row.row,
        organisation=row.organisation_code,
        code=row.code,
        name=row.name,
        action=action,
        changes=changes,
    )


def _write(plan: _Plan) -> None:
    for organisation in plan.organisations.values():
        if organisation.pk is None or organisation.code in plan.report.changed_organisations:
            organisation.full_clean()
            organisation.save()
    ids: dict[Key, int] = {key: node.pk for key, node in plan.nodes.items() if node.pk}
    rows = {row.row: row for row in plan.incoming}
    actions = {entry.row: entry.action for entry in plan.report.rows}
    pending = [row for row in plan.incoming if actions[row.row] == RowAction.NEW]
    # Parents before children: each round stores the new bodies whose parent is stored.
    while pending:
        ready = [r for r in pending if not r.parent_code or plan.nodes[_key(r)].parent in ids]
        # The checks refuse cycles and unknown parents: there is always a body to store.
        assert ready, "no new body has its parent stored"
        created = Body.objects.bulk_create(
            [_body(plan, row, ids) for row in ready], batch_size=BATCH_SIZE
        )
        ids.update({_key(row): body.pk for row, body in zip(ready, created, strict=True)})
        pending = [r for r in pending if _key(r) not in ids]
    updated = [
        _body(plan, rows[entry.row], ids, pk=ids[(entry.organisation, entry.code)])
        for entry in plan.report.rows
        if entry.action in (RowAction.MOVED, RowAction.CHANGED)
    ]
    Body.objects.bulk_update(updated, ["parent", *UPDATED], batch_size=BATCH_SIZE)
    refresh_placements(
        Body.objects.filter(organisation_id__in=[o.pk for o in plan.organisations.values()])
    )


def _body(plan: _Plan, row: Incoming, ids: dict[Key, int], pk: int | None = None) -> Body:
    parent = plan.nodes[_key(row)].parent
    return Body(
        pk=pk,
        organisation=plan.organisations[row.organisation_code],
        parent_id=ids[parent] if parent else None,
        name=row.name,
        kind=row.kind,
        level=row.level or 0,  # every row written has its level (checked)
        country=row.country,
        website=row.website,
        code=row.code,
        status=BodyStatus.LISTED,
    )
