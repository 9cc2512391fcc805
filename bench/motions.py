"""The motions benchmark (issue 9), run by bench/run.py in the same run as the statement page.

    make bench BENCH_ARGS="--only page,motion_page"

Scenario
  motion_page  a motion adopted across a tree of 5 levels and 20,000 bodies (four organisations
               in two countries) with 5,000 verified reports (and 600 unverified ones that must
               not count), chains from branch to region to national conference, commitments
               with money pledged in three currencies, and amended texts. First the roll-up is
               proved exact: every figure equal to an independent computation in Python over
               the rows, on the roll-up itself and on the page and the JSON the server sends.
               Then the motion page is loaded in rounds alternating with the statement page on
               the same server; targets p50 < 100 ms and ≥ 0.5 × the statement page's rate.

The data is written with bulk_create (the reporting form and moderation are other scenarios'
business); bodies get their `path` and `region` as the services keep them.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import Item, Result, run_table  # noqa: E402
from bench.stack import Stack  # noqa: E402

SCENARIOS = ["motion_page"]
SLUG = "bench-solidarity-with-bolivia"
BODIES, VERIFIED, UNVERIFIED = 20_000, 5_000, 600
P50_TARGET_MS, RATE_TARGET = 100, 0.5
MARKERS = ("<!-- bench:motions:start -->", "<!-- bench:motions:end -->")
TITLE = "Motions (issue 9): latest results"
# Four organisations of 5,000 bodies: 1 national, 12 regions, 10 districts a region, 8
# branches a district, and workplaces under the branches for the rest.
ORGANISATIONS = [
    ("Bench Union of Transport Workers", "bench-utw", "union", "GB"),
    ("Bench Public Service Union", "bench-psu", "union", "GB"),
    ("Bench Labour Party", "bench-lp", "party", "GB"),
    ("Central Obrera de Ejemplo", "bench-coe", "confederation", "BO"),
]
AMENDMENTS = [
    "To donate £100 to the campaign.",
    "to donate £100 to the campaign",
    "To donate £1000 to the campaign.",
    "To send a delegation to Bolivia.",
    "To invite a speaker from the campaign to our next meeting.",
]


@dataclass
class Outcome:
    pair: tuple[Result, Result] | None = None
    notes: list[str] = field(default_factory=list)
    exact: bool = False


def outcome(run: Any) -> Outcome:
    if not isinstance(getattr(run, "motions", None), Outcome):
        run.motions = Outcome()
    return run.motions


# --- The data -----------------------------------------------------------------------------------


def _tree(organisation: Any, rng: random.Random, per_organisation: int) -> list[Any]:
    """One organisation's bodies, level by level, each with its path and region."""
    from ayni.motions.enums import Level
    from ayni.motions.models import Body

    def level(parents: list[Body | None], kind: int, label: str) -> list[Body]:
        rows = []
        for n, parent in enumerate(parents):
            region = parent.region if parent is not None else None
            body = Body(
                organisation=organisation,
                parent=parent,
                name=f"{parent.name if parent else organisation.name} {label} {n}",
                level=kind,
                country=organisation.country,
                region=region,
            )
            rows.append(body)
        created = Body.objects.bulk_create(rows, batch_size=2000)
        for body in created:
            body.path = f"{body.parent.path if body.parent else '/'}{body.pk}/"
            if kind == Level.REGION:
                body.region = body
        return created

    national = level([None], Level.NATIONAL, "Conference")
    regions = level(national * 12, Level.REGION, "Region")
    districts = level([r for r in regions for _ in range(10)], Level.DISTRICT, "District")
    branches = level([d for d in districts for _ in range(8)], Level.BRANCH, "Branch")
    rest = per_organisation - 1 - len(regions) - len(districts) - len(branches)
    workplaces = level([rng.choice(branches) for _ in range(rest)], Level.WORKPLACE, "Workplace")
    everything = [*national, *regions, *districts, *branches, *workplaces]
    Body.objects.bulk_update(everything, ["path", "region"], batch_size=2000)
    return everything


