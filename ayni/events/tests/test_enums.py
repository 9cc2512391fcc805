"""The events' labels in Spanish: those shared by words of different gender (an event is
masculine, a registration feminine) or meaning (a panel's moderator is not the back office's
Moderator) each read right, through their message contexts."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from ayni.events.enums import EventFormat, EventState, RegistrationStatus, Role
from ayni.events.tests.admin_fixtures import make_event, make_registration

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("choice", "spanish"),
    [
        (EventState.DRAFT, "Borrador"),
        (EventState.PUBLISHED, "Publicado"),
        (EventState.POSTPONED, "Aplazado"),
        (EventState.CANCELLED, "Cancelado"),
        (EventState.FINISHED, "Terminado"),
        (RegistrationStatus.CONFIRMED, "Inscripción confirmada"),
        (RegistrationStatus.WAITLISTED, "En lista de espera"),
        (RegistrationStatus.CANCELLED, "Cancelada"),
        (EventFormat.HYBRID, "Híbrido"),
        (Role.MODERATOR, "Moderación"),
        (Role.CHAIR, "Presidencia"),
    ],
)
def test_each_label_agrees_with_what_it_describes(choice, spanish):
    with translation.override("es"):
        assert str(choice.label) == spanish
    with translation.override("en"):
        assert str(choice.label) != spanish


def test_a_cancelled_event_and_a_cancelled_registration_read_right_on_the_same_page(
    client_for,
):
    event = make_event(state=EventState.CANCELLED)
    make_registration(event, "Gone Person", status=RegistrationStatus.CANCELLED)

    page = (
        client_for("organiser")
        .get(reverse("admin:events_event_dashboard", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="es")
        .content.decode()
    )

    assert "<strong>Cancelado</strong>" in page  # the event's state
    row = re.search(r'<tr id="status-cancelled"><th scope="row">([^<]*)</th>', page)
    assert row is not None and row.group(1) == "Cancelada"  # its registrations' status


def test_the_public_badge_of_a_cancelled_event_is_masculine(client):
    event = make_event(state=EventState.CANCELLED)
    with translation.override("es"):
        address = reverse("events:list")

    page = client.get(address, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert event.title_es in page
    assert '<p class="badge badge-cancelled">Cancelado</p>' in page
