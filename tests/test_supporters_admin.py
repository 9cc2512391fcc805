"""supporters/admin.py: the supporters list in the back office, exporting a supporter's data and
erasing them, and who may do which (the personas of tests/access.py).

Here with the cross-app tests rather than in ayni/supporters/tests/: a supporter's data is their
signatures, so these tests need statements, and the layers contract (pyproject.toml) keeps
ayni.supporters, tests included, from importing ayni.statements."""

from __future__ import annotations

import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, StatementTally
from ayni.statements.services import roll_up_counts
from ayni.supporters.models import Consent, Supporter
from tests.access import LOGIN, assert_access
from tests.factories import SignatureFactory, StatementFactory, confirm_latest

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:supporters_supporter_changelist"
OUTSIDERS = {"anonymous": LOGIN, "outsider": LOGIN}
# What each persona gets from the supporters list, and from its "export their data" action.
LIST = {**OUTSIDERS, "viewer": 200, "moderator": 403, "organiser": 200}
EXPORT = {**OUTSIDERS, "viewer": 200, "moderator": 403, "organiser": 200}


def signed_up(name: str, email: str, statement=None) -> Signature:
    """A confirmed signature with its Supporter and consents, counted."""
    signature = SignatureFactory(
        name=name,
        email=email,
        status=SignatureStatus.PENDING,
        confirmed_at=None,
        tally_dirty=False,
        **({"statement": statement} if statement else {}),
    )
    confirm_latest(signature)
    roll_up_counts()
    signature.refresh_from_db()
    return signature


def action(name: str, supporters, **extra) -> dict:
    return {"action": name, ACTION_CHECKBOX_NAME: [s.pk for s in supporters], **extra}


def post_action(client, name: str, supporters, **extra):
    return client.post(reverse(CHANGELIST), action(name, supporters, **extra))


def test_organiser_downloads_a_supporters_data_as_json(client_for, organiser):
    ana = signed_up("Ana Quispe", "ana@example.org").supporter
    signed_up("Ben Smith", "ben@example.org")
    client = client_for("organiser")

    response = post_action(client, "export_data", [ana])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="supporters-')
    [data] = json.loads(response.content)["supporters"]
    assert data["supporter"]["email"] == "ana@example.org"
    assert data["supporter"]["name"] == "Ana Quispe"
    assert {c["purpose"] for c in data["consents"]} == {"statement_signature", "show_name"}
    assert [s["name"] for s in data["signatures"]] == ["Ana Quispe"]
    assert b"ben@example.org" not in response.content
    entry = LogEntry.objects.get(object_id=str(ana.pk))
    assert entry.user == organiser and entry.change_message == "Exported their data (JSON)."


@pytest.mark.parametrize("persona", ["viewer", "moderator"])
def test_export_and_erase_are_not_offered_without_the_permission(client_for, persona):
    ana = signed_up("Ana Quispe", "ana@example.org").supporter
    client = client_for(persona)

    page = client.get(reverse(CHANGELIST))
    exported = post_action(client, "export_data", [ana])
    erased = post_action(client, "delete_selected", [ana], post="yes")
    assert_access(
        client_for,
        reverse("admin:supporters_supporter_delete", args=[ana.pk]),
        "post",
        {persona: 403},
        data={"post": "yes"},
    )

    if persona == "viewer":
        assert "export_data" not in page.content.decode()
        assert exported.status_code == 200 and b"ana@example.org" in exported.content
        assert exported["Content-Type"].startswith("text/html")  # the list again, not a file
    else:
        assert page.status_code == 403  # moderators do not see supporters at all
    assert erased["Content-Type"].startswith("text/html")
    assert Supporter.objects.filter(pk=ana.pk).exists()
    assert Signature.objects.get(email="ana@example.org").status == SignatureStatus.CONFIRMED


def test_each_persona_at_the_supporters_list_and_its_export(client_for):
    ana = signed_up("Ana Quispe", "ana@example.org").supporter

    assert_access(client_for, reverse(CHANGELIST), "get", LIST)
    exported = assert_access(
        client_for, reverse(CHANGELIST), "post", EXPORT, data=action("export_data", [ana])
    )

    for persona in OUTSIDERS:
        assert b"ana@example.org" not in exported[persona].content, persona
    assert exported["organiser"]["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize("persona", ["organiser", "superuser"])
def test_deleting_a_supporter_erases_them_everywhere(client_for, persona):
    """Consent records cannot be deleted on their own, by anyone; erasing the person (through
    the erase service) still takes theirs."""
    statement = StatementFactory()
    signature = signed_up("Ana Quispe", "ana@example.org", statement)
    other = signed_up("Ben Smith", "ben@example.org", statement)
    ana = signature.supporter
    assert StatementTally.objects.get(statement=statement).total == 2
    url = reverse("admin:supporters_supporter_delete", args=[ana.pk])

    confirmation = client_for(persona).get(url).content.decode()
    assert_access(client_for, url, "post", {persona: 302}, data={"post": "yes"})
    roll_up_counts()

    assert "erases them: their signatures are anonymised" in confirmation
    assert not Supporter.objects.filter(pk=ana.pk).exists()
    assert not Consent.objects.filter(supporter_id=ana.pk).exists()
    signature.refresh_from_db()
    assert signature.name == "" and "ana@" not in signature.email
    assert signature.status == SignatureStatus.WITHDRAWN and signature.supporter is None
    assert StatementTally.objects.get(statement=statement).total == 1
    assert Signature.objects.get(pk=other.pk).name == "Ben Smith"
    assert Consent.objects.filter(supporter=other.supporter).count() == 2


def test_erase_selected_shows_a_confirmation_then_erases(client_for):
    ana = signed_up("Ana Quispe", "ana@example.org").supporter
    ben = signed_up("Ben Smith", "ben@example.org").supporter
    keep = signed_up("Carla Díaz", "carla@example.org").supporter
    client = client_for("organiser")

    listing = client.get(reverse(CHANGELIST)).content.decode()
    confirmation = post_action(client, "delete_selected", [ana, ben]).content.decode()
    assert Supporter.objects.count() == 3
    done = post_action(client, "delete_selected", [ana, ben], post="yes")

    assert "Erase selected supporters" in listing
    assert "Deleting supporters erases them" in confirmation
    assert done.status_code == 302
    assert list(Supporter.objects.values_list("pk", flat=True)) == [keep.pk]
    assert set(Signature.objects.values_list("name", flat=True)) == {"", "Carla Díaz"}


@pytest.mark.parametrize("supporters", [1, 3])
def test_supporter_changelist_query_count_does_not_grow(
    client_for, django_assert_num_queries, supporters
):
    for n in range(supporters):
        signed_up(f"Person Number{n}", f"person{n}@example.org")
    client = client_for("organiser")
    url = reverse(CHANGELIST)
    client.get(url)

    # session, user, permissions (2), tag filter, count, rows, date hierarchy (range, days).
    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.content.decode().count("@example.org</a>") == supporters


def test_supporter_language_filter(client_for):
    signed_up("Ana Quispe", "ana@example.org")
    Supporter.objects.update(language="es")
    signed_up("Ben Smith", "ben@example.org")
    client = client_for("viewer")

    html = client.get(reverse(CHANGELIST), {"language": "es"}).content.decode()

    assert "ana@example.org" in html and "ben@example.org" not in html
