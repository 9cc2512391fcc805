"""Each measured speed-up against its plain version, in one process, on a throwaway benchmark
database (the demo statement with 1,000 signatures).

The page cache, the micro-cache, the plain-SQL reads, the prepared INSERT and the shared form
fields each keep their place only while this shows they save something; their modules cite the
figures in docs/performance.md. Pairs run in alternating rounds; the median of each is shown.

    .venv/bin/python bench/speedups.py [-n 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stack import bench_env  # noqa: E402

SLUG = "stand-with-democracy-in-bolivia"


def median_ms(n: int, one: Callable[[], object]) -> float:
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        one()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def compare(
    label: str, n: int, rounds: int, fast: Callable[[], object], plain: Callable[[], object]
):
    for _ in range(5):
        fast()
        plain()
    fast_runs, plain_runs = [], []
    for _ in range(rounds):
        fast_runs.append(median_ms(n, fast))
        plain_runs.append(median_ms(n, plain))
    quick, slow = statistics.median(fast_runs), statistics.median(plain_runs)
    print(
        f"| {label} | {quick:.3f} ms | {slow:.3f} ms | {slow - quick:.3f} ms | {slow / quick:.1f} × |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.update(bench_env(Path(tempfile.mkdtemp(prefix="ayni-speedups-")), 8000))
    import django

    django.setup()
    from django.core import signals
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import close_old_connections
    from django.test import Client, RequestFactory
    from django.urls import reverse
    from django.utils import timezone, translation

    from ayni.core.prepared_insert import insert_row
    from ayni.events.selectors import event_to_register, public_events
    from ayni.statements import page_cache
    from ayni.statements.enums import StatementState
    from ayni.statements.forms import SignForm
    from ayni.statements.models import Statement, StatementTally, Submission
    from ayni.statements.services.signing import sign_statement
    from ayni.statements.sql_selectors import public_statement_alone, public_statement_stamp
    from ayni.supporters.consent import CONSENT_TEXTS
    from ayni.supporters.enums import ConsentPurpose
    from ayni.wsgi import count_microcache
    from bench import events, seed

    seed.prepare(confirmed=1000)
    translation.activate("en")
    n, rounds = args.n, args.rounds
    print("| Speed-up | with it | plain | saved | plain / with |")
    print("|---|---:|---:|---:|---:|")

    # The statement page through the whole middleware stack: a cache hit against a rendering.
    client = Client(HTTP_HOST="127.0.0.1")
    page = reverse("statements:detail", kwargs={"slug": SLUG})
    cache_key = page_cache.page_cache_key

    def cached_page() -> None:
        assert client.get(page).status_code == 200

    def plain_page() -> None:
        page_cache.page_cache_key = lambda request, slug: None  # type: ignore[assignment]
        try:
            assert client.get(page).status_code == 200
        finally:
            page_cache.page_cache_key = cache_key

    compare("statement page (page_cache)", n, rounds, cached_page, plain_page)

    # count.json as gunicorn calls the application: kept for a second, against Django each time.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    django_app = WSGIHandler()
    microcached = count_microcache(django_app, ["en", "es"])
    environ = RequestFactory()._base_environ(
        PATH_INFO=reverse("statements:count", kwargs={"slug": SLUG}),
        HTTP_HOST="127.0.0.1",
        REQUEST_METHOD="GET",
    )

    def call(app: Callable) -> Callable[[], None]:
        def one() -> None:
            b"".join(app(dict(environ), lambda status, headers, exc_info=None: None))

        return one

    compare("count.json (core/microcache)", n, rounds, call(microcached), call(django_app))

    # The statement read signing writes against, and the page cache's key.
    def orm_statement() -> None:
        Statement.objects.exclude(state=StatementState.DRAFT).filter(slug=SLUG).first()

    def orm_stamp() -> None:
        statement = Statement.objects.exclude(state=StatementState.DRAFT).filter(slug=SLUG).first()
        StatementTally.objects.filter(statement=statement).first()

    compare(
        "statement for signing (sql_selectors)",
        n,
        rounds,
        lambda: public_statement_alone(SLUG),
        orm_statement,
    )
    compare(
        "page stamp (sql_selectors)", n, rounds, lambda: public_statement_stamp(SLUG), orm_stamp
    )

    # The event registering writes against (core/prepared_select), against its ORM query.
    events.prepare()

    def orm_event() -> None:
        public_events().filter(slug=events.EVENT_SLUG).only(
            "pk", "slug", "state", "ends_at", "registration_opens_at", "registration_closes_at"
        ).first()

    compare(
        "event for registering (prepared_select)",
        n,
        rounds,
        lambda: event_to_register(events.EVENT_SLUG),
        orm_event,
    )

    # Signing's one row: the partial full_clean and the prepared INSERT, against the plain way.
    statement = Statement.objects.get(slug=SLUG)
    emails = (f"bench-{i}@example.org" for i in itertools.count())
    details = {"name": "Ana Sampleton", "country": "BO", "language": "en", "ip_hash": "a" * 32}

    def quick_row() -> None:
        sign_statement(statement=statement, email=next(emails), **details)

    def plain_row() -> None:
        email = next(emails)
        row = Submission(
            statement=statement,
            email=email,
            email_normalised=email,
            consent_version=CONSENT_TEXTS[ConsentPurpose.STATEMENT_SIGNATURE].version,
            created_at=timezone.now(),
            **details,
        )
        row.full_clean()
        row.save()

    def prepared_insert_only() -> None:
        email = next(emails)
        row = Submission(
            statement=statement,
            email=email,
            email_normalised=email,
            consent_version="v",
            created_at=timezone.now(),
            **details,
        )
        insert_row(row)

    def save_only() -> None:
        email = next(emails)
        Submission(
            statement=statement,
            email=email,
            email_normalised=email,
            consent_version="v",
            created_at=timezone.now(),
            **details,
        ).save()

    compare("sign row: checks + INSERT (sign_statement)", n, rounds, quick_row, plain_row)
    compare("sign row: INSERT alone (prepared_insert)", n, rounds, prepared_insert_only, save_only)

    # The sign form, built and validated on every submission.
    class PlainSignForm(SignForm):
        """Its fields deep-copied per instance, as Django does by default."""

    data = {"kind": "individual", "name": "Ana Sampleton", "email": "ana@example.org"}
    data["country"] = "BO"

    def form(form_class: type[SignForm]) -> Callable[[], None]:
        def one() -> None:
            assert form_class(data).is_valid()

        return one

    compare("sign form (shared_form_fields)", n, rounds, form(SignForm), form(PlainSignForm))


if __name__ == "__main__":
    main()
