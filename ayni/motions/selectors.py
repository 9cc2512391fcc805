"""Reads of motions, bodies and adoption reports, with what their pages need alongside."""

from __future__ import annotations

from django.db.models import QuerySet

from ayni.motions.enums import MotionState
from ayni.motions.models import Motion, MotionVersion

PUBLIC_STATES = [MotionState.PUBLISHED, MotionState.ARCHIVED]


def public_motions() -> QuerySet[Motion]:
    return Motion.objects.filter(state__in=PUBLIC_STATES)


def public_motion(slug: str) -> Motion | None:
    return public_motions().filter(slug=slug).first()


def current_version(motion: Motion) -> MotionVersion | None:
    """The latest published version of the motion: the text the public page shows."""
    return motion.versions.filter(published_at__isnull=False).order_by("-number").first()
