"""Reads of motions, bodies and adoption reports, with what their pages need alongside."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, F, Max, Q, QuerySet

from ayni.motions.enums import ADOPTED, AdoptionStatus, ForwardingState, MotionState
from ayni.motions.models import Adoption, Body, Motion, MotionVersion

PUBLIC_STATES = [MotionState.PUBLISHED, MotionState.ARCHIVED]


def public_motions() -> QuerySet[Motion]:
    return Motion.objects.filter(state__in=PUBLIC_STATES)


def public_motion(slug: str) -> Motion | None:
    return public_motions().filter(slug=slug).first()


def current_version(motion: Motion) -> MotionVersion | None:
    """The latest published version of the motion: the text the public page shows."""
    return motion.versions.filter(published_at__isnull=False).order_by("-number").first()


# --- The roll-up's table, feeds and exports ---------------------------------------------------


def verified_adoptions(motion: Motion) -> QuerySet[Adoption]:
    """The motion's verified reports (every outcome: a rejection is public too), newest meeting
    first, with the body, its organisation and its region."""
    return (
        Adoption.objects.filter(motion=motion, status=AdoptionStatus.VERIFIED)
        .select_related("body__organisation", "body__region", "version")
        .order_by("-meeting_date", "-pk")
    )


def latest_counted_adoptions(motion: Motion, limit: int) -> list[Adoption]:
    """The motion's latest counted reports (verified, adopted), the latest verified first."""
    counted = Adoption.objects.filter(
        motion=motion, status=AdoptionStatus.VERIFIED, outcome__in=ADOPTED
    )
    # Newest verification first on every database (PostgreSQL puts NULLs first when
    # descending; a report verified before verified_at was recorded goes last).
    order = (F("verified_at").desc(nulls_last=True), F("pk").desc())
    ids = counted.order_by(*order).values("pk")[:limit]
    return list(
        Adoption.objects.filter(pk__in=ids)
        .select_related("body__organisation", "body__region")
        .order_by(*order)
    )


def ancestor_names(bodies: Iterable[Body]) -> dict[int, str]:
    """The names of every body above these bodies (read from their paths), by id: one query."""
    ids = {
        int(part)
        for body in bodies
        for part in body.path.strip("/").split("/")[:-1]
        if part.isdigit()
    }
    if not ids:
        return {}
    return dict(Body.objects.filter(pk__in=ids).order_by().values_list("pk", "name"))


def parent_chain(body: Body, names: dict[int, str]) -> list[str]:
    """The names above `body`, nearest first (from `ancestor_names`)."""
    ids = [int(part) for part in body.path.strip("/").split("/")[:-1] if part.isdigit()]
    return [names[pk] for pk in reversed(ids) if pk in names]


def adoption_filter_choices(motion: Motion) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The organisations and the regions of the bodies with a verified report of the motion,
    by name: what the table can be filtered by (one query)."""
    rows = (
        Adoption.objects.filter(motion=motion, status=AdoptionStatus.VERIFIED)
        .values_list(
            "body__organisation_id",
            "body__organisation__name",
            "body__region_id",
            "body__region__name",
        )
        .distinct()
        .order_by()
    )
    organisations: dict[int, str] = {}
    regions: dict[int, str] = {}
    for organisation, organisation_name, region, region_name in rows:
        organisations[organisation] = organisation_name
        if region is not None:
            regions[region] = f"{region_name} ({organisation_name})"
    return (
        sorted(organisations.items(), key=lambda item: item[1]),
        sorted(regions.items(), key=lambda item: item[1]),
    )


def adoptions_for_export(motion: Motion) -> QuerySet[Adoption]:
    """Every report of the motion, whatever its status, for organisers' CSV (oldest first)."""
    return (
        Adoption.objects.filter(motion=motion)
        .select_related("body__organisation", "body__region", "forwarding__to_body")
        .prefetch_related("commitments")
        .order_by("pk")
    )


def rollup_stamp(motion: Motion) -> tuple[int, int, str, int, int]:
    """What the roll-up is made of, in one query: the verified reports (how many, the last one
    added, the last verification) and their forwardings (how many before a body, how many
    heard). A change to any of these is a new stamp."""
    figures = Adoption.objects.filter(motion=motion, status=AdoptionStatus.VERIFIED).aggregate(
        n=Count("pk"),
        top=Max("pk"),
        last=Max("verified_at"),
        pending=Count("forwarding", filter=Q(forwarding__state=ForwardingState.SUBMITTED)),
        heard=Count("forwarding__result"),
    )
    last = figures["last"].isoformat() if figures["last"] else ""
    return (figures["n"], figures["top"] or 0, last, figures["pending"], figures["heard"])
