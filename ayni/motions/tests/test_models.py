"""The motions' models: what the database itself guarantees."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from ayni.motions.enums import AdoptionStatus, Level, Outcome
from ayni.motions.models import Adoption, Body, Motion, MotionVersion, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def union() -> Organisation:
    return Organisation.objects.create(name="Example Union", code="eu", kind="union")


def test_a_body_code_names_one_body_of_its_organisation_and_blank_codes_repeat(union):
    Body.objects.create(organisation=union, name="North", level=Level.REGION, code="N1")
    Body.objects.create(organisation=union, name="A", level=Level.BRANCH)
    Body.objects.create(organisation=union, name="B", level=Level.BRANCH)
    other = Organisation.objects.create(name="Other Union", code="ou", kind="union")
    Body.objects.create(organisation=other, name="North", level=Level.REGION, code="N1")

    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(organisation=union, name="North again", level=Level.REGION, code="N1")


@pytest.mark.parametrize("level", [0, 6])
def test_a_level_outside_the_tree_is_refused(union, level):
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(organisation=union, name="Nowhere", level=level)


def test_a_body_cannot_be_its_own_parent(union):
    body = Body.objects.create(organisation=union, name="Loop", level=Level.BRANCH)
    body.parent = body

    with pytest.raises(IntegrityError), transaction.atomic():
        body.save()


def test_one_meeting_of_one_body_is_counted_once(union):
    motion = Motion.objects.create(slug="m", title_en="Solidarity")
    version = MotionVersion.objects.create(
        motion=motion, number=1, notes_en="n", believes_en="b", resolves_en="r"
    )
    branch = Body.objects.create(organisation=union, name="Branch", level=Level.BRANCH)
    fields = {
        "motion": motion,
        "version": version,
        "body": branch,
        "meeting_date": date(2027, 1, 12),
        "outcome": Outcome.PASSED,
        "reporter_name": "Rita Reporter",
        "reporter_email": "rita@example.org",
        "language": "en",
    }
    Adoption.objects.create(status=AdoptionStatus.VERIFIED, **fields)
    Adoption.objects.create(status=AdoptionStatus.SUBMITTED, **fields)  # a second report waits

    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(status=AdoptionStatus.VERIFIED, **fields)


def test_a_versions_sections_are_its_paragraphs_in_the_language_or_english():
    motion = Motion.objects.create(slug="m", title_en="Solidarity")
    version = MotionVersion.objects.create(
        motion=motion,
        number=1,
        notes_en="First.\n\nSecond.\r\n\r\nThird.",
        believes_en="One belief.",
        resolves_en="To act.",
        resolves_es="Actuar.",
    )

    assert version.sections("es") == [
        ("notes", ["First.", "Second.", "Third."]),
        ("believes", ["One belief."]),
        ("resolves", ["Actuar."]),
    ]
