from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from ayni.statements import export
from ayni.statements.enums import SignatureStatus, SignerKind
from ayni.statements.export import EXPORT_COLUMNS, safe_cell
from tests.access import LOGIN, assert_access
from tests.factories import SignatureFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


def export_url(statement) -> str:
    return reverse("admin:statements_statement_export", args=[statement.pk])


def read_csv(response) -> list[dict[str, str]]:
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_organiser_exports_every_signature_of_the_statement_with_all_columns(client):
    statement = StatementFactory()
    SignatureFactory(
        statement=statement,
        name="Ana Sampleton",
        email="ana@example.org",
        country="BO",
        organisation="Northtown NEU",
        role="Secretary",
        kind=SignerKind.ORGANISATION,
        comment="Solidarity, from Northtown",
        language="es",
        confirmed_at=datetime(2025, 3, 1, 12, 30, tzinfo=UTC),
        created_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
        wants_updates=True,
    )
    SignatureFactory(statement=statement, name="Held Person", status=SignatureStatus.SUSPECT)
    SignatureFactory(statement=statement, name="Gone Person", status=SignatureStatus.WITHDRAWN)
    SignatureFactory(name="Someone Elsewhere")  # another statement
    client.force_login(UserFactory(role="Organiser"))

    response = client.get(export_url(statement))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="{statement.slug}-signatures-'
    )
    rows = read_csv(response)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [row["name"] for row in rows] == ["Ana Sampleton", "Held Person", "Gone Person"]
    assert rows[0] == {
        "name": "Ana Sampleton",
        "email": "ana@example.org",
        "country": "BO",
        "organisation": "Northtown NEU",
        "role": "Secretary",
        "kind": "organisation",
        "status": "confirmed",
        "comment": "Solidarity, from Northtown",
        "show_publicly": "true",
        "wants_updates": "true",
        "language": "es",
        "created_at": "2025-03-01T12:00:00+00:00",
        "confirmed_at": "2025-03-01T12:30:00+00:00",
    }
    assert rows[1]["status"] == "suspect"
    assert rows[2]["status"] == "withdrawn"


def test_export_neutralises_spreadsheet_formulas(client):
    statement = StatementFactory()
    SignatureFactory(
        statement=statement,
        name='=HYPERLINK("http://evil.example","click")',
        organisation="+SUM(A1:A9)",
        role="-2+3",
        comment="@cmd|' /C calc'!A0",
        email="plain@example.org",
    )
    SignatureFactory(statement=statement, name="\tTabbed", organisation="\rReturn", role="")
    client.force_login(UserFactory(role="Organiser"))

    rows = read_csv(client.get(export_url(statement)))

    assert rows[0]["name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[0]["organisation"] == "'+SUM(A1:A9)"
    assert rows[0]["role"] == "'-2+3"
    assert rows[0]["comment"] == "'@cmd|' /C calc'!A0"
    assert rows[0]["email"] == "plain@example.org"
    assert rows[1]["name"] == "'\tTabbed"
    assert rows[1]["organisation"] == "'\rReturn"
    assert rows[1]["role"] == ""


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-x", "'-x"),
        ("@a", "'@a"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("Ana-María", "Ana-María"),
        ("", ""),
        (None, ""),
        (True, "true"),
        (False, "false"),
    ],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def test_export_streams_in_chunks_through_an_iterator(client, monkeypatch):
    statement = StatementFactory()
    SignatureFactory.create_batch(7, statement=statement)
    monkeypatch.setattr(export, "CHUNK_SIZE", 3)
    seen: list[int] = []
    real_iterator = type(statement.signatures.all()).iterator

    def spy(self, chunk_size=None):
        seen.append(chunk_size)
        return real_iterator(self, chunk_size=chunk_size)

    monkeypatch.setattr(type(statement.signatures.all()), "iterator", spy)
    client.force_login(UserFactory(role="Organiser"))

    response = client.get(export_url(statement))

    assert response.streaming
    assert seen == []  # nothing is read before the response is consumed
    assert len(read_csv(response)) == 7
    assert seen == [3]


def test_changelist_export_keeps_the_filters_and_search_on_screen(client):
    statement = StatementFactory()
    SignatureFactory(statement=statement, name="Held Bolivian", country="BO", status="suspect")
    SignatureFactory(statement=statement, name="Held Chilean", country="CL", status="suspect")
    SignatureFactory(statement=statement, name="Counted Bolivian", country="BO")
    SignatureFactory(name="Held Elsewhere", country="BO", status="suspect")
    client.force_login(UserFactory(role="Organiser"))
    query = f"?statement__id__exact={statement.pk}&status__exact=suspect&q=Bolivia"

    changelist = client.get(reverse("admin:statements_signature_changelist") + query)
    export_link = reverse("admin:statements_signature_export") + query.replace("&", "&amp;")
    assert export_link in changelist.content.decode()
    response = client.get(reverse("admin:statements_signature_export") + query)

    assert [row["name"] for row in read_csv(response)] == ["Held Bolivian"]


def test_changelist_export_with_a_bad_filter_goes_back_to_the_list(client):
    client.force_login(UserFactory(role="Organiser"))

    response = client.get(reverse("admin:statements_signature_export") + "?nosuchfield=1")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:statements_signature_changelist") + "?e=1"


@pytest.mark.parametrize("list_export", [False, True])
def test_only_organisers_export_and_nobody_else_sees_an_address(client_for, list_export):
    statement = StatementFactory()
    SignatureFactory(statement=statement, email="secret@example.org")
    url = reverse("admin:statements_signature_export") if list_export else export_url(statement)

    responses = assert_access(
        client_for,
        url,
        "get",
        {
            "anonymous": LOGIN,
            "outsider": LOGIN,
            "viewer": 403,
            "moderator": 403,
            "organiser": 200,
        },
    )

    assert [row["email"] for row in read_csv(responses.pop("organiser"))] == ["secret@example.org"]
    for persona, response in responses.items():
        assert b"secret@example.org" not in response.content, persona
    for persona in ("viewer", "moderator"):
        assert "You do not have permission" in responses[persona].content.decode()
        changelist = client_for(persona).get(reverse("admin:statements_signature_changelist"))
        assert "Export these signatures" not in changelist.content.decode()


def test_export_of_missing_statement_is_404(client):
    client.force_login(UserFactory(role="Organiser"))

    assert client.get(reverse("admin:statements_statement_export", args=[999])).status_code == 404
