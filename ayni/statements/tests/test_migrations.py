"""The data migration that re-normalises signatures' addresses under the +tag rule."""

from __future__ import annotations

import importlib
import logging
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from ayni.statements.enums import StatementState
from ayni.statements.models import Signature, Statement
from tests.factories import SignatureFactory, StatementFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("ayni.statements.migrations.0004_renormalise_emails")


def test_renormalise_collapses_plus_tags_per_statement_and_skips_and_logs_a_collision(caplog):
    statement, other = StatementFactory(), StatementFactory()

    # Rows as the old rule stored them: +tags kept at domains outside a provider list.
    def old_row(statement, email):
        return SignatureFactory(
            statement=statement, email=email, email_normalised=email.lower(), email_domain="stale"
        )

    tagged = old_row(statement, "Ana+x@Union.example.org")
    plain = old_row(statement, "bob@example.org")
    clash = old_row(statement, "bob+2@example.org")
    elsewhere = old_row(other, "bob+3@example.org")

    with caplog.at_level(logging.WARNING):
        migration.renormalise_signatures(apps, None)

    rows = Signature.objects.values_list("pk", "email_normalised", "email_domain")
    assert {pk: (normalised, domain) for pk, normalised, domain in rows} == {
        tagged.pk: ("ana@union.example.org", "union.example.org"),
        plain.pk: ("bob@example.org", "example.org"),
        clash.pk: ("bob+2@example.org", "stale"),
        elsewhere.pk: ("bob@example.org", "example.org"),
    }
    assert [r.getMessage() for r in caplog.records] == [
        f"Signature {clash.pk} kept its old normalised email: its new one is signature "
        f"{plain.pk}'s (statement {statement.pk})."
    ]


closing = importlib.import_module(
    "ayni.statements.migrations.0008_closed_at_is_when_signing_stopped"
)


def test_backfill_makes_closed_at_the_moment_signing_stopped():
    now = timezone.now()
    deadline = now - timedelta(days=30)
    swept_late = StatementFactory(state=StatementState.CLOSED, deadline=deadline, closed_at=now)
    closed_early = StatementFactory(
        state=StatementState.CLOSED, deadline=now + timedelta(days=5), closed_at=deadline
    )
    unstamped_past = StatementFactory(state=StatementState.CLOSED, deadline=deadline)
    unstamped_future = StatementFactory(
        state=StatementState.CLOSED, deadline=now + timedelta(days=5)
    )
    unstamped_forever = StatementFactory(state=StatementState.CLOSED)
    still_open = StatementFactory(deadline=deadline)
    changed = dict(Statement.objects.values_list("pk", "updated_at"))

    closing.closed_when_signing_stopped(apps, None)

    closed_at = dict(Statement.objects.values_list("pk", "closed_at"))
    assert closed_at == {
        swept_late.pk: deadline,
        closed_early.pk: deadline,
        unstamped_past.pk: deadline,
        unstamped_future.pk: changed[unstamped_future.pk],
        unstamped_forever.pk: changed[unstamped_forever.pk],
        still_open.pk: None,
    }
