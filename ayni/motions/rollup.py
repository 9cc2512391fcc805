"""What a motion's adoptions add up to: the figures on its page.

Only verified reports whose outcome adopted the motion (enums.ADOPTED) count; a body that
adopted it at two meetings counts once. Everything is aggregated by the database in a fixed
number of queries (eight, whatever the number of bodies or reports: tests/test_rollup.py), and
the result is plain data (ids, names, numbers, dates) so a copy can be kept in the cache and
turned into words in the reader's language when the page is drawn.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django_countries import countries

from ayni.motions.enums import ADOPTED, AdoptionStatus, CommitmentKind, ForwardingState, Level
from ayni.motions.models import Adoption, Commitment, Forwarding, Motion

# How many chains to national level the page lists (the rest are counted).
CHAINS_SHOWN = 20


def counted(motion: Motion) -> QuerySet[Adoption]:
    """The reports that count: verified, and the body adopted the motion."""
    return Adoption.objects.filter(
        motion=motion, status=AdoptionStatus.VERIFIED, outcome__in=ADOPTED
    )


def level_phrase(level: int, count: int) -> str:
    """ "42 branches", "3 regions": a count of bodies at one level."""
    if level == Level.NATIONAL:
        return ngettext("%(count)s national body", "%(count)s national bodies", count) % {
            "count": count
        }
    if level == Level.REGION:
        return ngettext("%(count)s region", "%(count)s regions", count) % {"count": count}
    if level == Level.DISTRICT:
        return ngettext("%(count)s district", "%(count)s districts", count) % {"count": count}
    if level == Level.BRANCH:
        return ngettext("%(count)s branch", "%(count)s branches", count) % {"count": count}
    return ngettext("%(count)s workplace", "%(count)s workplaces", count) % {"count": count}


def commitment_phrase(kind: str, count: int) -> str:
    """ "18 affiliations": how many bodies made one kind of commitment."""
    values = {"count": count}
    if kind == CommitmentKind.AFFILIATE:
        return ngettext("%(count)s affiliation", "%(count)s affiliations", count) % values
    if kind == CommitmentKind.DONATE:
        return ngettext("%(count)s donation", "%(count)s donations", count) % values
    if kind == CommitmentKind.INVITE_SPEAKER:
        return ngettext("%(count)s speaker invited", "%(count)s speakers invited", count) % values
    if kind == CommitmentKind.SEND_DELEGATES:
        return ngettext("%(count)s delegation", "%(count)s delegations", count) % values
    if kind == CommitmentKind.FORWARD:
        return (
            ngettext(
                "%(count)s forwarded to the next level",
                "%(count)s forwarded to the next level",
                count,
            )
            % values
        )
    return (
        ngettext(
            "%(count)s letter to an elected representative",
            "%(count)s letters to elected representatives",
            count,
        )
        % values
    )


CURRENCY_SIGNS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money(amount: Decimal, currency: str) -> str:
    """ "£2,400" or "BOB 1,500.50", grouped the reader's way."""
    places = 0 if amount == amount.to_integral_value() else 2
    number = formats.number_format(amount, places, use_l10n=True, force_grouping=True)
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{number}" if sign else f"{currency} {number}".strip()


@dataclass(frozen=True)
class NationalBody:
    name: str
    adopted: bool  # else the motion is before it (forwarded, not yet heard)


@dataclass(frozen=True)
class OrganisationRollup:
    organisation_id: int
    name: str
    # Level → bodies that adopted; level → bodies the motion is before and that have not.
    adopted: dict[int, int]
    submitted: dict[int, int]
    national: list[NationalBody]

    @property
    def bodies(self) -> int:
        return sum(self.adopted.values())

    def parts(self) -> list[str]:
        """ "42 branches", "3 regions (1 more submitted)", "Annual Conference — submitted",
        from the lowest level up."""
        parts = []
        for level in sorted(set(self.adopted) | set(self.submitted), reverse=True):
            if level == Level.NATIONAL:
                continue
            adopted, submitted = self.adopted.get(level, 0), self.submitted.get(level, 0)
            if adopted:
                part = level_phrase(level, adopted)
                if submitted:
                    part = _("%(bodies)s (%(count)s more submitted)") % {
                        "bodies": part,
                        "count": submitted,
                    }
            else:
                part = pgettext("motion at bodies", "%(bodies)s — submitted") % {
                    "bodies": level_phrase(level, submitted)
                }
            parts.append(part)
        for body in self.national:
            state = (
                pgettext("motion at a body", "adopted")
                if body.adopted
                else pgettext("motion at a body", "submitted")
            )
            parts.append(_("%(body)s — %(state)s") % {"body": body.name, "state": state})
        return parts


@dataclass(frozen=True)
class ChainStep:
    body: str
    level: int
    outcome: str  # an Outcome value, or "" when the motion is only before the body
    state: str  # the forwarding's state for the last step ("" for an adoption)
    meeting_date: date | None
    # Other bodies at this step whose forwardings the next step's adoption answered too (one
    # region's decision may answer many branches): the earliest is named, the rest counted.
    also: int = 0


