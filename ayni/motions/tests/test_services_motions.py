"""Publishing a motion and its versions, featuring and archiving it (services/motions.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ayni.motions.enums import MotionState
from ayni.motions.models import Motion, MotionVersion
from ayni.motions.services.motions import (
    archive_motion,
    feature_motion,
    publish_motion,
    publish_version,
    save_draft_version,
)
from ayni.motions.tests.factories import MotionFactory, draft_version
from ayni.motions.tests.factories import publish_version as published

pytestmark = pytest.mark.django_db

TEXTS = {"notes_en": "It notes.", "believes_en": "It believes.", "resolves_en": "It resolves."}


def test_a_new_draft_version_is_numbered_after_the_last():
    motion = MotionFactory()
    published(motion, 1)
    published(motion, 2)

    version = save_draft_version(motion=motion, version=MotionVersion(**TEXTS))

    assert version.number == 3
    assert version.published_at is None


def test_a_published_version_is_never_edited():
    motion = MotionFactory()
    version = published(motion, 1)
    version.notes_en = "Rewritten after the fact."

    with pytest.raises(ValidationError, match="cannot be changed"):
        save_draft_version(motion=motion, version=version)

    assert MotionVersion.objects.get(pk=version.pk).notes_en != "Rewritten after the fact."


def test_a_draft_version_without_its_english_text_is_refused():
    motion = MotionFactory()

    with pytest.raises(ValidationError):
        save_draft_version(motion=motion, version=MotionVersion(notes_en="Only notes."))

    assert not motion.versions.exists()


def test_publishing_a_version_makes_it_current_and_bumps_the_motion():
    motion = MotionFactory()
    published(motion, 1)
    draft = draft_version(motion, 2)
    before = Motion.objects.get(pk=motion.pk).updated_at

    version = publish_version(motion=motion)

    assert version.pk == draft.pk
    assert MotionVersion.objects.get(pk=draft.pk).published_at is not None
    assert Motion.objects.get(pk=motion.pk).updated_at > before


def test_publishing_without_a_draft_version_is_refused():
    motion = MotionFactory()
    published(motion, 1)

    with pytest.raises(ValidationError, match="no draft version"):
        publish_version(motion=motion)


def test_an_older_draft_than_the_published_version_is_refused():
    motion = MotionFactory()
    old_draft = draft_version(motion, 1)
    published(motion, 2)

    with pytest.raises(ValidationError, match="newer than the published"):
        publish_version(motion=motion, version=old_draft)

    assert MotionVersion.objects.get(pk=old_draft.pk).published_at is None


def test_publishing_a_draft_motion_publishes_its_first_version_with_it():
    motion = MotionFactory(state=MotionState.DRAFT, published_at=None)
    draft_version(motion, 1)

    publish_motion(motion=motion)

    motion.refresh_from_db()
    assert motion.state == MotionState.PUBLISHED
    assert motion.published_at is not None
    assert motion.versions.get().published_at is not None


def test_a_motion_without_any_text_is_not_published():
    motion = MotionFactory(state=MotionState.DRAFT, published_at=None)

    with pytest.raises(ValidationError):
        publish_motion(motion=motion)

    assert Motion.objects.get(pk=motion.pk).state == MotionState.DRAFT


def test_publishing_twice_is_refused():
    motion = MotionFactory()
    published(motion, 1)

    with pytest.raises(ValidationError, match="published already"):
        publish_motion(motion=motion)


def test_only_one_motion_is_featured_at_a_time():
    first, second = MotionFactory(), MotionFactory()
    feature_motion(motion=first)

    feature_motion(motion=second)

    assert list(Motion.objects.filter(featured=True)) == [second]


def test_a_draft_is_not_featured_and_archiving_unfeatures():
    draft = MotionFactory(state=MotionState.DRAFT)
    with pytest.raises(ValidationError):
        feature_motion(motion=draft)
    motion = MotionFactory()
    feature_motion(motion=motion)

    archive_motion(motion=motion)

    motion.refresh_from_db()
    assert (motion.state, motion.featured) == (MotionState.ARCHIVED, False)
    with pytest.raises(ValidationError):
        archive_motion(motion=motion)
