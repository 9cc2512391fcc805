"""The motions list and a motion's page (the first cut: the slices add to these)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ayni.motions.enums import AdoptionStatus, Level, MotionState, Outcome
from ayni.motions.tests.factories import MotionFactory, publish_version, report, tree_body

pytestmark = pytest.mark.django_db


def test_a_published_motion_shows_its_text_numbered_and_what_counts(client):
    motion = MotionFactory()
    publish_version(motion)
    national = tree_body("Example Union", Level.NATIONAL)
    branch = tree_body("Leeds Branch", Level.BRANCH, parent=national)
    other = tree_body("Bristol Branch", Level.BRANCH, parent=national)
    report(motion, branch)
    report(motion, other, status=AdoptionStatus.SUBMITTED)  # not verified: not counted
    report(motion, national, outcome=Outcome.REJECTED)  # not adopted: not counted

    with translation.override("en"):
        response = client.get(reverse("motions:detail", kwargs={"slug": motion.slug}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<li>The elected government was overthrown.</li>" in page
    assert "Adopted by 1 body" in page


def test_a_draft_motion_is_not_found(client):
    draft = MotionFactory(state=MotionState.DRAFT)

    with translation.override("en"):
        response = client.get(reverse("motions:detail", kwargs={"slug": draft.slug}))

    assert response.status_code == 404