@dataclass(frozen=True)
class Chain:
    organisation: str
    steps: tuple[ChainStep, ...]


@dataclass(frozen=True)
class MonthCount:
    month: date
    count: int


@dataclass(frozen=True)
class CountryCount:
    code: str
    count: int

    @property
    def name(self) -> str:
        return str(countries.name(self.code)) if self.code else _("Country not given")


@dataclass(frozen=True)
class RegionCount:
    region_id: int | None  # None: bodies above any region (a national conference)
    name: str
    organisation: str
    count: int

    @property
    def label(self) -> str:
        """ "North West (Unite)" — just "Unite North West Region" where the region's name says
        whose it is — or the organisation's bodies above its regions."""
        if self.region_id is None:
            return _("%(organisation)s, national level") % {"organisation": self.organisation}
        if re.search(rf"\b{re.escape(self.organisation)}\b", self.name, re.IGNORECASE):
            return self.name
        return _("%(region)s (%(organisation)s)") % {
            "region": self.name,
            "organisation": self.organisation,
        }


@dataclass(frozen=True)
class Rollup:
    bodies: int
    organisations: int
    countries: int
    adoptions: int = 0  # counted reports (a body's second meeting too)
    per_organisation: list[OrganisationRollup] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    chains_total: int = 0
    timeline: list[MonthCount] = field(default_factory=list)
    by_country: list[CountryCount] = field(default_factory=list)
    by_region: list[RegionCount] = field(default_factory=list)
    commitments: dict[str, int] = field(default_factory=dict)
    pledged: dict[str, Decimal] = field(default_factory=dict)

    def lead(self) -> str:
        """ "Adopted by 42 bodies in 3 organisations and 2 countries"."""
        return _("Adopted by %(bodies)s in %(organisations)s and %(countries)s") % {
            "bodies": ngettext("%(count)s body", "%(count)s bodies", self.bodies)
            % {"count": self.bodies},
            "organisations": ngettext(
                "%(count)s organisation", "%(count)s organisations", self.organisations
            )
            % {"count": self.organisations},
            "countries": ngettext("%(count)s country", "%(count)s countries", self.countries)
            % {"count": self.countries},
        }

    def commitment_parts(self) -> list[str]:
        """ "18 affiliations", "£2,400 pledged": in the order the motion suggests them."""
        parts = [
            commitment_phrase(kind, self.commitments[kind])
            for kind in CommitmentKind.values
            if self.commitments.get(kind)
        ]
        parts += [
            _("%(amount)s pledged") % {"amount": money(amount, currency)}
            for currency, amount in sorted(self.pledged.items())
        ]
        return parts