def prepare() -> dict[str, Any]:
    """The motion and its adoptions in the bench's database (idempotent): how long it took."""
    from django.utils import timezone

    from ayni.motions.enums import ADOPTED, AdoptionStatus, CommitmentKind, Level, Outcome
    from ayni.motions.models import (
        Adoption,
        Commitment,
        Forwarding,
        Motion,
        MotionVersion,
        Organisation,
    )

    if Motion.objects.filter(slug=SLUG).exists():
        return {}
    started = time.monotonic()
    rng = random.Random(9)
    bodies = []
    for name, code, kind, country in ORGANISATIONS:
        organisation = Organisation.objects.create(name=name, code=code, kind=kind, country=country)
        bodies += _tree(organisation, rng, BODIES // len(ORGANISATIONS))
    now = timezone.now()
    motion = Motion.objects.create(
        slug=SLUG,
        title_en="Solidarity with Bolivia (bench)",
        title_es="Solidaridad con Bolivia",
        state="published",
        published_at=now,
        suggested_commitments="affiliate,donate,forward",
    )
    version = MotionVersion.objects.create(
        motion=motion,
        number=1,
        published_at=now,
        notes_en="The elected government was overthrown.\n\nThe people resisted.",
        notes_es="El gobierno electo fue derrocado.\n\nEl pueblo resistió.",
        believes_en="Democracy must be defended.",
        believes_es="La democracia debe defenderse.",
        resolves_en="To affiliate to the campaign.\n\nTo forward this motion.",
        resolves_es="Adherirse a la campaña.\n\nElevar esta moción.",
    )
    outcomes = (
        [Outcome.PASSED] * 80
        + [Outcome.AMENDED] * 8
        + [Outcome.REJECTED, Outcome.REMITTED, Outcome.REFERRED, Outcome.WITHDRAWN] * 3
    )
    lower = [b for b in bodies if b.level >= Level.REGION]
    chosen = rng.sample(lower, VERIFIED + UNVERIFIED)
    first_day = date(2026, 1, 5)
    rows = []
    for index, body in enumerate(chosen):
        outcome_ = rng.choice(outcomes)
        verified = index < VERIFIED
        status = (
            AdoptionStatus.VERIFIED
            if verified
            else rng.choice(
                [AdoptionStatus.PENDING, AdoptionStatus.SUBMITTED, AdoptionStatus.REJECTED]
            )
        )
        rows.append(
            Adoption(
                motion=motion,
                version=version,
                body=body,
                meeting_date=first_day + timedelta(days=rng.randrange(330)),
                outcome=outcome_,
                status=status,
                votes_for=rng.randrange(5, 60),
                votes_against=rng.randrange(0, 8),
                votes_abstaining=rng.randrange(0, 4),
                amended_resolves=(
                    "To affiliate to the campaign.\n\nTo forward this motion.\n\n"
                    + rng.choice(AMENDMENTS)
                )
                if outcome_ == Outcome.AMENDED
                else "",
                reporter_name="Bench Reporter",
                reporter_email=f"r{index}@bench.example.org",
                email_normalised=f"r{index}@bench.example.org",
                language=rng.choice(["en", "es"]),
                verified_at=now - timedelta(minutes=index) if verified else None,
            )
        )
    adoptions = Adoption.objects.bulk_create(rows, batch_size=2000)
    commitments = []
    currencies = ["GBP", "GBP", "EUR", "BOB"]
    for adoption in adoptions:
        if rng.random() < 0.3:
            commitments.append(Commitment(adoption=adoption, kind=CommitmentKind.AFFILIATE))
        if rng.random() < 0.2:
            commitments.append(
                Commitment(
                    adoption=adoption,
                    kind=CommitmentKind.DONATE,
                    amount=Decimal(rng.randrange(20, 500)),
                    currency=rng.choice(currencies),
                )
            )
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    _chains(adoptions, bodies, rng, version, now)
    seconds = time.monotonic() - started
    counted = sum(
        1 for a in adoptions if a.status == AdoptionStatus.VERIFIED and a.outcome in ADOPTED
    )
    return {
        "seconds": seconds,
        "bodies": len(bodies),
        "counted_reports": counted,
        "forwardings": Forwarding.objects.filter(adoption__motion=motion).count(),
    }


def _chains(
    adoptions: list[Any], bodies: list[Any], rng: random.Random, version: Any, now: Any
) -> None:
    """Branch adoptions forwarded to their region; some regions adopt and forward on to the
    national conference, where some are heard (adopted) and the rest wait."""
    from ayni.motions.enums import ADOPTED, AdoptionStatus, ForwardingState, Level, Outcome
    from ayni.motions.models import Adoption, Forwarding

    by_id = {b.pk: b for b in bodies}
    taken = {(a.body_id, a.meeting_date) for a in adoptions}
    branch_adoptions = [
        a
        for a in adoptions
        if a.status == AdoptionStatus.VERIFIED
        and a.outcome in ADOPTED
        and by_id[a.body_id].level == Level.BRANCH
    ]

    def heard(body: Any, day: date) -> Any:
        """The motion passed at `body` (a forwarding's result there), verified."""
        return Adoption.objects.create(
            motion=version.motion,
            version=version,
            body=body,
            meeting_date=day,
            outcome=Outcome.PASSED,
            status=AdoptionStatus.VERIFIED,
            verified_at=now,
            reporter_name="Bench Reporter",
            reporter_email="chain@bench.example.org",
            email_normalised="chain@bench.example.org",
            language="en",
        )

    heard_national = set()
    for n, adoption in enumerate(rng.sample(branch_adoptions, 120)):
        branch = by_id[adoption.body_id]
        region = by_id[branch.region_id]
        national = by_id[region.parent_id]
        if n % 3:
            Forwarding.objects.create(
                adoption=adoption, to_body=region, state=ForwardingState.SUBMITTED
            )
            continue
        day = adoption.meeting_date + timedelta(days=30)
        while (region.pk, day) in taken:
            day += timedelta(days=1)
        taken.add((region.pk, day))
        at_region = heard(region, day)
        Forwarding.objects.create(
            adoption=adoption, to_body=region, state=ForwardingState.HEARD, result=at_region
        )
        if national.pk in heard_national:
            Forwarding.objects.create(adoption=at_region, to_body=national)
            continue
        heard_national.add(national.pk)
        at_national = heard(national, day + timedelta(days=60))
        Forwarding.objects.create(
            adoption=at_region, to_body=national, state=ForwardingState.HEARD, result=at_national
        )


# --- Exact ------------------------------------------------------------------------------------


def independent_figures() -> dict[str, Any]:
    """The roll-up's figures computed in plain Python over every row (no aggregation in SQL)."""
    from ayni.motions.models import Adoption, Body, Commitment, Motion

    motion = Motion.objects.get(slug=SLUG)
    body_rows = {
        pk: (organisation, level, country)
        for pk, organisation, level, country in Body.objects.values_list(
            "pk", "organisation_id", "level", "country"
        )
    }
    counted_ids, counted_bodies, months = set(), set(), defaultdict(int)
    for pk, body, status, outcome_, meeting in Adoption.objects.filter(motion=motion).values_list(
        "pk", "body_id", "status", "outcome", "meeting_date"
    ):
        if status == "verified" and outcome_ in ("passed", "amended"):
            counted_ids.add(pk)
            counted_bodies.add(body)
            months[meeting.replace(day=1)] += 1
    per_level: dict[tuple[int, int], int] = defaultdict(int)
    for body in counted_bodies:
        organisation, level, _country = body_rows[body]
        per_level[(organisation, level)] += 1
    kinds: dict[str, int] = defaultdict(int)
    pledged: dict[str, Decimal] = defaultdict(Decimal)
    for adoption, kind, amount, currency in Commitment.objects.values_list(
        "adoption_id", "kind", "amount", "currency"
    ):
        if adoption in counted_ids:
            kinds[kind] += 1
            if amount is not None:
                pledged[currency.upper()] += amount
    return {
        "bodies": len(counted_bodies),
        "organisations": len({body_rows[b][0] for b in counted_bodies}),
        "countries": len({body_rows[b][2] for b in counted_bodies if body_rows[b][2]}),
        "adoptions": len(counted_ids),
        "per_level": dict(per_level),
        "timeline": dict(months),
        "commitments": dict(kinds),
        "pledged": dict(pledged),
    }


def rollup_figures() -> dict[str, Any]:
    from ayni.motions.models import Motion
    from ayni.motions.rollup import motion_rollup

    rollup = motion_rollup(Motion.objects.get(slug=SLUG))
    return {
        "bodies": rollup.bodies,
        "organisations": rollup.organisations,
        "countries": rollup.countries,
        "adoptions": rollup.adoptions,
        "per_level": {
            (o.organisation_id, level): n
            for o in rollup.per_organisation
            for level, n in o.adopted.items()
        },
        "timeline": {m.month: m.count for m in rollup.timeline},
        "commitments": rollup.commitments,
        "pledged": rollup.pledged,
        "chains": rollup.chains_total,
    }


def check_exact(stack: Stack) -> tuple[bool, str]:
    """The roll-up, the page and the JSON against the independent computation."""
    expected, actual = independent_figures(), rollup_figures()
    chains = actual.pop("chains")
    problems = [key for key in expected if expected[key] != actual[key]]
    with urllib.request.urlopen(f"{stack.url}/en/motions/{SLUG}/adoptions.json", timeout=30) as r:
        served = json.loads(r.read())["counted"]
    for key in ("bodies", "organisations", "countries", "adoptions"):
        if served[key] != expected[key]:
            problems.append(f"JSON {key}")
    with urllib.request.urlopen(f"{stack.url}/en/motions/{SLUG}/", timeout=30) as r:
        page = r.read().decode()
    lead = re.search(r'class="rollup-lead">([^<]*)<', page)
    wanted = f"Adopted by {expected['bodies']:,} bodies".replace(",", "")
    if not lead or not lead.group(1).replace(",", "").startswith(wanted):
        problems.append("page lead")
    pledged = ", ".join(f"{c} {v}" for c, v in sorted(expected["pledged"].items()))
    summary = (
        f"{expected['adoptions']:,} counted reports by {expected['bodies']:,} bodies in "
        f"{expected['organisations']} organisations and {expected['countries']} countries, "
        f"{len(expected['per_level'])} (organisation, level) counts, {len(expected['timeline'])} "
        f"months, {sum(expected['commitments'].values()):,} commitments, pledged {pledged}; "
        f"{chains} chains to national level"
    )
    if problems:
        return False, f"NOT EXACT ({', '.join(problems)}): {summary}"
    return (
        True,
        f"exact: the roll-up, the page's lead and the JSON equal a plain-Python count — {summary}",
    )


# --- The page -------------------------------------------------------------------------------


def motion_page_item(stack: Stack) -> Item:
    return Item(
        f"Motion page ({BODIES:,} bodies, {VERIFIED:,} verified reports)",
        stack,
        f"/en/motions/{SLUG}/",
        target=f"p50 < {P50_TARGET_MS} ms; ≥ {RATE_TARGET} × statement page",
    )


def scenario_motion_page(run: Any, statement_page: Item) -> None:
    from django.db import connections

    result_of = outcome(run)
    exact, note = check_exact(run.small)
    connections.close_all()
    result_of.exact = exact
    result_of.notes.append(note + ".")
    print("  " + note, flush=True)
    yardstick, result = run.measure(
        [statement_page, motion_page_item(run.small)], rounds=run.args.rounds
    )
    ratio = result.rps / yardstick.rps if yardstick.rps else 0.0
    result.ok = (
        exact and ratio >= RATE_TARGET and result.p50_ms < P50_TARGET_MS and not result.errors
    )
    result.note = f"{ratio:.2f} × {yardstick.name} ({yardstick.rps:,.0f}/s)"
    result_of.pair = (yardstick, result)
    print(f"    {result.name}: {result.note}, p50 {result.p50_ms:.1f} ms", flush=True)


def _met(ok: bool | None) -> str:
    return {True: "yes", False: "**no**", None: ""}[ok]


def markdown(run: Any, facts: dict[str, str]) -> str:
    """The motions section of docs/performance.md."""
    argv = " ".join(sys.argv[1:])
    lines = [
        f"Run on {facts['Date']}: `make bench{' BENCH_ARGS=' + repr(argv) if argv else ''}`.",
        "",
        *[f"- **{key}:** {value}" for key, value in facts.items() if key != "Date"],
        "",
    ]
    result_of = run.motions
    if result_of.pair:
        yardstick, result = result_of.pair
        ratio = result.rps / yardstick.rps if yardstick.rps else 0.0
        cpu = yardstick.cpu_ms / result.cpu_ms if result.cpu_ms else 0.0
        lines += [
            "| Motions scenario | Target | Result | Met |",
            "|---|---|---|---|",
            f"| Roll-up exact | every figure equal to a plain-Python count | "
            f"{'equal' if result_of.exact else 'NOT EQUAL'} | {_met(result_of.exact)} |",
            f"| Motion page | p50 < {P50_TARGET_MS} ms, ≥ {RATE_TARGET} × the statement page | "
            f"p50 {result.p50_ms:.1f} ms (p99 {result.p99_ms:.0f} ms); {result.rps:,.0f}/s against "
            f"{yardstick.rps:,.0f}/s: **{ratio:.2f} ×**; by server CPU a request "
            f"{result.cpu_ms:.2f} against {yardstick.cpu_ms:.2f} ms: {cpu:.2f} × | {_met(result.ok)} |",
            "",
            *run_table([yardstick, result]),
        ]
    lines += ["", *[f"- {note}" for note in result_of.notes]]
    return "\n".join(lines) + "\n"
