"""Moderating reports: verify, reject, merge, reopen — what each changes, the email each makes
due, and every refusal leaving everything as it was."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ayni.motions.enums import (
    AdoptionStatus,
    BodyStatus,
    CommitmentKind,
    EmailKind,
    ForwardingState,
    Level,
    Outcome,
)
from ayni.motions.models import Adoption, AdoptionEmail, Commitment, Forwarding
from ayni.motions.services.moderation import (
    REASON_MAX,
    merge_adoptions,
    reject_adoption,
    reopen_adoption,
    verify_adoption,
)
from ayni.motions.tests.factories import report, tree_body
from ayni.motions.tests.reporting_builders import reportable
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SUBMITTED = AdoptionStatus.SUBMITTED


def _emails(adoption: Adoption) -> list[tuple[str, str]]:
    return list(
        AdoptionEmail.objects.filter(adoption=adoption).order_by("pk").values_list("kind", "key")
    )


def _snapshot(*adoptions: Adoption) -> list[tuple]:
    rows = Adoption.objects.filter(pk__in=[a.pk for a in adoptions]).order_by("pk")
    return [
        (
            *rows.filter(pk=a.pk).values_list(
                "status", "verified_at", "rejection_reason", "merged_into", "votes_for"
            )[0],
            sorted(Commitment.objects.filter(adoption=a).values_list("kind", flat=True)),
        )
        for a in adoptions
    ] + [AdoptionEmail.objects.count(), Forwarding.objects.count()]


# --- Verify -----------------------------------------------------------------------------------


def test_verify_adoption_publishes_it_and_makes_the_email_due_once():
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED)
    moderator = UserFactory(username="mod", role="Moderator")

    verify_adoption(adoption=adoption, by=moderator)

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.VERIFIED
    assert adoption.verified_by == moderator
    assert adoption.verified_at is not None
    assert _emails(adoption) == [(EmailKind.VERIFIED, "verified")]


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (AdoptionStatus.PENDING, "has not confirmed their address"),
        (AdoptionStatus.VERIFIED, "verified already"),
        (AdoptionStatus.REJECTED, "reopen it first"),
        (AdoptionStatus.MERGED, "merged into another"),
    ],
)
def test_verify_adoption_refuses_a_report_not_waiting_for_a_moderator(status, message):
    motion, branch = reportable()
    adoption = report(motion, branch, status=status)
    before = _snapshot(adoption)

    with pytest.raises(ValidationError) as refusal:
        verify_adoption(adoption=adoption, by=None)

    assert message in " ".join(refusal.value.messages)
    assert _snapshot(adoption) == before


def test_verify_adoption_refuses_a_second_report_of_a_verified_meeting():
    motion, branch = reportable()
    first = report(motion, branch)
    second = report(motion, branch, status=SUBMITTED, email_normalised="b@example.org")

    with pytest.raises(ValidationError) as refusal:
        verify_adoption(adoption=second, by=None)

    assert "merge this one into it instead" in refusal.value.messages[0]
    second.refresh_from_db()
    assert second.status == SUBMITTED
    assert list(Adoption.objects.filter(status=AdoptionStatus.VERIFIED)) == [first]


def test_the_database_counts_one_meeting_once_whatever_the_service_checks():
    motion, branch = reportable()
    report(motion, branch)
    second = report(motion, branch, status=SUBMITTED, email_normalised="b@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.filter(pk=second.pk).update(status=AdoptionStatus.VERIFIED)


@pytest.mark.parametrize(
    ("status", "message"),
    [(BodyStatus.PROPOSED, "list it"), (BodyStatus.REFUSED, "can only be rejected")],
)
def test_verify_adoption_refuses_a_report_on_a_body_not_listed(status, message):
    motion, branch = reportable()
    proposed = tree_body("Hull East", Level.BRANCH, parent=branch.parent, status=status)
    adoption = report(motion, proposed, status=SUBMITTED)

    with pytest.raises(ValidationError) as refusal:
        verify_adoption(adoption=adoption, by=None)

    assert message in refusal.value.messages[0]
    assert "Hull East" in refusal.value.messages[0]
    adoption.refresh_from_db()
    assert adoption.status == SUBMITTED
    assert _emails(adoption) == []


def test_verify_adoption_twice_after_a_reopening_emails_once():
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED)

    verify_adoption(adoption=adoption, by=None)
    reopen_adoption(adoption=adoption, by=None)
    verify_adoption(adoption=adoption, by=None)

    assert _emails(adoption) == [(EmailKind.VERIFIED, "verified")]


# --- Reject -----------------------------------------------------------------------------------


def test_reject_adoption_keeps_the_reason_and_makes_the_email_due():
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED)

    reject_adoption(adoption=adoption, by=None, reason="  The minutes show another date.\r\n ")

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.REJECTED
    assert adoption.rejection_reason == "The minutes show another date."
    assert _emails(adoption) == [(EmailKind.REJECTED, "rejected-1")]


def test_reject_adoption_again_after_a_reopening_emails_again():
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED)

    reject_adoption(adoption=adoption, by=None, reason="No minutes.")
    reopen_adoption(adoption=adoption, by=None)
    reject_adoption(adoption=adoption, by=None, reason="Still no minutes.")

    assert _emails(adoption) == [
        (EmailKind.REJECTED, "rejected-1"),
        (EmailKind.REJECTED, "rejected-2"),
    ]


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Say why"),
        ("   \n ", "Say why"),
        ("x" * (REASON_MAX + 1), "2001 characters long"),
        ("See <script>", "< or >"),
        ("Bad \x07 bell", "control characters"),
    ],
)
def test_reject_adoption_refuses_a_bad_reason(reason, message):
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED)
    before = _snapshot(adoption)

    with pytest.raises(ValidationError) as refusal:
        reject_adoption(adoption=adoption, by=None, reason=reason)

    assert message in " ".join(refusal.value.message_dict["reason"])
    assert _snapshot(adoption) == before


def test_reject_adoption_takes_a_reason_of_the_longest_length():
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED)

    reject_adoption(adoption=adoption, by=None, reason="x" * REASON_MAX)

    adoption.refresh_from_db()
    assert len(adoption.rejection_reason) == REASON_MAX


@pytest.mark.parametrize(
    "status", [AdoptionStatus.PENDING, AdoptionStatus.VERIFIED, AdoptionStatus.MERGED]
)
def test_reject_adoption_refuses_a_report_not_waiting(status):
    motion, branch = reportable()
    adoption = report(motion, branch, status=status)
    before = _snapshot(adoption)

    with pytest.raises(ValidationError):
        reject_adoption(adoption=adoption, by=None, reason="No.")

    assert _snapshot(adoption) == before


# --- Merge ------------------------------------------------------------------------------------


def test_merge_adoptions_fills_what_the_kept_report_lacks():
    motion, branch = reportable()
    kept = report(motion, branch, status=SUBMITTED, votes_for=30)
    Commitment.objects.create(adoption=kept, kind=CommitmentKind.AFFILIATE)
    duplicate = report(
        motion,
        branch,
        status=SUBMITTED,
        meeting_date=date(2027, 1, 21),  # a typo: the same meeting
        email_normalised="b@example.org",
        votes_for=31,
        votes_against=2,
        evidence_url="https://example.org/minutes.pdf",
    )
    Commitment.objects.create(adoption=duplicate, kind=CommitmentKind.AFFILIATE)
    Commitment.objects.create(
        adoption=duplicate, kind=CommitmentKind.DONATE, amount=Decimal("50"), currency="GBP"
    )

    merge_adoptions(duplicate=duplicate, into=kept, by=None)

    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (AdoptionStatus.MERGED, kept)
    assert (kept.status, kept.votes_for, kept.votes_against) == (SUBMITTED, 30, 2)
    assert kept.evidence_url == "https://example.org/minutes.pdf"
    assert kept.meeting_date == date(2027, 1, 12)
    assert sorted(kept.commitments.values_list("kind", "amount")) == [
        ("affiliate", None),
        ("donate", Decimal("50.00")),
    ]
    assert list(duplicate.commitments.values_list("kind", flat=True)) == ["affiliate"]
    assert AdoptionEmail.objects.count() == 0


def test_merge_adoptions_moves_the_evidence_file_and_the_amended_text():
    motion, branch = reportable()
    kept = report(motion, branch, status=AdoptionStatus.VERIFIED, outcome=Outcome.AMENDED)
    duplicate = report(
        motion,
        branch,
        status=SUBMITTED,
        outcome=Outcome.AMENDED,
        email_normalised="b@example.org",
        evidence_file="motions/evidence/abc.pdf",
        evidence_type="application/pdf",
        amended_resolves="To affiliate.",
    )

    merge_adoptions(duplicate=duplicate, into=kept, by=None)

    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert (kept.evidence_file.name, kept.evidence_type) == (
        "motions/evidence/abc.pdf",
        "application/pdf",
    )
    assert (duplicate.evidence_file.name, duplicate.evidence_type) == ("", "")
    assert kept.amended_resolves == "To affiliate."
    assert kept.status == AdoptionStatus.VERIFIED


def test_a_merged_report_is_never_counted():
    motion, branch = reportable()
    kept = report(motion, branch)
    duplicate = report(motion, branch, status=SUBMITTED, email_normalised="b@example.org")

    merge_adoptions(duplicate=duplicate, into=kept, by=None)

    from ayni.motions.rollup import counted

    assert list(counted(motion)) == [kept]
    with pytest.raises(ValidationError):
        verify_adoption(adoption=duplicate, by=None)


def test_merge_adoptions_refuses_a_report_into_itself():
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED)
    before = _snapshot(adoption)

    with pytest.raises(ValidationError) as refusal:
        merge_adoptions(duplicate=adoption, into=adoption, by=None)

    assert refusal.value.messages == ["A report cannot be merged into itself."]
    assert _snapshot(adoption) == before


def test_merge_adoptions_refuses_another_motions_or_bodys_report():
    motion, branch = reportable()
    other_motion, other_branch = reportable("other")
    adoption = report(motion, branch, status=SUBMITTED)
    of_other_motion = report(other_motion, branch, status=SUBMITTED, email_normalised="c@x.org")
    of_other_body = report(motion, other_branch, status=SUBMITTED, email_normalised="d@x.org")
    before = _snapshot(adoption, of_other_motion, of_other_body)

    for other in (of_other_motion, of_other_body):
        with pytest.raises(ValidationError) as refusal:
            merge_adoptions(duplicate=adoption, into=other, by=None)
        assert "same motion by the same body" in refusal.value.messages[0]

    assert _snapshot(adoption, of_other_motion, of_other_body) == before


@pytest.mark.parametrize(
    ("duplicate_status", "kept_status", "message"),
    [
        (AdoptionStatus.VERIFIED, SUBMITTED, "reopen it first"),
        (AdoptionStatus.PENDING, SUBMITTED, "not confirmed"),
        (AdoptionStatus.REJECTED, SUBMITTED, "reopen it first"),
        (SUBMITTED, AdoptionStatus.REJECTED, "only be merged into one"),
        (SUBMITTED, AdoptionStatus.MERGED, "only be merged into one"),
        (SUBMITTED, AdoptionStatus.PENDING, "only be merged into one"),
    ],
)
def test_merge_adoptions_refuses_reports_in_the_wrong_state(duplicate_status, kept_status, message):
    motion, branch = reportable()
    kept = report(motion, branch, status=kept_status)
    duplicate = report(
        motion,
        branch,
        status=duplicate_status,
        meeting_date=date(2027, 2, 1),
        email_normalised="b@example.org",
        votes_for=4,
    )
    before = _snapshot(duplicate, kept)

    with pytest.raises(ValidationError) as refusal:
        merge_adoptions(duplicate=duplicate, into=kept, by=None)

    assert message in refusal.value.messages[0]
    assert _snapshot(duplicate, kept) == before


# --- Reopen -----------------------------------------------------------------------------------


def test_reopen_adoption_takes_a_verified_report_out_of_the_count():
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED)
    verify_adoption(adoption=adoption, by=None)

    reopen_adoption(adoption=adoption, by=None)

    adoption.refresh_from_db()
    assert (adoption.status, adoption.verified_at, adoption.verified_by) == (SUBMITTED, None, None)


def test_reopen_adoption_unlinks_the_forwardings_it_answered():
    motion, branch = reportable()
    region = branch.parent
    at_branch = report(motion, branch, status=SUBMITTED)
    Commitment.objects.create(adoption=at_branch, kind=CommitmentKind.FORWARD)
    verify_adoption(adoption=at_branch, by=None)
    at_region = report(
        motion, region, status=SUBMITTED, meeting_date=date(2027, 3, 1), email_normalised="r@x.org"
    )
    verify_adoption(adoption=at_region, by=None)
    assert Forwarding.objects.get(adoption=at_branch).result == at_region

    reopen_adoption(adoption=at_region, by=None)

    sent = Forwarding.objects.get(adoption=at_branch)
    assert (sent.result, sent.state) == (None, ForwardingState.SUBMITTED)


@pytest.mark.parametrize("status", [AdoptionStatus.PENDING, SUBMITTED, AdoptionStatus.MERGED])
def test_reopen_adoption_refuses_a_report_neither_verified_nor_rejected(status):
    motion, branch = reportable()
    adoption = report(motion, branch, status=status)
    before = _snapshot(adoption)

    with pytest.raises(ValidationError):
        reopen_adoption(adoption=adoption, by=None)

    assert _snapshot(adoption) == before