def motion_rollup(motion: Motion) -> Rollup:
    """The motion's roll-up, in eight queries whatever the number of reports."""
    adopted = counted(motion)
    organisations = _per_organisation(motion, adopted)
    timeline = [
        MonthCount(row["month"], row["n"])
        for row in adopted.annotate(month=TruncMonth("meeting_date"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    ]
    by_country = [
        CountryCount(row["body__country"], row["n"])
        for row in adopted.values("body__country")
        .annotate(n=Count("body", distinct=True))
        .order_by("-n", "body__country")
    ]
    # Sorted here: where the national levels (no region) go would differ between databases.
    by_region = sorted(
        (
            RegionCount(
                row["body__region_id"],
                row["body__region__name"] or "",
                row["body__organisation__short_name"] or row["body__organisation__name"],
                row["n"],
            )
            for row in adopted.values(
                "body__region_id",
                "body__region__name",
                "body__organisation__short_name",
                "body__organisation__name",
            )
            .annotate(n=Count("body", distinct=True))
            .order_by()
        ),
        key=lambda r: (-r.count, r.region_id is None, r.name, r.organisation),
    )
    chains = _chains(motion)
    commitments, pledged = _commitments(adopted)
    return Rollup(
        bodies=sum(o.bodies for o in organisations),
        organisations=sum(1 for o in organisations if o.bodies),
        countries=sum(1 for c in by_country if c.code),
        adoptions=sum(m.count for m in timeline),
        per_organisation=organisations,
        chains=chains[:CHAINS_SHOWN],
        chains_total=len(chains),
        timeline=timeline,
        by_country=by_country,
        by_region=by_region,
        commitments=commitments,
        pledged=pledged,
    )


def _per_organisation(motion: Motion, adopted: QuerySet[Adoption]) -> list[OrganisationRollup]:
    """Bodies that adopted, per organisation and level, and those the motion is before: three
    queries."""
    names: dict[int, str] = {}
    adopted_by: dict[int, dict[int, int]] = defaultdict(dict)
    rows = adopted.values(
        "body__organisation_id",
        "body__organisation__name",
        "body__organisation__short_name",
        "body__level",
    ).annotate(n=Count("body", distinct=True))
    for row in rows:
        organisation = row["body__organisation_id"]
        names[organisation] = (
            row["body__organisation__short_name"] or row["body__organisation__name"]
        )
        adopted_by[organisation][row["body__level"]] = row["n"]
    national: dict[int, list[NationalBody]] = defaultdict(list)
    national_rows: Any = (
        adopted.filter(body__level=Level.NATIONAL)
        .values("body__organisation_id", "body__name")
        .distinct()
        .order_by("body__name")
    )
    for row in national_rows:
        national[row["body__organisation_id"]].append(NationalBody(row["body__name"], True))
    submitted_by: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in _pending(motion):
        organisation, level = row["to_body__organisation_id"], row["to_body__level"]
        names.setdefault(
            organisation,
            row["to_body__organisation__short_name"] or row["to_body__organisation__name"],
        )
        submitted_by[organisation][level] += 1
        if level == Level.NATIONAL:
            national[organisation].append(NationalBody(row["to_body__name"], False))
    result = [
        OrganisationRollup(
            organisation_id=organisation,
            name=name,
            adopted=adopted_by.get(organisation, {}),
            submitted=dict(submitted_by.get(organisation, {})),
            national=national.get(organisation, []),
        )
        for organisation, name in names.items()
    ]
    return sorted(result, key=lambda o: (-o.bodies, o.name))


def _pending(motion: Motion) -> QuerySet[Forwarding, Any]:
    """The bodies the motion is before: forwarded by a verified report, not yet heard, and not
    (yet) adopted there — one row per body."""
    adopted_there = counted(motion).filter(body=OuterRef("to_body"))
    return (
        Forwarding.objects.filter(
            adoption__motion=motion,
            adoption__status=AdoptionStatus.VERIFIED,
            state=ForwardingState.SUBMITTED,
            result__isnull=True,
        )
        .exclude(Exists(adopted_there))
        .values(
            "to_body_id",
            "to_body__name",
            "to_body__level",
            "to_body__organisation_id",
            "to_body__organisation__name",
            "to_body__organisation__short_name",
        )
        .distinct()
        .order_by("to_body__name")
    )


def _chains(motion: Motion) -> list[Chain]:
    """The paths that reached national level: branch adoption → forwarding → region adoption →
    forwarding → national adoption (or the motion submitted there), one query for every
    forwarding of the motion, the chains followed in memory."""
    rows: list[Any] = list(
        Forwarding.objects.filter(
            adoption__motion=motion, adoption__status=AdoptionStatus.VERIFIED
        ).values(
            "adoption_id",
            "adoption__body__name",
            "adoption__body__level",
            "adoption__outcome",
            "adoption__meeting_date",
            "to_body__name",
            "to_body__level",
            "to_body__organisation__name",
            "to_body__organisation__short_name",
            "state",
            "result_id",
            "result__status",
            "result__outcome",
            "result__meeting_date",
            "result__body__name",
            "result__body__level",
        )
    )
    # The forwardings a verified adoption answered, by its id, the earliest meeting first: the
    # step before it (one region's decision may answer many branches' forwardings).
    arrived: dict[int, list[Any]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r["adoption__meeting_date"], r["adoption_id"])):
        if row["result__status"] == AdoptionStatus.VERIFIED:
            arrived[row["result_id"]].append(row)
    chains = []
    for row in rows:
        if row["to_body__level"] != Level.NATIONAL:
            continue
        if row["result__status"] == AdoptionStatus.VERIFIED:
            last = ChainStep(
                row["result__body__name"],
                row["result__body__level"],
                row["result__outcome"],
                "",
                row["result__meeting_date"],
            )
        else:
            last = ChainStep(row["to_body__name"], row["to_body__level"], "", row["state"], None)
        steps = [last]
        current: Any = row
        also = 0
        seen = set()
        while current is not None and current["adoption_id"] not in seen:
            seen.add(current["adoption_id"])
            steps.append(
                ChainStep(
                    current["adoption__body__name"],
                    current["adoption__body__level"],
                    current["adoption__outcome"],
                    "",
                    current["adoption__meeting_date"],
                    also,
                )
            )
            incoming = arrived.get(current["adoption_id"], [])
            current, also = (incoming[0], len(incoming) - 1) if incoming else (None, 0)
        organisation = (
            row["to_body__organisation__short_name"] or row["to_body__organisation__name"]
        )
        chains.append(Chain(organisation, tuple(reversed(steps))))
    return sorted(chains, key=lambda c: (c.organisation, [s.body for s in c.steps]))


def _commitments(adopted: QuerySet[Adoption]) -> tuple[dict[str, int], dict[str, Decimal]]:
    """Commitments per kind, and money pledged per currency: one query."""
    kinds: dict[str, int] = defaultdict(int)
    pledged: dict[str, Decimal] = defaultdict(Decimal)
    rows = (
        Commitment.objects.filter(adoption__in=adopted)
        .values("kind", "currency")
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        kinds[row["kind"]] += row["n"]
        if row["total"] is not None:
            pledged[row["currency"].upper()] += row["total"]
    return dict(kinds), {currency: total for currency, total in pledged.items() if total}
