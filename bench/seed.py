"""Benchmark data: the demo statement at 1,000 confirmed signatures, then at 1,000,000.

Runs inside the bench process (Django set up against the throwaway database). The big load
writes rows with plain SQL in large transactions and moves the tallies by exactly what it
inserted, then lets the app's own reconciliation (COUNT(*) over the rows) check the result.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F

from ayni.core.demo import people
from ayni.core.demo.seed import seed_users
from ayni.statements import demo, selectors, services
from ayni.statements.enums import SignatureStatus, SignerKind
from ayni.statements.models import CountryTally, DayTally, Signature, Statement, StatementTally
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose
from bench.bareview import CREATE_TABLE

BATCH = 50_000


def prepare(*, confirmed: int) -> Statement:
    """A fresh database: migrations, static files, the demo statement topped up to `confirmed`."""
    call_command("migrate", "--no-input", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE)
    demo.seed_statement(signers=min(confirmed, 1000))
    services.roll_up_counts()
    seed_users()
    statement = Statement.objects.get(slug=demo.SLUG)
    grow(statement, confirmed=confirmed)
    return statement


def confirmed_count(statement: Statement) -> int:
    return StatementTally.objects.get(statement=statement).total


def _sqlite_stamp(moment: datetime) -> str:
    # What Django's SQLite backend stores for an aware datetime: naive UTC, ISO with a space.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def grow(statement: Statement, *, confirmed: int, seed: int = 7) -> int:
    """Insert confirmed, already-counted signatures until the tally reads `confirmed`.

    The mix follows the demo: ~3% organisations, ~75% shown publicly, 30 days of history.
    Returns how many rows were inserted.
    """
    missing = confirmed - confirmed_count(statement)
    if missing <= 0:
        return 0
    rng = random.Random(seed)  # noqa: S311 (benchmark data)
    fields = [f for f in Signature._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    sql = (
        f'INSERT INTO "{Signature._meta.db_table}" ({", ".join(columns)}) '
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    version = CONSENT_TEXTS[ConsentPurpose.STATEMENT_SIGNATURE].version
    now = datetime.now(UTC)
    start = now - timedelta(days=30)
    span = (now - timedelta(minutes=5) - start).total_seconds()
    base = Signature.objects.count()
    totals = Counter()
    countries = Counter()
    days = Counter()
    defaults = {
        "supporter_id": None,
        "withdrawn_at": None,
        "invalidation_id": None,
        "counted": True,
        "tally_dirty": False,
        "emails_sent": 1,
        "last_emailed_at": None,
        "status": SignatureStatus.CONFIRMED,
        "statement_id": statement.pk,
        "consent_version": version,
    }
    # Columns added to the model after this script was written get their field default.
    extra = {
        f.column: f.get_db_prep_save(f.get_default(), connection)
        for f in fields
        if f.column not in defaults
    }
    raw = connection.connection if connection.connection else None
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    started = time.monotonic()
    inserted = 0
    # Oldest first, so ids grow with confirmed_at like real traffic.
    while inserted < missing:
        count = min(BATCH, missing - inserted)
        rows = []
        for offset in range(count):
            index = base + inserted + offset
            first, last = rng.choice(people.FIRST_NAMES), rng.choice(people.SURNAMES)
            email = f"m{index}.{first}.{last}@example.net".lower()
            confirmed_at = start + timedelta(seconds=span * (inserted + offset) / missing)
            created_at = confirmed_at - timedelta(minutes=rng.randint(1, 90))
            as_org = index % 33 == 0
            organisation, role = (
                rng.choice(people.ORGANISATIONS) if (as_org or index % 4 == 0) else ("", "")
            )
            if as_org:
                organisation = f"{organisation} no. {index}"
            country = rng.choice(people.COUNTRIES)
            values = {
                **defaults,
                "kind": SignerKind.ORGANISATION if as_org else SignerKind.INDIVIDUAL,
                "name": f"{first} {last}",
                "email": email,
                "email_normalised": email,
                "email_domain": "example.net",
                "country": country,
                "organisation": organisation,
                "role": role,
                "comment": rng.choice(demo.COMMENTS) if index % 3 == 0 else "",
                "show_publicly": as_org or rng.random() < 0.75,
                "wants_updates": rng.random() < 0.5,
                "language": "es" if rng.random() < 0.3 else "en",
                "ip_hash": f"bench{index % 50021:05d}",
                "created_at": _sqlite_stamp(created_at),
                "confirmed_at": _sqlite_stamp(confirmed_at),
            }
            rows.append(tuple(values[c] if c in values else extra[c] for c in columns))
            totals["organisations" if as_org else "individuals"] += 1
            countries[country] += 1
            days[confirmed_at.date()] += 1
        with transaction.atomic():
            raw.executemany(sql, rows)
        inserted += count
        rate = inserted / (time.monotonic() - started)
        print(f"  loaded {inserted:,}/{missing:,} rows ({rate:,.0f}/s)", end="\r", flush=True)
    print()
    with transaction.atomic():
        StatementTally.objects.filter(statement=statement).update(
            total=F("total") + inserted,
            organisations=F("organisations") + totals["organisations"],
            updated_at=datetime.now(UTC),
        )
        for country, delta in countries.items():
            tally, _ = CountryTally.objects.get_or_create(statement=statement, country=country)
            CountryTally.objects.filter(pk=tally.pk).update(count=F("count") + delta)
        for day, delta in days.items():
            tally, _ = DayTally.objects.get_or_create(statement=statement, day=day)
            DayTally.objects.filter(pk=tally.pk).update(count=F("count") + delta)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return inserted


def check_counts() -> list[str]:
    """The app's own nightly reconciliation: tallies against COUNT(*). Empty means consistent."""
    return [f"{d.scope}: tally {d.found}, rows {d.expected}" for d in services.reconcile_counts()]


def wall_cursor(statement: Statement, *, page: int, kind: str = SignerKind.INDIVIDUAL) -> str:
    """The `after` cursor that opens wall page `page` (1-based), as following "more" would."""
    if page <= 1:
        return ""
    last_of_previous = (page - 1) * selectors.WALL_PAGE_SIZE - 1
    row = (
        selectors.wall_signatures(statement)
        .filter(kind=kind)
        .only("id", "confirmed_at")[last_of_previous]
    )
    return selectors.encode_cursor(row)


def wall_size(statement: Statement, kind: str = SignerKind.INDIVIDUAL) -> int:
    return selectors.wall_signatures(statement).filter(kind=kind).count()


def main(argv: list[str]) -> None:
    """`python bench/seed_cli.py grow ROWS` or `cursor PAGE`, on the DATABASE_URL in the env.

    Lets bench/run.py work on a second database (the big copy) from a clean process.
    """
    import json

    command, number = argv[0], int(argv[1])
    statement = Statement.objects.get(slug=demo.SLUG)
    if command == "grow":
        started = time.monotonic()
        inserted = grow(statement, confirmed=number)
        load_seconds = time.monotonic() - started
        started = time.monotonic()
        drifts = check_counts()
        print(
            json.dumps(
                {
                    "inserted": inserted,
                    "load_seconds": load_seconds,
                    "drifts": drifts,
                    "check_seconds": time.monotonic() - started,
                    "wall": wall_size(statement),
                    "total": confirmed_count(statement),
                }
            )
        )
    elif command == "cursor":
        print(json.dumps({"cursor": wall_cursor(statement, page=number)}))
    else:
        raise SystemExit(f"unknown command {command!r}")
