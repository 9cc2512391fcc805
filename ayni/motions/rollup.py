"""What a motion's adoptions add up to: the figures on its page (only verified reports whose
outcome adopted the motion count)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from ayni.motions.enums import ADOPTED, AdoptionStatus
from ayni.motions.models import Adoption, Motion


@dataclass(frozen=True)
class Rollup:
    bodies: int
    organisations: int
    countries: int


def counted(motion: Motion):  # type: ignore[no-untyped-def]
    """The reports that count: verified, and the body adopted the motion."""
    return Adoption.objects.filter(
        motion=motion, status=AdoptionStatus.VERIFIED, outcome__in=ADOPTED
    )


def motion_rollup(motion: Motion) -> Rollup:
    figures = counted(motion).aggregate(
        bodies=Count("body", distinct=True),
        organisations=Count("body__organisation", distinct=True),
        countries=Count("body__country", distinct=True),
    )
    return Rollup(figures["bodies"], figures["organisations"], figures["countries"])
