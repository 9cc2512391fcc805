"""A model motion's life in the back office: its draft text, publishing it and each new version,
featuring it on the home page, archiving it. A published version is never edited — a change is
a new version numbered after the last — so an adoption's version always says what was passed.
Each step refuses (ValidationError, nothing changed) when it does not apply."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.motions.enums import MotionState
from ayni.motions.models import Motion, MotionVersion

logger = logging.getLogger(__name__)


def _locked(motion: Motion) -> Motion:
    return Motion.objects.select_for_update().get(pk=motion.pk)


def next_version_number(motion: Motion) -> int:
    return (motion.versions.aggregate(last=Max("number"))["last"] or 0) + 1


def save_draft_version(*, motion: Motion, version: MotionVersion) -> MotionVersion:
    """Store the text of a version not yet published. Side effects: a new version gets the
    number after the motion's last one; a published version is refused (a change to it is a
    new version)."""
    with transaction.atomic():
        _locked(motion)
        if version.pk is not None:
            stored = MotionVersion.objects.get(pk=version.pk)
            if stored.published_at is not None:
                raise ValidationError(
                    _("A published version cannot be changed: add a new version instead."),
                    code="published",
                )
        else:
            version.number = next_version_number(motion)
        version.motion = motion
        version.published_at = None
        version.full_clean()
        version.save()
    return version


def _draft_to_publish(motion: Motion, version: MotionVersion | None) -> MotionVersion:
    if version is None:
        version = motion.versions.filter(published_at__isnull=True).order_by("-number").first()
    if version is None or version.motion_id != motion.pk or version.published_at is not None:
        raise ValidationError(
            _("There is no draft version to publish: add one under “Versions”."), code="none"
        )
    last = motion.versions.filter(published_at__isnull=False).aggregate(last=Max("number"))
    if last["last"] is not None and version.number <= last["last"]:
        raise ValidationError(
            _("Only a version newer than the published one can be published."), code="older"
        )
    version.full_clean()
    return version


def publish_version(*, motion: Motion, version: MotionVersion | None = None) -> MotionVersion:
    """Publish the motion's draft version (`version`, else its newest draft): from now on the
    motion's page, print page and documents show it, and it is never edited again. Side
    effects: the version's published_at; the motion's updated_at (its documents change)."""
    with transaction.atomic():
        locked = _locked(motion)
        version = _draft_to_publish(locked, version)
        version.published_at = timezone.now()
        version.save(update_fields=["published_at"])
        locked.save(update_fields=["updated_at"])
    logger.info("Motion %s: version %s published", motion.slug, version.number)
    motion.refresh_from_db()
    return version


def publish_motion(*, motion: Motion) -> Motion:
    """Show a draft (or archived) motion at its public address, in the list, the sitemap and
    the home page. Side effects: state, published_at the first time; a motion with no published
    version yet has its newest draft version published with it."""
    with transaction.atomic():
        locked = _locked(motion)
        if locked.state == MotionState.PUBLISHED:
            raise ValidationError(_("This motion is published already."), code="state")
        if not locked.versions.filter(published_at__isnull=False).exists():
            publish_version(motion=locked)
        locked.state = MotionState.PUBLISHED
        locked.published_at = locked.published_at or timezone.now()
        locked.save(update_fields=["state", "published_at", "updated_at"])
    logger.info("Motion %s published", motion.slug)
    motion.refresh_from_db()
    return motion


def archive_motion(*, motion: Motion) -> Motion:
    """No longer asked of branches: the page stays (adoptions keep counting) but it leaves the
    home page. Side effects: state; featured turned off."""
    with transaction.atomic():
        locked = _locked(motion)
        if locked.state != MotionState.PUBLISHED:
            raise ValidationError(_("Only a published motion can be archived."), code="state")
        locked.state = MotionState.ARCHIVED
        locked.featured = False
        locked.save(update_fields=["state", "featured", "updated_at"])
    logger.info("Motion %s archived", motion.slug)
    motion.refresh_from_db()
    return motion


def feature_motion(*, motion: Motion) -> Motion:
    """Make it the motion the home page shows. Side effects: every other motion stops being
    featured (one at a time)."""
    with transaction.atomic():
        locked = _locked(motion)
        if locked.state != MotionState.PUBLISHED:
            raise ValidationError(
                _("Only a published motion can be featured on the home page."), code="state"
            )
        Motion.objects.filter(featured=True).exclude(pk=locked.pk).update(featured=False)
        locked.featured = True
        locked.save(update_fields=["featured", "updated_at"])
    logger.info("Motion %s featured", motion.slug)
    motion.refresh_from_db()
    return motion
