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
from tests.factories import (
    SignatureFactory,
    StatementFactory,
    UserFactory,
    confirm_latest,
    log_in_as,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:supporters_supporter_changelist"


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


def post_action(client, action: str, supporters, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, ACTION_CHECKBOX_NAME: [s.pk for s in supporters], **extra},
    )


def test_organiser_downloads_a_supporters_data_as_json(client):
    ana = signed_up("Ana Quispe", "ana@example.org").supporter
    signed_up("Ben Smith", "ben@example.org")
    organiser = UserFactory(role="Organiser")
    client.force_login(organiser)

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


@pytest.mark.parametrize("role", ["Staff", "Moderator"])
def test_export_and_erase_are_not_offered_without_the_permission(client, role):
    ana = signed_up("Ana Quispe", "ana@example.org").supporter
    client.force_login(UserFactory(role=role))

    page = client.get(reverse(CHANGELIST))
    exported = post_action(client, "export_data", [ana])
    erased = post_action(client, "delete_selected", [ana], post="yes")
    deleted = client.post(
        reverse("admin:supporters_supporter_delete", args=[ana.pk]), {"post": "yes"}
    )

    if role == "Staff":
        assert "export_data" not in page.content.decode()
        assert exported.status_code == 200 and b"ana@example.org" in exported.content
        assert exported["Content-Type"].startswith("text/html")  # the list again, not a file
    else:
        assert page.status_code == 403  # moderators do not see supporters at all
    assert erased["Content-Type"].startswith("text/html")
    assert deleted.status_code == 403
    assert Supporter.objects.filter(pk=ana.pk).exists()
    assert Signature.objects.get(email="ana@example.org").status == SignatureStatus.CONFIRMED


def test_anonymous_is_sent_to_login(client):
    ana = signed_up("Ana Quispe", "ana@example.org").supporter

    response = post_action(client, "export_data", [ana])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert b"ana@example.org" not in response.content


@pytest.mark.parametrize("persona", ["Organiser", "superuser"])
def test_deleting_a_supporter_erases_them_everywhere(client, persona):
    """Consent records cannot be deleted on their own, by anyone; erasing the person (through
    the erase service) still takes theirs."""
    statement = StatementFactory()
    signature = signed_up("Ana Quispe", "ana@example.org", statement)
    other = signed_up("Ben Smith", "ben@example.org", statement)
    ana = signature.supporter
    assert StatementTally.objects.get(statement=statement).total == 2
    log_in_as(client, persona)
    url = reverse("admin:supporters_supporter_delete", args=[ana.pk])

    confirmation = client.get(url).content.decode()
    response = client.post(url, {"post": "yes"})
    roll_up_counts()

    assert "erases them: their signatures are anonymised" in confirmation
    assert response.status_code == 302
    assert not Supporter.objects.filter(pk=ana.pk).exists()
    assert not Consent.objects.filter(supporter_id=ana.pk).exists()
    signature.refresh_from_db()
    assert signature.name == "" and "ana@" not in signature.email
    assert signature.status == SignatureStatus.WITHDRAWN and signature.supporter is None
    assert StatementTally.objects.get(statement=statement).total == 1
    assert Signature.objects.get(pk=other.pk).name == "Ben Smith"
    assert Consent.objects.filter(supporter=other.supporter).count() == 2


def test_erase_selected_shows_a_confirmation_then_erases(client):
    ana = signed_up("Ana Quispe", "ana@example.org").supporter
    ben = signed_up("Ben Smith", "ben@example.org").supporter
    keep = signed_up("Carla Díaz", "carla@example.org").supporter
    client.force_login(UserFactory(role="Organiser"))

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
    client, django_assert_num_queries, supporters
):
    for n in range(supporters):
        signed_up(f"Person Number{n}", f"person{n}@example.org")
    client.force_login(UserFactory(role="Organiser"))
    url = reverse(CHANGELIST)
    client.get(url)

    # session, user, permissions (2), tag filter, count, rows, date hierarchy (range, days).
    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.content.decode().count("@example.org</a>") == supporters


def test_supporter_language_filter(client):
    signed_up("Ana Quispe", "ana@example.org")
    Supporter.objects.update(language="es")
    signed_up("Ben Smith", "ben@example.org")
    client.force_login(UserFactory(role="Staff"))

    html = client.get(reverse(CHANGELIST), {"language": "es"}).content.decode()

    assert "ana@example.org" in html and "ben@example.org" not in html
