"""Counting: the batched roll-up into the tallies and the nightly reconciliation."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, date

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from ayni.core.models import PeriodicRun
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


def _utc_day(moment) -> date:
    return moment.astimezone(UTC).date()


def _lock(name: str) -> None:
    """Serialise a job across workers (a row lock on PostgreSQL; SQLite's write lock does it anyway)."""
    PeriodicRun.objects.get_or_create(name=name)
    PeriodicRun.objects.select_for_update().get(name=name)


def roll_up_counts(*, batch: int = ROLLUP_BATCH) -> int:
    """Move changed signatures into the tallies, in batches, until none are left.

    Each batch is one transaction: read the marked rows, add up the deltas per statement,
    country and day, apply them with one UPDATE per tally row, clear the marks. A row
    changed again meanwhile is marked again and picked up next time. Returns rows processed.
    """
    processed = 0
    while True:
        with transaction.atomic():
            _lock("statements.rollup")
            rows = list(
                Signature.objects.select_for_update()
                .filter(tally_dirty=True)
                .order_by("id")
                .values(
                    "id", "statement_id", "status", "counted", "country", "confirmed_at", "kind"
                )[:batch]
            )
            if not rows:
                return processed
            totals: Counter = Counter()
            organisations: Counter = Counter()
            countries: Counter = Counter()
            days: Counter = Counter()
            now_counted: list[int] = []
            now_uncounted: list[int] = []
            unchanged: list[int] = []
            for row in rows:
                want = row["status"] == SignatureStatus.CONFIRMED
                if want == row["counted"]:
                    unchanged.append(row["id"])
                    continue
                delta = 1 if want else -1
                (now_counted if want else now_uncounted).append(row["id"])
                statement_id = row["statement_id"]
                totals[statement_id] += delta
                if row["kind"] == SignerKind.ORGANISATION:
                    organisations[statement_id] += delta
                countries[(statement_id, row["country"])] += delta
                if row["confirmed_at"]:
                    days[(statement_id, _utc_day(row["confirmed_at"]))] += delta
            _apply_deltas(totals, organisations, countries, days)
            Signature.objects.filter(id__in=now_counted).update(counted=True, tally_dirty=False)
            Signature.objects.filter(id__in=now_uncounted).update(counted=False, tally_dirty=False)
            Signature.objects.filter(id__in=unchanged).update(tally_dirty=False)
            processed += len(rows)
        if len(rows) < batch:
            return processed


def _apply_deltas(
    totals: Counter, organisations: Counter, countries: Counter, days: Counter
) -> None:
    now = timezone.now()
    for statement_id in set(totals) | set(organisations):
        StatementTally.objects.get_or_create(statement_id=statement_id)
        StatementTally.objects.filter(statement_id=statement_id).update(
            total=F("total") + totals[statement_id],
            organisations=F("organisations") + organisations[statement_id],
            updated_at=now,
        )
    for (statement_id, country), delta in countries.items():
        if delta:
            tally, _created = CountryTally.objects.get_or_create(
                statement_id=statement_id, country=country
            )
            CountryTally.objects.filter(pk=tally.pk).update(count=F("count") + delta)
    for (statement_id, day), delta in days.items():
        if delta:
            day_tally, _created = DayTally.objects.get_or_create(statement_id=statement_id, day=day)
            DayTally.objects.filter(pk=day_tally.pk).update(count=F("count") + delta)


def reconcile_counts() -> list[CountDrift]:
    """Compare every tally with COUNT(*) over the rows, correct any drift, and log it (nightly job).

    Side effects: runs the roll-up first; corrects StatementTally/CountryTally/DayTally rows;
    one CountDrift row per correction; rows whose `counted` disagrees with their status are
    marked for the next roll-up.
    """
    roll_up_counts()
    drifts: list[CountDrift] = []
    with transaction.atomic():
        _lock("statements.rollup")
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
        for statement in Statement.objects.all():
            drifts += _reconcile_statement(statement)
    if healed:
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
    """Take a counted row off the tallies now (the caller holds its row lock and saves it)."""
    statement_id = signature.statement_id
    minus_one = Counter({statement_id: -1})
    _apply_deltas(
        minus_one,
        minus_one if signature.kind == SignerKind.ORGANISATION else Counter(),
        Counter({(statement_id, str(signature.country)): -1}),
        Counter({(statement_id, _utc_day(signature.confirmed_at)): -1})
        if signature.confirmed_at
        else Counter(),
    )
    signature.counted = False
    signature.tally_dirty = False
