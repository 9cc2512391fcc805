"""Reads of motions, bodies and adoption reports, with what their pages need alongside."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from ayni.motions.enums import ADOPTED, AdoptionStatus, MotionState
from ayni.motions.models import Motion, MotionVersion

PUBLIC_STATES = [MotionState.PUBLISHED, MotionState.ARCHIVED]


def public_motions() -> QuerySet[Motion]:
    return Motion.objects.filter(state__in=PUBLIC_STATES)


def public_motion(slug: str) -> Motion | None:
    return public_motions().filter(slug=slug).first()


def current_version(motion: Motion) -> MotionVersion | None:
    """The latest published version of the motion: the text the public page shows."""
    return motion.versions.filter(published_at__isnull=False).order_by("-number").first()


def published_versions(motion: Motion) -> list[MotionVersion]:
    """The motion's published versions, newest first (the first is the current one)."""
    return list(motion.versions.filter(published_at__isnull=False).order_by("-number"))


def motion_for_preview(slug: str) -> Motion | None:
    """Any motion, drafts too: for those who may change motions (the caller checks)."""
    return Motion.objects.filter(slug=slug).first()


def latest_version(motion: Motion) -> MotionVersion | None:
    """The newest version, draft or not: what a preview shows."""
    return motion.versions.order_by("-number").first()


def motions_with_adoptions() -> QuerySet[Motion]:
    """The public motions, each with `adopted_by`: the bodies that adopted it on a verified
    report (as the roll-up counts them), in the one query."""
    counted = Q(adoptions__status=AdoptionStatus.VERIFIED, adoptions__outcome__in=ADOPTED)
    return public_motions().annotate(
        adopted_by=Count("adoptions__body", filter=counted, distinct=True)
    )


def home_motion() -> Motion | None:
    """The motion the home page shows: the featured one, else the latest published."""
    published = Motion.objects.filter(state=MotionState.PUBLISHED)
    return published.order_by("-featured", "-published_at", "-pk").first()
