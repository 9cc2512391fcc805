"""Forwarding: a verified report that resolves to send the motion on is submitted to its body's
parent; the parent's verified report answers it, so branch → region → national links itself in
whatever order the reports are verified; unheard submissions lapse after their deadline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from ayni.motions.enums import AdoptionStatus, CommitmentKind, ForwardingState, Level, Outcome
from ayni.motions.models import Adoption, Body, Commitment, Forwarding, Motion
from ayni.motions.services.forwarding import lapse_overdue, update_forwarding
from ayni.motions.services.moderation import verify_adoption
from ayni.motions.tasks import periodic_lapse_forwardings
from ayni.motions.tests.factories import MotionFactory, publish_version, report, tree_body

pytestmark = pytest.mark.django_db

BRANCH_MEETING = date(2027, 1, 12)
REGION_MEETING = date(2027, 3, 4)
NATIONAL_MEETING = date(2027, 6, 20)


def _chain_bodies() -> tuple[Body, Body, Body, Body]:
    national = tree_body("Example Union Conference", Level.NATIONAL)
    region = tree_body("North West", Level.REGION, parent=national)
    branch = tree_body("Leeds Central", Level.BRANCH, parent=region)
    other_branch = tree_body("Hull East", Level.BRANCH, parent=region)
    return national, region, branch, other_branch


def _motion(suggested: str = "affiliate,donate") -> Motion:
    motion = MotionFactory(slug="bolivia", suggested_commitments=suggested)
    publish_version(motion)
    return motion


def _submitted(
    motion: Motion,
    body: Body,
    meeting_date: date,
    *,
    forward: bool = True,
    outcome: str = Outcome.PASSED,
) -> Adoption:
    adoption = report(
        motion,
        body,
        status=AdoptionStatus.SUBMITTED,
        meeting_date=meeting_date,
        outcome=outcome,
        email_normalised=f"{body.pk}-{meeting_date}@example.org",
    )
    if forward:
        Commitment.objects.create(adoption=adoption, kind=CommitmentKind.FORWARD)
    return adoption


def _verified(*args: object, **kwargs: object) -> Adoption:
    adoption = _submitted(*args, **kwargs)  # type: ignore[arg-type]
    verify_adoption(adoption=adoption, by=None)
    return adoption


def test_a_chain_from_branch_to_national_conference_links_itself():
    national, region, branch, _other = _chain_bodies()
    motion = _motion()

    at_branch = _verified(motion, branch, BRANCH_MEETING)
    to_region = Forwarding.objects.get(adoption=at_branch)
    assert (to_region.to_body, to_region.state, to_region.result) == (
        region,
        ForwardingState.SUBMITTED,
        None,
    )

    at_region = _verified(motion, region, REGION_MEETING)
    to_region.refresh_from_db()
    assert (to_region.state, to_region.result) == (ForwardingState.HEARD, at_region)
    to_national = Forwarding.objects.get(adoption=at_region)
    assert (to_national.to_body, to_national.state) == (national, ForwardingState.SUBMITTED)

    at_national = _verified(motion, national, NATIONAL_MEETING)
    to_national.refresh_from_db()
    assert (to_national.state, to_national.result) == (ForwardingState.HEARD, at_national)
    # A national body has no parent: the chain ends there.
    assert not Forwarding.objects.filter(adoption=at_national).exists()
    assert Forwarding.objects.count() == 2


def test_a_chain_links_itself_when_the_reports_are_verified_top_down():
    national, region, branch, _other = _chain_bodies()
    motion = _motion()

    at_national = _verified(motion, national, NATIONAL_MEETING)
    at_region = _verified(motion, region, REGION_MEETING)
    at_branch = _verified(motion, branch, BRANCH_MEETING)

    assert Forwarding.objects.get(adoption=at_region).result == at_national
    sent = Forwarding.objects.get(adoption=at_branch)
    assert (sent.result, sent.state) == (at_region, ForwardingState.HEARD)


def test_one_regional_decision_answers_every_branch_that_forwarded():
    _national, region, branch, other_branch = _chain_bodies()
    motion = _motion()
    first = _verified(motion, branch, BRANCH_MEETING)
    second = _verified(motion, other_branch, BRANCH_MEETING + timedelta(days=3))

    at_region = _verified(motion, region, REGION_MEETING, outcome=Outcome.REJECTED)

    for adoption in (first, second):
        sent = Forwarding.objects.get(adoption=adoption)
        assert (sent.result, sent.state) == (at_region, ForwardingState.HEARD)
    # The region rejected it: nothing goes further.
    assert not Forwarding.objects.filter(adoption=at_region).exists()


def test_a_parent_decision_from_before_the_branch_meeting_does_not_answer_it():
    _national, region, branch, _other = _chain_bodies()
    motion = _motion()
    _verified(motion, region, BRANCH_MEETING - timedelta(days=30), forward=False)

    at_branch = _verified(motion, branch, BRANCH_MEETING)

    sent = Forwarding.objects.get(adoption=at_branch)
    assert (sent.result, sent.state) == (None, ForwardingState.SUBMITTED)


@pytest.mark.parametrize(
    ("suggested", "outcome", "ticked", "forwards"),
    [
        ("affiliate", Outcome.PASSED, True, True),
        ("affiliate", Outcome.AMENDED, True, True),
        ("affiliate,forward", Outcome.PASSED, False, True),  # the model text resolves it
        ("affiliate,forward", Outcome.AMENDED, False, False),  # the amendment may have cut it
        ("affiliate", Outcome.PASSED, False, False),
        ("affiliate,forward", Outcome.REJECTED, True, False),
        ("affiliate,forward", Outcome.REFERRED, True, False),
    ],
)
def test_a_report_forwards_only_when_the_body_adopted_a_resolution_to_forward(
    suggested, outcome, ticked, forwards
):
    _national, _region, branch, _other = _chain_bodies()
    motion = _motion(suggested)

    adoption = _verified(motion, branch, BRANCH_MEETING, forward=ticked, outcome=outcome)

    assert Forwarding.objects.filter(adoption=adoption).exists() == forwards


def test_a_report_of_a_body_without_a_parent_forwards_nowhere():
    national, *_rest = _chain_bodies()
    motion = _motion()

    _verified(motion, national, NATIONAL_MEETING)

    assert Forwarding.objects.count() == 0


def test_lapse_overdue_marks_unheard_forwardings_some_days_after_their_deadline(settings):
    settings.FORWARDING_LAPSE_DAYS = 10
    _national, region, branch, other_branch = _chain_bodies()
    motion = _motion()
    today = date(2027, 5, 1)
    overdue = Forwarding.objects.get(adoption=_verified(motion, branch, BRANCH_MEETING))
    recent = Forwarding.objects.get(
        adoption=_verified(motion, other_branch, BRANCH_MEETING + timedelta(days=1))
    )
    undated = Forwarding.objects.get(
        adoption=_verified(motion, tree_body("York", Level.BRANCH, parent=region), BRANCH_MEETING)
    )
    Forwarding.objects.filter(pk=overdue.pk).update(deadline=today - timedelta(days=11))
    Forwarding.objects.filter(pk=recent.pk).update(deadline=today - timedelta(days=10))

    assert lapse_overdue(today=today) == 1
    assert lapse_overdue(today=today) == 0

    states = dict(Forwarding.objects.values_list("pk", "state"))
    assert states == {
        overdue.pk: ForwardingState.LAPSED,
        recent.pk: ForwardingState.SUBMITTED,
        undated.pk: ForwardingState.SUBMITTED,
    }


def test_a_lapsed_forwarding_is_still_answered_by_a_report_verified_later():
    _national, region, branch, _other = _chain_bodies()
    motion = _motion()
    sent = Forwarding.objects.get(adoption=_verified(motion, branch, BRANCH_MEETING))
    Forwarding.objects.filter(pk=sent.pk).update(state=ForwardingState.LAPSED)

    at_region = _verified(motion, region, REGION_MEETING)

    sent.refresh_from_db()
    assert (sent.state, sent.result) == (ForwardingState.HEARD, at_region)


def test_the_periodic_job_lapses_forwardings(settings):
    settings.FORWARDING_LAPSE_DAYS = 0
    _national, _region, branch, _other = _chain_bodies()
    sent = Forwarding.objects.get(adoption=_verified(_motion(), branch, BRANCH_MEETING))
    Forwarding.objects.filter(pk=sent.pk).update(deadline=date(2020, 1, 1))

    assert periodic_lapse_forwardings() == 1


def test_update_forwarding_keeps_the_meeting_and_deadline():
    _national, _region, branch, _other = _chain_bodies()
    sent = Forwarding.objects.get(adoption=_verified(_motion(), branch, BRANCH_MEETING))

    update_forwarding(
        forwarding=sent,
        meeting="  North West   Regional  Conference ",
        deadline=date(2027, 2, 20),
        state=ForwardingState.SUBMITTED,
    )

    sent.refresh_from_db()
    assert (sent.meeting, sent.deadline) == ("North West Regional Conference", date(2027, 2, 20))


@pytest.mark.parametrize(
    ("meeting", "state", "field"),
    [
        ("x" * 201, ForwardingState.HEARD, "meeting"),
        ("Conference", "maybe", "state"),
        ("Conference", ForwardingState.SUBMITTED, "state"),  # answered: it was heard
    ],
)
def test_update_forwarding_refuses_bad_input(meeting, state, field):
    _national, region, branch, _other = _chain_bodies()
    motion = _motion()
    sent = Forwarding.objects.get(adoption=_verified(motion, branch, BRANCH_MEETING))
    _verified(motion, region, REGION_MEETING)
    sent.refresh_from_db()

    with pytest.raises(ValidationError) as refusal:
        update_forwarding(forwarding=sent, meeting=meeting, deadline=None, state=state)

    assert field in refusal.value.message_dict
    stored = Forwarding.objects.get(pk=sent.pk)
    assert (stored.meeting, stored.state) == ("", ForwardingState.HEARD)


def test_the_rollup_shows_the_chain_to_national_level_and_what_is_only_submitted():
    from ayni.motions import rollup

    if not hasattr(rollup.Rollup, "__dataclass_fields__") or "chains" not in (
        rollup.Rollup.__dataclass_fields__
    ):
        pytest.skip("the roll-up's chains come with mo-rollup")
    national, region, branch, other_branch = _chain_bodies()
    motion = _motion()
    _verified(motion, branch, BRANCH_MEETING)
    _verified(motion, other_branch, BRANCH_MEETING, forward=False)

    submitted = rollup.motion_rollup(motion)
    (organisation,) = submitted.per_organisation
    assert organisation.adopted == {Level.BRANCH: 2}
    assert organisation.submitted == {Level.REGION: 1}
    assert submitted.chains == []

    _verified(motion, region, REGION_MEETING)
    at_national = rollup.motion_rollup(motion)
    (organisation,) = at_national.per_organisation
    assert organisation.adopted == {Level.BRANCH: 2, Level.REGION: 1}
    assert organisation.submitted == {Level.NATIONAL: 1}
    assert [n.name for n in organisation.national] == [national.name]
    (chain,) = at_national.chains
    assert [(s.body, s.outcome, s.state) for s in chain.steps] == [
        ("Leeds Central", Outcome.PASSED, ""),
        ("North West", Outcome.PASSED, ""),
        ("Example Union Conference", "", ForwardingState.SUBMITTED),
    ]

    _verified(motion, national, NATIONAL_MEETING)
    heard = rollup.motion_rollup(motion)
    (chain,) = heard.chains
    assert [(s.body, s.outcome) for s in chain.steps] == [
        ("Leeds Central", Outcome.PASSED),
        ("North West", Outcome.PASSED),
        ("Example Union Conference", Outcome.PASSED),
    ]
    assert heard.bodies == 4
