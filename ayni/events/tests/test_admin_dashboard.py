"""An event's dashboard: registrations per day (an SVG drawn on the server, and a table), by
status, by country, by host; a fixed number of queries whatever the number of registrations."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from ayni.events.enums import RegistrationStatus
from ayni.events.tests.admin_fixtures import (
    make_event,
    make_host,
    make_registration,
)

pytestmark = pytest.mark.django_db


def url(event) -> str:
    return reverse("admin:events_event_dashboard", args=[event.pk])


def test_the_dashboard_counts_by_status_day_country_and_host(client_for):
    event = make_event(time_zone="America/La_Paz")
    host = make_host()
    # 02:30 UTC on the 3rd is still the 2nd in La Paz (UTC−4).
    make_registration(
        event,
        "Ana Flores",
        country="BO",
        via=host,
        confirmed_at=datetime(2026, 3, 3, 2, 30, tzinfo=UTC),
    )
    make_registration(
        event,
        "Bea Mamani",
        country="BO",
        confirmed_at=datetime(2026, 3, 2, 15, 0, tzinfo=UTC),
        checked_in_at=datetime(2026, 3, 10, tzinfo=UTC),
    )
    make_registration(
        event,
        "Wendy Waiting",
        country="GB",
        via=host,
        status=RegistrationStatus.WAITLISTED,
        confirmed_at=datetime(2026, 3, 4, 12, 0, tzinfo=UTC),
    )
    make_registration(
        event,
        "Carla Cancelled",
        country="IN",
        status=RegistrationStatus.CANCELLED,
        confirmed_at=datetime(2026, 3, 4, 13, 0, tzinfo=UTC),
    )
    make_registration(event, "Pat Pending", status=RegistrationStatus.PENDING, country="")

    html = client_for("viewer").get(url(event)).content.decode()

    def row(row_id: str) -> str:
        return re.sub(
            r"<[^>]+>|\s+", " ", re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S).group(1)
        ).split()[-1]

    assert [
        row(f"status-{s}")
        for s in ("confirmed", "waitlisted", "cancelled", "pending", "checked-in")
    ] == ["2", "1", "1", "1", "1"]
    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S).group(0)
    bars = re.findall(r'<rect class="day-bar" [^>]*><title>([^<]*)</title>', svg)
    assert bars == ["2 Mar 2026: 2", "3 Mar 2026: 0", "4 Mar 2026: 2"]
    table = re.search(r'<table id="days-heading-table">.*?</table>', html, re.S).group(0)
    assert re.findall(r"<td>([^<]*)</td><td class=\"numeric\">(\d+)</td>", table) == [
        ("2 Mar 2026", "2"),
        ("4 Mar 2026", "2"),
    ]
    countries = re.search(r'<table id="countries">.*?</table>', html, re.S).group(0)
    assert re.findall(r"<td>([^<]*)</td><td class=\"numeric\">(\d+)</td>", countries) == [
        ("Bolivia", "2"),
        ("United Kingdom", "1"),
    ]
    hosts = re.search(r'<table id="hosts">.*?</table>', html, re.S).group(0)
    assert re.findall(
        r"<tr><td>([^<]*)</td><td>([^<]*)</td><td class=\"numeric\">(\d+)</td>", hosts
    ) == [
        ("Bolivia Solidarity Campaign", "bsc", "2"),
        ("No host’s link", "", "1"),
    ]
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "events/admin.css" in html


def test_the_links_follow_the_permissions(client_for):
    event = make_event()
    viewer = client_for("viewer").get(url(event)).content.decode()
    organiser = client_for("organiser").get(url(event)).content.decode()
    export = reverse("admin:events_event_export", args=[event.pk])
    message = reverse("admin:events_event_message", args=[event.pk])
    assert (export in viewer, message in viewer) == (False, False)
    assert (export in organiser, message in organiser) == (True, True)


def test_an_empty_dashboard_says_so(client_for):
    html = client_for("viewer").get(url(make_event())).content.decode()
    assert "No confirmed registrations yet." in html
    assert "day-bar" not in html


@pytest.mark.parametrize("registrations", [1, 3])
def test_the_dashboard_takes_the_same_queries_for_1_or_3(
    client_for, django_assert_num_queries, registrations
):
    event = make_event()
    host = make_host()
    for number in range(registrations):
        make_registration(
            event, f"Person{number} Name", via=host, country=["BO", "GB", "IN"][number]
        )
    client = client_for("viewer")
    # session, user, the user's and their groups' permissions, the campaign (the admin's
    # header), the event; counts, days, countries, hosts
    with django_assert_num_queries(10):
        response = client.get(url(event))
    assert response.status_code == 200
