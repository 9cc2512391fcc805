"""The data migration that re-normalises signatures' addresses under the +tag rule."""

from __future__ import annotations

import importlib
import logging

import pytest
from django.apps import apps

from ayni.statements.models import Signature
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
