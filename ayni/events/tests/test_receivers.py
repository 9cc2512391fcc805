"""Events' answers to a supporter's export and erasure (every registration of the person)."""

from __future__ import annotations

import pytest

from ayni.events.enums import EmailKind, RegistrationStatus
from ayni.events.models import EventEmail, Registration
from ayni.events.tests.factories import EventFactory, confirmed, register
from ayni.supporters.models import Supporter
from ayni.supporters.services import erase_supporter, export_supporter

pytestmark = pytest.mark.django_db


def test_a_supporters_export_lists_their_registrations_confirmed_or_not():
    first = EventFactory(title_en="First")
    second = EventFactory(title_en="Second")
    confirmed(first, "ana@example.org", organisation="Union")
    register(second, "Ana+later@Example.org")
    confirmed(EventFactory(title_en="Someone else's"), "bea@example.org")

    data = export_supporter(supporter=Supporter.objects.get(email_normalised="ana@example.org"))

    assert [(r["event"], r["status"], r["organisation"]) for r in data["event_registrations"]] == [
        ("First", RegistrationStatus.CONFIRMED, "Union"),
        ("Second", RegistrationStatus.PENDING, ""),
    ]


def test_a_supporters_erasure_deletes_their_registrations_and_gives_their_places_on():
    event = EventFactory(capacity=1)
    confirmed(event, "ana@example.org")
    register(EventFactory(), "ana+later@example.org")
    confirmed(event, "bea@example.org")  # waiting

    erase_supporter(supporter=Supporter.objects.get(email_normalised="ana@example.org"))

    assert list(Registration.objects.values_list("email", "status")) == [
        ("bea@example.org", RegistrationStatus.CONFIRMED)
    ]
    assert not EventEmail.objects.filter(registration__email__startswith="ana").exists()
    assert list(
        EventEmail.objects.filter(kind=EmailKind.PROMOTED).values_list(
            "registration__email", flat=True
        )
    ) == ["bea@example.org"]


def test_the_erasure_of_someone_without_registrations_touches_nobody_elses():
    confirmed(EventFactory(), "bea@example.org")
    supporter = Supporter.objects.create(
        email="cai@example.org", email_normalised="cai@example.org"
    )

    erase_supporter(supporter=supporter)

    assert list(Registration.objects.values_list("email", flat=True)) == ["bea@example.org"]
