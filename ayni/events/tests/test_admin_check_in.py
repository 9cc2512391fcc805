"""Check-in at the door: a code, an answer, a count; works as a plain form, changes only on POST."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from ayni.events.enums import RegistrationStatus
from ayni.events.models import Registration
from ayni.events.tests.admin_fixtures import (
    make_event,
    make_registration,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = make_event(time_zone="America/La_Paz")
    make_registration(event, "Ana Flores", check_in_code="K7M2QX")
    make_registration(event, "Bea Mamani", check_in_code="P3R4ST")
    make_registration(
        event, "Wendy Waiting", status=RegistrationStatus.WAITLISTED, check_in_code=""
    )
    make_registration(
        event,
        "Carla Cancelled",
        status=RegistrationStatus.CANCELLED,
        check_in_code="C4NC3L",
    )
    return event


def url(event) -> str:
    return reverse("admin:events_event_check_in", args=[event.pk])


def answers(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_page_is_a_plain_form_with_the_count(client_for, event):
    page = client_for("moderator").get(url(event)).content.decode()
    assert f'<form method="post" action="{url(event)}"' in page
    assert 'class="check-in-code"' in page
    assert "0 checked in of 2 registered" in page
    assert "<script>" not in page


def test_a_code_checks_in_whatever_its_case_and_spacing(client_for, event):
    client = client_for("moderator")
    response = client.post(url(event), {"code": " k7m-2qx "}, follow=True)
    assert answers(response) == ["Checked in: Ana Flores"]
    assert "1 checked in of 2 registered" in response.content.decode()
    assert Registration.objects.get(name="Ana Flores").checked_in_at is not None


def test_a_second_time_says_when_on_the_events_clocks(client_for, event):
    Registration.objects.filter(name="Ana Flores").update(
        checked_in_at=datetime(2026, 11, 20, 23, 5, tzinfo=UTC)
    )
    response = client_for("moderator").post(url(event), {"code": "K7M2QX"}, follow=True)
    assert answers(response) == ["Already checked in at 19:05: Ana Flores"]
    assert Registration.objects.get(name="Ana Flores").checked_in_at == datetime(
        2026, 11, 20, 23, 5, tzinfo=UTC
    )


@pytest.mark.parametrize("code", ["ZZZZZZ", "C4NC3L"])
def test_an_unknown_or_cancelled_code_checks_nobody_in(client_for, event, code):
    response = client_for("moderator").post(url(event), {"code": code}, follow=True)
    assert answers(response) == [f"No registration with this code: {code}"]
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_a_code_of_another_event_checks_nobody_in(client_for, event):
    other = make_event(slug="other", title_en="Other")
    make_registration(other, "Olga Other", check_in_code="OTHER2")
    response = client_for("moderator").post(url(event), {"code": "OTHER2"}, follow=True)
    assert answers(response) == ["No registration with this code: OTHER2"]
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("", "Type the code on the person’s confirmation."),
        ("--- ", "A code is letters and numbers, such as K7M2QX."),
        ("x" * 21, "Ensure this value has at most 20 characters (it has 21)."),
    ],
)
def test_bad_input_is_a_clear_error(client_for, event, code, error):
    response = client_for("moderator").post(url(event), {"code": code})
    assert response.status_code == 422
    assert error in response.content.decode().replace("&#x27;", "'").replace("&#8217;", "’")
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_a_get_with_a_code_changes_nothing(client_for, event):
    client_for("moderator").get(url(event), {"code": "K7M2QX"})
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()
