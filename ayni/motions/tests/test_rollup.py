"""The roll-up: what counts, per organisation and level, the chains to national level, the
timeline, the commitments, and a fixed number of queries whatever the number of reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from ayni.motions.enums import AdoptionStatus, CommitmentKind, ForwardingState, Level, Outcome
from ayni.motions.rollup import (
    Chain,
    ChainStep,
    CountryCount,
    MonthCount,
    NationalBody,
    RegionCount,
    motion_rollup,
)
from ayni.motions.tests.factories import (
    MotionFactory,
    OrganisationFactory,
    commit,
    forward,
    publish_version,
    report,
    tree_body,
)

pytestmark = pytest.mark.django_db

ROLLUP_QUERIES = 8


@pytest.fixture
def motion():
    motion = MotionFactory()
    publish_version(motion)
    return motion


def union_tree(name="Example Union", country="GB", branches=3):
    organisation = OrganisationFactory(name=name, short_name=name, country=country)
    national = tree_body(f"{name} Conference", Level.NATIONAL, organisation=organisation)
    region = tree_body(f"{name} North", Level.REGION, parent=national)
    district = tree_body(f"{name} Leeds District", Level.DISTRICT, parent=region)
    branch_list = [
        tree_body(f"{name} Branch {n}", Level.BRANCH, parent=district) for n in range(branches)
    ]
    return national, region, branch_list


def test_only_verified_adopting_reports_count_and_a_body_counts_once(motion):
    national, region, branches = union_tree()
    report(motion, branches[0])
    report(motion, branches[0], meeting_date=date(2027, 3, 1))  # a second meeting: once
    report(motion, branches[1], outcome=Outcome.AMENDED)
    report(motion, branches[2], outcome=Outcome.REJECTED)  # verified, not adopted
    report(motion, region, status=AdoptionStatus.SUBMITTED)  # not verified
    report(motion, national, status=AdoptionStatus.PENDING)
    other = MotionFactory()
    publish_version(other)
    report(other, region)  # another motion's

    rollup = motion_rollup(motion)

    assert (rollup.bodies, rollup.organisations, rollup.countries, rollup.adoptions) == (2, 1, 1, 3)
    assert rollup.timeline == [MonthCount(date(2027, 1, 1), 2), MonthCount(date(2027, 3, 1), 1)]
    assert rollup.by_country == [CountryCount("GB", 2)]
    with translation.override("en"):
        assert rollup.lead() == "Adopted by 2 bodies in 1 organisation and 1 country"
    with translation.override("es"):
        assert rollup.lead() == "Aprobada por 2 órganos en 1 organización y 1 país"


def test_by_region_counts_bodies_under_each_region_and_those_above_any(motion):
    national, region, branches = union_tree(branches=3)
    south = tree_body("Example Union South", Level.REGION, parent=national)
    for branch in branches:
        report(motion, branch)
    report(motion, branches[0], meeting_date=date(2027, 3, 1))  # a second meeting: once
    report(motion, region)  # the region itself counts under it
    report(motion, south)
    report(motion, tree_body("South Branch", Level.BRANCH, parent=south), outcome="rejected")
    report(motion, national)
    party_national, _region, _branches = union_tree("Example Party", "ES", 0)
    report(motion, party_national)

    rollup = motion_rollup(motion)

    assert rollup.by_region == [
        RegionCount(region.pk, "Example Union North", "Example Union", 4),
        RegionCount(south.pk, "Example Union South", "Example Union", 1),
        RegionCount(None, "", "Example Party", 1),
        RegionCount(None, "", "Example Union", 1),
    ]
    with translation.override("en"):
        labels = [r.label for r in rollup.by_region]
    assert labels == [
        "Example Union North",  # the region's name says whose it is
        "Example Union South",
        "Example Party, national level",
        "Example Union, national level",
    ]
    with translation.override("es"):
        assert rollup.by_region[2].label == "Example Party, ámbito nacional"


def test_per_organisation_counts_per_level_and_what_is_only_submitted(motion):
    national, region, branches = union_tree(branches=3)
    for branch in branches:
        report(motion, branch)
    region_adoption = report(motion, region)
    forward(region_adoption, national)  # before the national conference, not yet heard
    party_national, party_region, party_branches = union_tree("Example Party", "ES", 1)
    party_branch_adoption = report(motion, party_branches[0])
    forward(party_branch_adoption, party_region.children.get())  # the district: submitted
    report(motion, party_national)

    rollup = motion_rollup(motion)

    union, party = rollup.per_organisation
    assert (union.name, union.adopted, union.submitted) == (
        "Example Union",
        {Level.BRANCH: 3, Level.REGION: 1},
        {Level.NATIONAL: 1},
    )
    assert union.national == [NationalBody("Example Union Conference", False)]
    with translation.override("en"):
        assert union.parts() == [
            "3 branches",
            "1 region",
            "Example Union Conference — submitted",
        ]
        assert party.parts() == [
            "1 branch",
            "1 district — submitted",
            "Example Party Conference — adopted",
        ]
    with translation.override("es"):
        assert union.parts()[0] == "3 secciones"
    assert (rollup.bodies, rollup.organisations, rollup.countries) == (6, 2, 2)


def test_the_chains_that_reached_national_level(motion):
    national, region, branches = union_tree()
    branch = report(motion, branches[0], meeting_date=date(2027, 1, 10))
    later = report(motion, branches[1], meeting_date=date(2027, 1, 20))
    at_region = report(motion, region, meeting_date=date(2027, 2, 10), outcome=Outcome.AMENDED)
    # The region's decision answers both branches' forwardings.
    forward(branch, region, state=ForwardingState.HEARD, result=at_region)
    forward(later, region, state=ForwardingState.HEARD, result=at_region)
    at_national = report(motion, national, meeting_date=date(2027, 5, 1))
    forward(at_region, national, state=ForwardingState.HEARD, result=at_national)
    # A second chain, still before the conference.
    third = report(motion, branches[2], meeting_date=date(2027, 1, 30))
    forward(third, national)

    rollup = motion_rollup(motion)

    assert rollup.chains_total == 2
    assert rollup.chains == [
        Chain(
            "Example Union",
            (
                ChainStep(
                    "Example Union Branch 0", Level.BRANCH, "passed", "", date(2027, 1, 10), also=1
                ),
                ChainStep("Example Union North", Level.REGION, "amended", "", date(2027, 2, 10)),
                ChainStep(
                    "Example Union Conference", Level.NATIONAL, "passed", "", date(2027, 5, 1)
                ),
            ),
        ),
        Chain(
            "Example Union",
            (
                ChainStep("Example Union Branch 2", Level.BRANCH, "passed", "", date(2027, 1, 30)),
                ChainStep("Example Union Conference", Level.NATIONAL, "", "submitted", None),
            ),
        ),
    ]


def test_commitments_are_counted_and_money_summed_per_currency(motion):
    _national, region, branches = union_tree(branches=3)
    first, second, third = (report(motion, b) for b in branches)
    rejected = report(motion, region, outcome=Outcome.REJECTED)
    commit(first, CommitmentKind.AFFILIATE)
    commit(first, CommitmentKind.DONATE, "1500", "GBP")
    commit(second, CommitmentKind.AFFILIATE)
    commit(second, CommitmentKind.DONATE, "900.50", "gbp")
    commit(third, CommitmentKind.DONATE, "200", "EUR")
    commit(rejected, CommitmentKind.DONATE, "5000", "GBP")  # not counted

    rollup = motion_rollup(motion)

    assert rollup.commitments == {CommitmentKind.AFFILIATE: 2, CommitmentKind.DONATE: 3}
    assert rollup.pledged == {"GBP": Decimal("2400.50"), "EUR": Decimal("200")}
    with translation.override("en"):
        assert rollup.commitment_parts() == [
            "2 affiliations",
            "3 donations",
            "€200 pledged",
            "£2,400.50 pledged",
        ]


def test_no_report_is_an_empty_rollup(motion, django_assert_num_queries):
    with django_assert_num_queries(ROLLUP_QUERIES):
        rollup = motion_rollup(motion)
    assert (rollup.bodies, rollup.per_organisation, rollup.chains, rollup.timeline) == (
        0,
        [],
        [],
        [],
    )


@pytest.mark.parametrize("branches", [1, 6])
def test_the_rollup_takes_the_same_queries_whatever_the_reports(
    motion, branches, django_assert_num_queries
):
    national, region, bodies = union_tree(branches=branches)
    for index, body in enumerate(bodies):
        adoption = report(motion, body)
        commit(adoption, CommitmentKind.DONATE, "10", "GBP")
        forward(adoption, region if index % 2 else national)
    report(motion, region, outcome=Outcome.AMENDED)

    with django_assert_num_queries(ROLLUP_QUERIES):
        rollup = motion_rollup(motion)

    assert rollup.bodies == branches + 1
