"""Exact query counts on the statements' list pages, with 1 and 3 items: a list costs the same
number of queries whatever its length (no query per row)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ayni.statements.enums import SignerKind
from ayni.statements.services import roll_up_counts
from tests.factories import SignatureFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("items", [1, 3])
def test_the_public_statement_list_costs_the_same_queries_for_1_and_3(
    client, django_assert_num_queries, items, language
):
    statements = StatementFactory.create_batch(items)
    for statement in statements:
        SignatureFactory(statement=statement)
    roll_up_counts()
    with translation.override(language):
        url = reverse("statements:list")
    client.get(url)

    # the public statements with their tallies, their language versions (one prefetch)
    with django_assert_num_queries(2):
        page = client.get(url).content.decode()

    for statement in statements:
        assert f"/{language}/s/{statement.slug}/" in page


@pytest.mark.parametrize("kind", [SignerKind.INDIVIDUAL, SignerKind.ORGANISATION])
@pytest.mark.parametrize("items", [1, 3])
def test_the_signatories_wall_costs_the_same_queries_for_1_and_3(
    client, django_assert_num_queries, items, kind
):
    statement = StatementFactory()
    signers = [
        SignatureFactory(statement=statement, kind=kind, organisation=f"Branch {n}", country="BO")
        for n in range(items)
    ]
    roll_up_counts()
    url = reverse("statements:signatories", kwargs={"slug": statement.slug})
    client.get(url, {"kind": kind})

    # the statement with its tally, its language versions, the wall's rows, the count,
    # the notable signatories, the countries
    with django_assert_num_queries(6):
        page = client.get(url, {"kind": kind}).content.decode()

    for signer in signers:
        assert (signer.organisation if kind == SignerKind.ORGANISATION else signer.name) in page


@pytest.mark.parametrize("items", [1, 3])
def test_the_back_office_statement_list_costs_the_same_queries_for_1_and_3(
    client, django_assert_num_queries, items
):
    statements = StatementFactory.create_batch(items)
    for statement in statements:
        SignatureFactory(statement=statement)
    roll_up_counts()
    client.force_login(UserFactory(role="Organiser"))
    url = reverse("admin:statements_statement_changelist")
    client.get(url)

    # session, user, permissions (2), the filtered and the full count, the rows with their
    # tallies, their language versions (one prefetch)
    with django_assert_num_queries(8):
        page = client.get(url).content.decode()

    for statement in statements:
        assert statement.slug in page
