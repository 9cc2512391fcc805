"""Counting: the batched roll-up into the tallies and the nightly reconciliation."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone

from ayni.core.locks import job_lock
from ayni.statements.enums import SignatureStatus, SignerKind
from ayni.statements.models import (
    CountDrift,
    CountryTally,
    DayTally,
    Signature,
    Statement,
    StatementTally,
)
from ayni.statements.selectors import daily_signature_counts

logger = logging.getLogger(__name__)
ROLLUP_BATCH = 5000


def _utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


# A tally entry: ("total", statement_id), ("organisations", statement_id),
# ("country", statement_id, code) or ("day", statement_id, utc_day).
TallyKey = tuple
ROW_FIELDS = (
    "id",
    "statement_id",
    "status",
    "counted",
    "country",
    "confirmed_at",
    "kind",
    "set_aside_at",
)


def _contribution(row: dict[str, Any]) -> list[TallyKey]:
    """The tally entries a counted row adds one to, under its kind, country and day."""
    statement_id = row["statement_id"]
    keys: list[TallyKey] = [("total", statement_id)]
    if row["kind"] == SignerKind.ORGANISATION:
        keys.append(("organisations", statement_id))
    keys.append(("country", statement_id, str(row["country"])))
    if row["confirmed_at"]:
        keys.append(("day", statement_id, _utc_day(row["confirmed_at"])))
    return keys


def _scope(key: TallyKey) -> str:
    """The key as CountDrift names it: "total", "organisations", "country:BO", "day:2025-03-01"."""
    if key[0] in ("total", "organisations"):
        return key[0]
    return f"{key[0]}:{key[2]}"


def roll_up_counts(*, batch: int = ROLLUP_BATCH) -> int:
    """Move changed signatures into the tallies, in batches, until none are left.

    Each batch is one transaction: read the marked rows, add up the deltas per statement,
    country and day, apply them with one UPDATE per tally row, clear the marks. A row
    changed again meanwhile is marked again and picked up next time. A row whose change
    would take a tally below zero (its kind, country or day are not what it was counted
    under) is set aside for reconciliation instead, and the rest of the batch goes on; a row
    already set aside stays out. Returns rows processed.
    """
    processed = 0
    while True:
        with transaction.atomic():
            job_lock("statements.rollup")
            rows = list(
                Signature.objects.select_for_update()
                .filter(tally_dirty=True)
                .order_by("id")
                .values(*ROW_FIELDS)[:batch]
            )
            if not rows:
                return processed
            changes: list[tuple[dict[str, Any], int]] = []
            unchanged: list[int] = []
            for row in rows:
                want = row["status"] == SignatureStatus.CONFIRMED
                if row["set_aside_at"] is not None or want == row["counted"]:
                    unchanged.append(row["id"])
                else:
                    changes.append((row, 1 if want else -1))
            aside = _below_zero(changes)
            _set_aside(aside, [row for row, _delta in changes if row["id"] in aside])
            changes = [(row, delta) for row, delta in changes if row["id"] not in aside]
            deltas: Counter = Counter()
            for row, delta in changes:
                for key in _contribution(row):
                    deltas[key] += delta
            _apply_deltas(deltas)
            now_counted = [row["id"] for row, delta in changes if delta > 0]
            now_uncounted = [row["id"] for row, delta in changes if delta < 0]
            Signature.objects.filter(id__in=now_counted).update(counted=True, tally_dirty=False)
            Signature.objects.filter(id__in=now_uncounted).update(counted=False, tally_dirty=False)
            Signature.objects.filter(id__in=unchanged).update(tally_dirty=False)
            processed += len(rows)
        if len(rows) < batch:
            return processed


def _below_zero(changes: list[tuple[dict[str, Any], int]]) -> dict[int, str]:
    """The rows among `changes` that cannot be applied without taking a tally below zero.

    Returns {row id: scope of the tally it would take below zero}. Only tallies the changes
    would lower are read (and locked, so the answer holds until the batch commits). Where
    one would go below zero, every addition to it counts first, then the removals in id
    order; the removals it cannot afford are set aside, so as few rows as possible are.
    """
    deltas: Counter = Counter()
    gains: Counter = Counter()
    for row, delta in changes:
        for key in _contribution(row):
            deltas[key] += delta
            if delta > 0:
                gains[key] += delta
    falling = [key for key, delta in deltas.items() if delta < 0]
    if not falling:
        return {}
    current = _tally_values(falling)
    short = {key for key in falling if current[key] + deltas[key] < 0}
    if not short:
        return {}
    level = {key: current[key] + gains[key] for key in short}
    aside: dict[int, str] = {}
    for row, delta in changes:
        if delta > 0:
            continue
        keys = [key for key in _contribution(row) if key in short]
        empty = next((key for key in keys if level[key] < 1), None)
        if empty is not None:
            aside[row["id"]] = _scope(empty)
            continue
        for key in keys:
            level[key] -= 1
    return aside


def _tally_values(keys: list[TallyKey]) -> Counter:
    """What the tallies hold now for `keys` (a missing tally row holds 0), row-locked."""
    values: Counter = Counter()
    wanted = set(keys)
    statement_ids = {key[1] for key in keys}
    if any(key[0] in ("total", "organisations") for key in keys):
        for statement_id, total, organisations in (
            StatementTally.objects.select_for_update()
            .filter(statement_id__in=statement_ids)
            .values_list("statement_id", "total", "organisations")
        ):
            values["total", statement_id] = total
            values["organisations", statement_id] = organisations
    for kind, model in (("country", CountryTally), ("day", DayTally)):
        found = {key[2] for key in keys if key[0] == kind}
        if not found:
            continue
        for statement_id, value, count in (
            model.objects.select_for_update()
            .filter(statement_id__in=statement_ids, **{f"{kind}__in": found})
            .values_list("statement_id", kind, "count")
        ):
            key = (kind, statement_id, str(value) if kind == "country" else value)
            if key in wanted:
                values[key] = count
    return values


def _set_aside(aside: dict[int, str], rows: list[dict[str, Any]]) -> None:
    """Take rows out of the roll-up until reconciliation, and say so in the log."""
    if not aside:
        return
    now = timezone.now()
    for row in rows:
        logger.warning(
            "Roll-up set aside signature %d (statement %d, %s, counted=%s): it would take the "
            "%s tally below zero; the next reconciliation recounts it",
            row["id"],
            row["statement_id"],
            row["status"],
            row["counted"],
            aside[row["id"]],
        )
    for reason in set(aside.values()):
        ids = [row_id for row_id, scope in aside.items() if scope == reason]
        Signature.objects.filter(id__in=ids).update(
            tally_dirty=False, set_aside_at=now, set_aside_reason=reason
        )


def _apply_deltas(deltas: Counter) -> None:
    now = timezone.now()
    statement_ids = {
        key[1] for key, delta in deltas.items() if delta and key[0] in ("total", "organisations")
    }
    for statement_id in sorted(statement_ids):
        StatementTally.objects.get_or_create(statement_id=statement_id)
        StatementTally.objects.filter(statement_id=statement_id).update(
            total=F("total") + deltas["total", statement_id],
            organisations=F("organisations") + deltas["organisations", statement_id],
            updated_at=now,
        )
    for key, delta in deltas.items():
        if not delta or key[0] not in ("country", "day"):
            continue
        kind, statement_id, value = key
        model = CountryTally if kind == "country" else DayTally
        tally, _created = model.objects.get_or_create(statement_id=statement_id, **{kind: value})
        model.objects.filter(pk=tally.pk).update(count=F("count") + delta)


def reconcile_counts() -> list[CountDrift]:
    """Recount every tally from COUNT(*) over the rows, correct any drift, and log it (nightly job).

    Never goes through the roll-up before the tallies are recounted, so no impossible state
    can stop it. Side effects: set-aside rows are settled (`counted` becomes whether they are
    confirmed; no longer set aside); rows whose `counted` disagrees with their status, yet are
    not marked, are marked; StatementTally/CountryTally/DayTally rows are corrected to what
    the counted rows say, one CountDrift row per correction; then the roll-up runs for the
    marked rows.
    """
    drifts: list[CountDrift] = []
    with transaction.atomic():
        job_lock("statements.rollup")
        settled = Signature.objects.filter(set_aside_at__isnull=False).update(
            counted=Case(
                When(status=SignatureStatus.CONFIRMED, then=Value(True)), default=Value(False)
            ),
            tally_dirty=False,
            set_aside_at=None,
            set_aside_reason="",
        )
        if settled:
            logger.warning(
                "Reconciliation settled %d signature(s) set aside by the roll-up", settled
            )
        # A row whose counted flag disagrees with its status, yet is not marked: heal it.
        healed = (
            Signature.objects.filter(tally_dirty=False)
            .filter(
                Q(counted=True) & ~Q(status=SignatureStatus.CONFIRMED)
                | Q(counted=False, status=SignatureStatus.CONFIRMED)
            )
            .update(tally_dirty=True)
        )
        if healed:
            logger.warning(
                "Reconciliation marked %d signature(s) whose counted flag was wrong", healed
            )
        # The counted rows are what the tallies must hold, whatever is still marked: a marked
        # row keeps its old `counted` until the roll-up moves it.
        for statement in Statement.objects.all():
            drifts += _reconcile_statement(statement)
    roll_up_counts()
    return drifts


def _reconcile_statement(statement: Statement) -> list[CountDrift]:
    drifts = []
    counted = Signature.objects.filter(statement=statement, counted=True)
    tally, _created = StatementTally.objects.get_or_create(statement=statement)
    expected_total = counted.count()
    expected_orgs = counted.filter(kind=SignerKind.ORGANISATION).count()
    for scope, expected, found in (
        ("total", expected_total, tally.total),
        ("organisations", expected_orgs, tally.organisations),
    ):
        if expected != found:
            drifts.append(
                CountDrift(statement=statement, scope=scope, expected=expected, found=found)
            )
    if drifts:
        StatementTally.objects.filter(pk=tally.pk).update(
            total=expected_total, organisations=expected_orgs, updated_at=timezone.now()
        )
    by_country = {
        row["country"]: row["n"] for row in counted.values("country").annotate(n=Count("id"))
    }
    drifts += _reconcile_breakdown(statement, CountryTally, "country", by_country)
    by_day = {row["day"]: row["n"] for row in daily_signature_counts(statement)}
    drifts += _reconcile_breakdown(statement, DayTally, "day", by_day)
    for drift in drifts:
        drift.save()
        logger.warning(
            "Count drift on %s %s: tally %d, rows %d (corrected)",
            statement.slug,
            drift.scope,
            drift.found,
            drift.expected,
        )
    return drifts


def _reconcile_breakdown(
    statement: Statement,
    model: type[CountryTally] | type[DayTally],
    field: str,
    expected_by_key: dict,
) -> list[CountDrift]:
    """Make every `model` row of the statement (keyed by `field`) match `expected_by_key`.

    Returns unsaved CountDrift rows for what differed.
    """
    drifts = []
    expected_by_key = dict(expected_by_key)
    for row in model.objects.filter(statement=statement):
        key = getattr(row, field)
        expected = expected_by_key.pop(key, 0)
        if row.count != expected:
            drifts.append(
                CountDrift(
                    statement=statement, scope=f"{field}:{key}", expected=expected, found=row.count
                )
            )
            model.objects.filter(pk=row.pk).update(count=expected)
    for key, expected in expected_by_key.items():
        drifts.append(
            CountDrift(statement=statement, scope=f"{field}:{key}", expected=expected, found=0)
        )
        model.objects.create(statement=statement, **{field: key}, count=expected)
    return drifts


def uncount_signature(signature: Signature) -> None:
    """Take a counted row off the tallies now (the caller holds its row lock and saves it).

    A row set aside, or one whose removal would take a tally below zero, touches no tally:
    it is (left) set aside, and reconciliation recounts. The caller saves `counted` and
    `tally_dirty`; the set-aside mark is written here.
    """
    if signature.set_aside_at is None:
        row = {field: getattr(signature, field) for field in ROW_FIELDS}
        # Its own (nested) transaction: the tallies read are row-locked until they are written.
        with transaction.atomic():
            aside = _below_zero([(row, -1)])
            if aside:
                _set_aside(aside, [row])
                signature.set_aside_at = timezone.now()
                signature.set_aside_reason = aside[signature.pk]
            else:
                deltas: Counter = Counter()
                for key in _contribution(row):
                    deltas[key] -= 1
                _apply_deltas(deltas)
    signature.counted = False
    signature.tally_dirty = False
