"""Registrations in the back office: search and filters, details seen but not edited, a place
from the waiting list by hand, and the CSV export (formula-safe)."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from ayni.core.csv_export import safe_cell
from ayni.events.admin_views import EXPORT_COLUMNS
from ayni.events.enums import EmailKind, RegistrationStatus
from ayni.events.models import EventEmail
from ayni.events.tests.admin_fixtures import (
    make_event,
    make_host,
    make_registration,
)

pytestmark = pytest.mark.django_db

LIST = "admin:events_registration_changelist"


@pytest.fixture
def world():
    event = make_event(capacity=1)
    other = make_event(slug="other-event", title_en="Another event")
    host = make_host()
    ana = make_registration(
        event, "Ana Flores", organisation="Teachers Union", via=host, country="BO"
    )
    bea = make_registration(event, "Bea Mamani", status=RegistrationStatus.WAITLISTED, country="GB")
    cat = make_registration(other, "Cat Secret", email="cat@elsewhere.org", country="IN")
    return event, ana, bea, cat


def listed(response) -> list[str]:
    return sorted(r.name for r in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("?q=teachers", ["Ana Flores"]),
        ("?q=cat%40elsewhere.org", ["Cat Secret"]),
        ("?q=mamani", ["Bea Mamani"]),
        ("?status__exact=waitlisted", ["Bea Mamani"]),
        ("?country=IN", ["Cat Secret"]),
        ("?via__id__exact={host}", ["Ana Flores"]),
        ("?event__id__exact={event}", ["Ana Flores", "Bea Mamani"]),
    ],
)
def test_search_and_filters(client_for, world, query, names):
    event, ana, _bea, _cat = world
    url = reverse(LIST) + query.format(host=ana.via_id, event=event.pk)
    assert listed(client_for("viewer").get(url)) == names


def test_details_are_seen_and_not_edited(client_for, world):
    _event, ana, _bea, _cat = world
    url = reverse("admin:events_registration_change", args=[ana.pk])
    client = client_for("organiser")
    page = client.get(url).content.decode()
    assert "Teachers Union" in page
    assert 'name="name"' not in page
    client.post(url, {"name": "Changed", "status": "cancelled", "email": "x@example.org"})
    ana.refresh_from_db()
    assert (ana.name, ana.status) == ("Ana Flores", RegistrationStatus.CONFIRMED)


def test_promote_gives_a_place_past_the_capacity_and_emails_them(client_for, world):
    _event, ana, bea, _cat = world
    response = client_for("organiser").post(
        reverse(LIST),
        {"action": "promote", ACTION_CHECKBOX_NAME: [ana.pk, bea.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "1 registration given a place; they are emailed.",
        "1 was not on the waiting list and is unchanged.",
    ]
    bea.refresh_from_db()
    assert bea.status == RegistrationStatus.CONFIRMED
    assert len(bea.check_in_code) == 6
    assert list(EventEmail.objects.values_list("registration", "kind")) == [
        (bea.pk, EmailKind.PROMOTED)
    ]


def test_viewers_have_no_promote_action(client_for, world):
    _event, _ana, bea, _cat = world
    client_for("viewer").post(reverse(LIST), {"action": "promote", ACTION_CHECKBOX_NAME: [bea.pk]})
    bea.refresh_from_db()
    assert bea.status == RegistrationStatus.WAITLISTED


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_export_has_every_registration_of_the_event_and_none_other(client_for, world):
    event, ana, bea, _cat = world
    response = client_for("organiser").get(reverse("admin:events_event_export", args=[event.pk]))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="solidarity-with-bolivia-registrations-'
    )
    assert "no-store" in response["Cache-Control"]
    rows = read_csv(response)
    header = rows[0]
    assert header == [c.replace("via__code", "via") for c in EXPORT_COLUMNS]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert sorted(by_name) == ["Ana Flores", "Bea Mamani"]
    assert by_name["Ana Flores"]["via"] == "bsc"
    assert by_name["Ana Flores"]["organisation"] == "Teachers Union"
    assert by_name["Bea Mamani"]["status"] == "waitlisted"
    assert "Cat Secret" not in str(rows)


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_the_export_is_formula_safe(client_for, prefix):
    event = make_event()
    make_registration(
        event,
        f'{prefix}HYPERLINK("http://evil")',
        email="evil@example.org",
        organisation=f"{prefix}1+1",
        access_needs=f"{prefix}cmd|' /C calc'!A0",
    )
    rows = read_csv(
        client_for("organiser").get(reverse("admin:events_event_export", args=[event.pk]))
    )
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["name"] == f'\'{prefix}HYPERLINK("http://evil")'
    assert row["organisation"] == f"'{prefix}1+1"
    assert row["access_needs"] == f"'{prefix}cmd|' /C calc'!A0"


def test_the_selected_registrations_export_as_csv(client_for, world):
    _event, ana, _bea, cat = world
    response = client_for("organiser").post(
        reverse(LIST), {"action": "export_csv", ACTION_CHECKBOX_NAME: [ana.pk, cat.pk]}
    )
    rows = read_csv(response)
    assert sorted(row[0] for row in rows[1:]) == ["Ana Flores", "Cat Secret"]


def test_moderators_cannot_export_the_selected(client_for, world):
    _event, ana, _bea, _cat = world
    response = client_for("moderator").post(
        reverse(LIST), {"action": "export_csv", ACTION_CHECKBOX_NAME: [ana.pk]}
    )
    assert response.get("Content-Type", "").startswith("text/html")


def test_safe_cell_values():
    assert [safe_cell(v) for v in (None, True, "=1", "plain", 3)] == [
        "",
        "true",
        "'=1",
        "plain",
        "3",
    ]
