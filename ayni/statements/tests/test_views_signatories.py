"""views.statement_signatories: the wall of names, page by page, and its organisations tab."""

from __future__ import annotations

import base64

import pytest
from django.urls import reverse

from ayni.statements.enums import SignerKind
from ayni.statements.services import roll_up_counts
from tests.factories import SignatureFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_wall_keyset_pagination_walks_every_name_once(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(120, statement=statement)
    url = reverse("statements:signatories", kwargs={"slug": statement.slug})

    seen, cursor, pages = [], "", 0
    while True:
        response = client.get(url, {"after": cursor} if cursor else {})
        signatures = response.context["signatures"]
        seen += [s.pk for s in signatures]
        cursor = response.context["next_cursor"]
        pages += 1
        if not cursor:
            break

    assert pages == 3
    assert len(seen) == 120 == len(set(seen))


def test_wall_more_is_a_partial_for_htmx(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(60, statement=statement)
    url = reverse("statements:signatories", kwargs={"slug": statement.slug})
    cursor = client.get(url).context["next_cursor"]

    partial = client.get(url, {"after": cursor}, HTTP_HX_REQUEST="true").content.decode()

    assert "<html" not in partial
    assert partial.count("<li>") == 10


@pytest.mark.parametrize("items", [1, 3])
def test_signatories_query_count(client, django_assert_max_num_queries, items):
    statement = StatementFactory()
    SignatureFactory.create_batch(items, statement=statement)
    roll_up_counts()

    with django_assert_max_num_queries(7):
        response = client.get(reverse("statements:signatories", kwargs={"slug": statement.slug}))

    assert len(response.context["signatures"]) == items


def test_organisations_tab_counts_organisations_not_all_signatures(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(3, statement=statement)
    SignatureFactory.create_batch(
        2, statement=statement, kind=SignerKind.ORGANISATION, organisation="Union branch"
    )
    roll_up_counts()
    url = reverse("statements:signatories", kwargs={"slug": statement.slug})

    organisations = client.get(url, {"kind": "organisation"}).content.decode()
    people = client.get(url).content.decode()

    assert "2 organisations in all." in organisations
    assert "signatures in all" not in organisations
    assert "5 signatures in all." in people


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


GARBAGE_CURSORS = [
    "garbage",
    "!!!",
    "%00",
    "é",
    "=",
    b64(b"nan:1"),
    b64(b"inf:1"),
    b64(b"1e400:1"),
    b64(b"99999999999999999:1"),  # far beyond year 9999
    b64(b"1.5:abc"),
    b64(b"\xff\xfe:1"),
    b64(b"no separator"),
    "A" * 200,
]


@pytest.mark.parametrize("cursor", GARBAGE_CURSORS)
def test_garbage_wall_cursor_shows_page_one(client, cursor):
    signature = SignatureFactory(name="Visible Signer")
    url = reverse("statements:signatories", kwargs={"slug": signature.statement.slug})

    response = client.get(url, {"after": cursor})

    assert response.status_code == 200
    assert "Visible Signer" in response.content.decode()


@pytest.mark.parametrize(
    "cursor",
    [b64(b"-1:-1"), b64(b"1:99999999999999999999999"), b64(b"99999999999:1"), b64(b"0:0")],
)
def test_odd_but_well_formed_wall_cursor_is_not_a_500(client, cursor):
    signature = SignatureFactory(name="Visible Signer")
    url = reverse("statements:signatories", kwargs={"slug": signature.statement.slug})

    response = client.get(url, {"after": cursor}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
