"""The data migration that re-normalises supporters' addresses under the +tag rule."""

from __future__ import annotations

import importlib
import logging

import pytest
from django.apps import apps

from ayni.supporters.models import Supporter

pytestmark = pytest.mark.django_db

migration = importlib.import_module("ayni.supporters.migrations.0002_renormalise_emails")


def test_renormalise_collapses_plus_tags_and_skips_and_logs_a_collision(caplog):
    # Rows as the old rule stored them: +tags kept at domains outside a provider list.
    tagged = Supporter.objects.create(
        email="Ana+news@Union.example.org", email_normalised="ana+news@union.example.org"
    )
    plain = Supporter.objects.create(email="bob@example.org", email_normalised="bob@example.org")
    clash = Supporter.objects.create(
        email="bob+2@example.org", email_normalised="bob+2@example.org"
    )

    with caplog.at_level(logging.WARNING):
        migration.renormalise_supporters(apps, None)

    assert dict(Supporter.objects.values_list("pk", "email_normalised")) == {
        tagged.pk: "ana@union.example.org",
        plain.pk: "bob@example.org",
        clash.pk: "bob+2@example.org",
    }
    assert Supporter.objects.get(pk=tagged.pk).email == "Ana+news@Union.example.org"
    assert [r.getMessage() for r in caplog.records] == [
        f"Supporter {clash.pk} kept its old normalised email: its new one is "
        f"supporter {plain.pk}'s."
    ]
    assert "bob" not in caplog.text  # ids only: the log is not a list of addresses
