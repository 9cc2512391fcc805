"""Reads of motions, bodies and adoption reports, with what their pages need alongside."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet

from ayni.motions.enums import (
    ADOPTED,
    AdoptionStatus,
    BodyStatus,
    EmailKind,
    ForwardingState,
    MotionState,
)
from ayni.motions.models import Adoption, AdoptionEmail, Body, Motion, MotionVersion, Organisation
from ayni.supporters.models import Supporter
from ayni.supporters.retention import link_sent_since

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


# --- Reporting an adoption (mo-report) ------------------------------------------------------


def reportable_motion(slug: str) -> Motion | None:
    """A motion that takes reports: published (an archived one is history)."""
    return Motion.objects.filter(slug=slug, state=MotionState.PUBLISHED).first()


def listed_body(body_id: int) -> Body | None:
    return (
        Body.objects.select_related("organisation")
        .filter(pk=body_id, status=BodyStatus.LISTED)
        .first()
    )


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")


def adoption_for_link(adoption_id: int) -> Adoption | None:
    """The report a reporter's link names, unless its reporter's data was erased."""
    return (
        Adoption.objects.select_related("motion", "body__organisation", "version")
        .prefetch_related("commitments")
        .filter(pk=adoption_id)
        .exclude(email_normalised="")
        .first()
    )


def confirm_email_for_link(email_id: int) -> AdoptionEmail | None:
    """The confirmation email a confirm link names, with its report."""
    return (
        AdoptionEmail.objects.select_related(
            "adoption__motion", "adoption__body__organisation", "adoption__version"
        )
        .prefetch_related("adoption__commitments")
        .filter(pk=email_id, kind=EmailKind.CONFIRM)
        .first()
    )


def supporter_adoptions(supporter_id: int) -> QuerySet[Adoption]:
    """Every report of the supporter: those confirmed as theirs, and those made with their
    address and never confirmed."""
    email = Supporter.objects.filter(pk=supporter_id).values_list("email_normalised", flat=True)
    return (
        Adoption.objects.filter(Q(supporter_id=supporter_id) | Q(email_normalised__in=email))
        .exclude(email_normalised="")
        .select_related("motion", "body__organisation")
        .prefetch_related("commitments")
        .order_by("created_at")
    )


def unconfirmed_reports(before: datetime) -> QuerySet[Adoption]:
    """Reports whose address was never confirmed and whose last confirmation email went out
    before `before`: the supporters' retention job erases them. Never verified, so in no
    roll-up."""
    recent = AdoptionEmail.objects.filter(adoption=OuterRef("pk")).filter(link_sent_since(before))
    return Adoption.objects.filter(status=AdoptionStatus.PENDING, created_at__lt=before).exclude(
        Exists(recent)
    )


def adoption_with_evidence(adoption_id: int) -> Adoption | None:
    """The report, if it has an uploaded evidence file (the back office's download)."""
    return Adoption.objects.filter(pk=adoption_id).exclude(evidence_file="").first()


# --- Moderating reports (mo-moderation) -----------------------------------------------------


def moderation_queue() -> QuerySet[Adoption]:
    """The reports waiting for a moderator (their address confirmed), oldest first."""
    return (
        Adoption.objects.filter(status=AdoptionStatus.SUBMITTED)
        .select_related("motion", "body__organisation")
        .order_by("confirmed_at", "created_at", "pk")
    )


def adoption_for_moderation(adoption_id: int) -> Adoption | None:
    """One report with all its moderation page shows."""
    return (
        Adoption.objects.select_related(
            "motion", "version", "body__organisation", "body__parent", "merged_into", "verified_by"
        )
        .prefetch_related("commitments")
        .filter(pk=adoption_id)
        .first()
    )


def same_body_reports(adoption: Adoption) -> QuerySet[Adoption]:
    """The other reports of the motion by the report's body, not merged away: a duplicate may
    be among them (the same meeting, or a date mistyped)."""
    return (
        Adoption.objects.filter(motion_id=adoption.motion_id, body_id=adoption.body_id)
        .exclude(pk=adoption.pk)
        .exclude(status__in=[AdoptionStatus.MERGED, AdoptionStatus.PENDING])
        .order_by("meeting_date", "pk")
    )


def merge_targets(adoption: Adoption) -> QuerySet[Adoption]:
    """The reports `adoption` may be merged into: same motion and body, waiting or verified."""
    return same_body_reports(adoption).filter(
        status__in=[AdoptionStatus.SUBMITTED, AdoptionStatus.VERIFIED]
    )


# --- Finding a body (mo-bodies) ----------------------------------------------------------------

# Letters a Spanish (or French, Portuguese…) name may carry an accent on: a search for "leon"
# finds "León", and one for "León" finds "Leon". Both cases are listed because PostgreSQL's
# case-insensitive match leaves non-ASCII letters to the database's locale.
ACCENTED = {
    "a": "aáàâäãå",
    "e": "eéèêë",
    "i": "iíìîï",
    "o": "oóòôöõ",
    "u": "uúùûü",
    "n": "nñ",
    "c": "cç",
    "y": "yýÿ",
}
SEARCH_LIMIT = 20
SEARCH_MAX_WORDS = 6


@dataclass(frozen=True)
class FoundBody:
    """A body found by the public search, with what tells it apart from its namesakes."""

    id: int
    name: str
    level: int
    level_label: str
    organisation: str
    # The names of the bodies above it, nearest first, then its organisation's.
    above: tuple[str, ...]

    @property
    def label(self) -> str:
        """ "Leeds Branch — Yorkshire Region — Example Union"."""
        return " — ".join((self.name, *self.above))


def fold(text: str) -> str:
    """Lower case without accents: "León" → "leon"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def accent_pattern(word: str) -> str:
    """A regular expression (understood alike by SQLite's Python one and PostgreSQL's) that
    matches `word` inside a name whatever its accents and case."""
    parts = []
    for char in fold(word):
        if char in ACCENTED:
            letters = ACCENTED[char]
            parts.append(f"[{letters}{letters.upper()}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def search_bodies(
    *, query: str, organisation: int | None = None, level: int | None = None
) -> list[FoundBody]:
    """The listed bodies (never a proposed or refused one) whose name, or organisation's name,
    holds every word of `query` (accents and case aside), or whose external code is `query`;
    within `organisation` and at `level` when given; ordered by organisation, level and name;
    at most SEARCH_LIMIT. Two queries however many are found. A control character separates
    words like a space (PostgreSQL refuses a NUL in a query; no name holds one)."""
    query = "".join(" " if unicodedata.category(char) == "Cc" else char for char in query)
    words = fold(query).split()[:SEARCH_MAX_WORDS]
    if not words:
        return []
    match = Q()
    for word in words:
        pattern = accent_pattern(word)
        match &= (
            Q(name__iregex=pattern)
            | Q(organisation__name__iregex=pattern)
            | Q(organisation__short_name__iregex=pattern)
        )
    bodies = Body.objects.filter(match | Q(code__iexact=query.strip()), status=BodyStatus.LISTED)
    if organisation is not None:
        bodies = bodies.filter(organisation_id=organisation)
    if level is not None:
        bodies = bodies.filter(level=level)
    found = list(
        bodies.select_related("organisation").order_by("organisation__name", "level", "name", "pk")[
            :SEARCH_LIMIT
        ]
    )
    above_ids = {int(pk) for body in found for pk in body.path.strip("/").split("/")[:-1] if pk}
    names = (
        dict(Body.objects.filter(pk__in=above_ids).values_list("pk", "name")) if above_ids else {}
    )
    results = []
    for body in found:
        chain = [names[int(pk)] for pk in reversed(body.path.strip("/").split("/")[:-1]) if pk]
        chain = [name for name in chain if name]
        organisation_name = str(body.organisation.name)
        if not chain or chain[-1] != organisation_name:
            chain.append(organisation_name)
        results.append(
            FoundBody(
                id=body.pk,
                name=body.name,
                level=body.level,
                level_label=str(body.get_level_display()),
                organisation=organisation_name,
                above=tuple(chain),
            )
        )
    return results


def search_organisations() -> QuerySet[Organisation]:
    """The organisations with a listed body, for narrowing a search."""
    return Organisation.objects.filter(bodies__status=BodyStatus.LISTED).distinct()


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
