"""Reporting an adoption: what the form's report stores, confirming it, erasing it."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from ayni.motions import selectors
from ayni.motions.enums import AdoptionStatus, BodyStatus, EmailKind, Level, Outcome
from ayni.motions.models import Adoption, AdoptionEmail, Body, Commitment
from ayni.motions.services import reporting
from ayni.motions.services.evidence import check_evidence
from ayni.motions.services.reporting import Pledge, ProposedBody
from ayni.motions.tests.factories import publish_version, report
from ayni.motions.tests.reporting_builders import MEETING, files_in, image_bytes, reportable
from ayni.supporters.confirm_page import EXPIRED, READY
from ayni.supporters.models import Consent, Supporter
from ayni.supporters.retention import erase_unconfirmed, retention_cutoff
from ayni.supporters.services import upsert_supporter

pytestmark = pytest.mark.django_db


def evidence():
    content = image_bytes("PNG")
    return check_evidence(io.BytesIO(content), size=len(content))


def report_it(motion, body, **fields) -> Adoption:
    values = {
        "motion": motion,
        "body": body,
        "meeting_date": MEETING,
        "outcome": Outcome.PASSED,
        "name": "Rosa Reporter",
        "email": "Rosa@Example.org",
        "language": "en",
        "ip_hash": "iphash",
    }
    values.update(fields)
    return reporting.report_adoption(**values)


def test_report_adoption_stores_a_pending_report_of_the_current_version_and_its_confirmation():
    motion, branch = reportable()
    current = publish_version(motion, number=2)

    adoption = report_it(
        motion,
        branch,
        votes_for=20,
        pledges=[
            Pledge(kind="affiliate"),
            Pledge(kind="donate", amount=Decimal("250"), currency="GBP"),
        ],
        evidence_url="https://example.org/m",
    )

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.PENDING
    assert adoption.version == current
    assert adoption.email_normalised == "rosa@example.org"
    assert adoption.votes_for == 20
    assert sorted(Commitment.objects.values_list("kind", "amount", "currency")) == [
        ("affiliate", None, ""),
        ("donate", Decimal("250.00"), "GBP"),
    ]
    (email,) = AdoptionEmail.objects.all()
    assert (email.kind, email.email_due, email.ip_hash) == (
        EmailKind.CONFIRM,
        EmailKind.CONFIRM,
        "iphash",
    )
    assert Supporter.objects.count() == 0  # not before the address is confirmed


def test_report_adoption_keeps_the_amended_text_only_when_amended():
    motion, branch = reportable()
    amended = {"notes": "N1\n\nN2 ", "believes": "B", "resolves": "R"}

    passed = report_it(motion, branch, amended=amended)
    changed = report_it(
        motion, branch, outcome=Outcome.AMENDED, amended=amended, email="b@example.org"
    )

    assert passed.amended_notes == ""
    assert (changed.amended_notes, changed.amended_resolves) == ("N1\n\nN2 ", "R")


def test_report_adoption_stores_the_evidence_file_privately_under_a_random_name(
    private_files, settings
):
    motion, branch = reportable()

    adoption = report_it(motion, branch, evidence=evidence())

    (stored,) = files_in(private_files)
    assert stored.suffix == ".png"
    assert adoption.evidence_type == "image/png"
    assert adoption.evidence_file.name == f"motions/evidence/{stored.name}"
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))


def test_report_adoption_replaces_an_unconfirmed_report_of_the_same_meeting(
    private_files, django_capture_on_commit_callbacks
):
    motion, branch = reportable()
    first = report_it(motion, branch, evidence=evidence(), votes_for=1)

    with django_capture_on_commit_callbacks(execute=True):
        second = report_it(motion, branch, votes_for=2, email="rosa@example.org")

    assert list(Adoption.objects.values_list("pk", "votes_for")) == [(second.pk, 2)]
    assert not Adoption.objects.filter(pk=first.pk).exists()
    assert files_in(private_files) == []  # the first report's file went with it
    assert AdoptionEmail.objects.get().adoption_id == second.pk


def test_report_adoption_of_a_meeting_reported_and_confirmed_already_changes_nothing(private_files):
    motion, branch = reportable()
    first = report_it(motion, branch, votes_for=1)
    reporting.confirm_report(first)

    again = report_it(motion, branch, votes_for=99, evidence=evidence())

    assert again.pk == first.pk
    assert list(Adoption.objects.values_list("votes_for", flat=True)) == [1]
    assert files_in(private_files) == []
    assert list(AdoptionEmail.objects.order_by("pk").values_list("kind", flat=True)) == [
        EmailKind.CONFIRM,
        EmailKind.RECEIVED,
        EmailKind.AGAIN,
    ]


def test_report_adoption_proposes_a_missing_body_once():
    motion, branch = reportable()
    proposed = ProposedBody(
        organisation=branch.organisation, name="Hull East", level=Level.BRANCH, parent=branch.parent
    )

    first = report_it(motion, proposed)
    second = report_it(motion, proposed, email="other@example.org")

    body = Body.objects.get(name="Hull East")
    assert first.body == second.body == body
    assert body.status == BodyStatus.PROPOSED
    assert body.path == f"{branch.parent.path}{body.pk}/"
    assert body.region_id == branch.region_id


def test_propose_body_refuses_a_parent_below_or_elsewhere():
    _motion, branch = reportable()

    with pytest.raises(ValidationError):
        reporting.propose_body(
            organisation=branch.organisation, name="Upside down", level=Level.REGION, parent=branch
        )


def test_report_adoption_refuses_a_motion_without_a_published_text():
    motion, branch = reportable()
    motion.versions.update(published_at=None)

    with pytest.raises(ValidationError):
        report_it(motion, branch)
    assert Adoption.objects.count() == 0


def test_report_adoption_leaves_no_file_behind_when_the_report_fails(private_files):
    motion, branch = reportable()

    with pytest.raises(ValidationError):
        report_it(motion, branch, name="x" * 500, evidence=evidence())

    assert Adoption.objects.count() == 0
    assert files_in(private_files) == []


def test_the_database_holds_one_live_report_per_reporter_and_meeting():
    motion, branch = reportable()
    report(motion, branch, status=AdoptionStatus.PENDING, meeting_date=MEETING)

    with pytest.raises(IntegrityError):
        report(motion, branch, status=AdoptionStatus.SUBMITTED, meeting_date=MEETING)


def test_confirm_report_hands_it_to_the_moderators_and_records_the_consent():
    motion, branch = reportable()
    adoption = report_it(motion, branch, language="es")

    assert reporting.report_state(adoption) == ""
    assert reporting.confirm_report(adoption) == ""

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.SUBMITTED
    assert adoption.confirmed_at is not None
    supporter = Supporter.objects.get()
    assert (supporter.email_normalised, supporter.name, supporter.language) == (
        "rosa@example.org",
        "Rosa Reporter",
        "es",
    )
    consent = Consent.objects.get()
    assert (consent.purpose, consent.language, consent.source) == (
        "motion_adoption_report",
        "es",
        f"motion-adoption:{adoption.pk}",
    )
    assert consent.text.startswith("Guardamos tu nombre")  # the Spanish text, as shown
    emails = dict(AdoptionEmail.objects.values_list("kind", "email_due"))
    assert emails == {EmailKind.CONFIRM: "", EmailKind.RECEIVED: EmailKind.RECEIVED}


def test_confirm_report_twice_is_harmless():
    motion, branch = reportable()
    adoption = report_it(motion, branch)
    reporting.confirm_report(adoption)

    assert reporting.confirm_report(adoption) == "done"
    assert reporting.report_state(Adoption.objects.get()) == "done"
    assert Consent.objects.count() == 1
    assert AdoptionEmail.objects.filter(kind=EmailKind.RECEIVED).count() == 1


def test_erase_report_deletes_an_unconfirmed_report_its_file_and_its_proposed_body(
    private_files, django_capture_on_commit_callbacks
):
    motion, branch = reportable()
    proposed = ProposedBody(organisation=branch.organisation, name="Hull East", level=Level.BRANCH)
    adoption = report_it(motion, proposed, evidence=evidence())

    with django_capture_on_commit_callbacks(execute=True):
        reporting.erase_report(adoption)

    assert Adoption.objects.count() == 0
    assert AdoptionEmail.objects.count() == 0
    assert not Body.objects.filter(name="Hull East").exists()
    assert files_in(private_files) == []


def test_erase_report_of_a_confirmed_reporter_erases_the_supporter_and_keeps_verified_facts(
    private_files, django_capture_on_commit_callbacks
):
    motion, branch = reportable()
    verified = report_it(motion, branch, evidence=evidence(), evidence_url="https://example.org/m")
    reporting.confirm_report(verified)
    Adoption.objects.filter(pk=verified.pk).update(status=AdoptionStatus.VERIFIED)
    other_meeting = report_it(motion, branch, meeting_date=MEETING.replace(day=1))
    reporting.confirm_report(other_meeting)

    with django_capture_on_commit_callbacks(execute=True):
        reporting.erase_report(other_meeting)

    assert Supporter.objects.count() == 0
    assert Consent.objects.count() == 0
    (kept,) = Adoption.objects.all()
    assert kept.pk == verified.pk
    assert (kept.reporter_name, kept.reporter_email, kept.email_normalised, kept.ip_hash) == (
        "",
        "",
        "",
        "",
    )
    assert kept.supporter is None
    assert kept.status == AdoptionStatus.VERIFIED
    assert kept.evidence_url == "https://example.org/m"
    assert not kept.evidence_file
    assert files_in(private_files) == []
    assert AdoptionEmail.objects.count() == 0


def test_export_reporter_data_before_and_after_confirming():
    motion, branch = reportable()
    adoption = report_it(
        motion, branch, pledges=[Pledge(kind="donate", amount=Decimal("10"), currency="EUR")]
    )

    before = reporting.export_reporter_data(Adoption.objects.get(pk=adoption.pk))
    (row,) = before["motion_adoption_reports"]
    assert row["email"] == "Rosa@Example.org"
    assert row["body"] == "Leeds Central"
    assert row["commitments"] == [{"kind": "donate", "amount": "10.00", "currency": "EUR"}]

    reporting.confirm_report(adoption)
    after = reporting.export_reporter_data(Adoption.objects.get(pk=adoption.pk))
    assert after["supporter"]["email"] == "Rosa@Example.org"
    assert [r["status"] for r in after["motion_adoption_reports"]] == ["submitted"]


def test_a_supporter_known_before_keeps_one_record():
    motion, branch = reportable()
    upsert_supporter(email="rosa@example.org", name="Rosa")
    adoption = report_it(motion, branch)

    reporting.confirm_report(adoption)

    assert Supporter.objects.count() == 1
    assert Adoption.objects.get().supporter == Supporter.objects.get()


# --- Never confirmed: erased once the links are dead (ayni.supporters.retention) --------------


def days_on(days: float):
    return timezone.now() + timedelta(days=days)


def erase_reports(now) -> int:
    return erase_unconfirmed(now=now)["adoption reports"]


def test_a_report_never_confirmed_is_erased_whole_once_its_link_is_dead(
    private_files, django_capture_on_commit_callbacks
):
    motion, branch = reportable()
    proposed = ProposedBody(organisation=branch.organisation, name="Hull East", level=Level.BRANCH)
    report_it(motion, proposed, evidence=evidence(), pledges=[Pledge(kind="affiliate")])

    assert erase_reports(days_on(30)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert erase_reports(days_on(32)) == 1

    assert Adoption.objects.count() == AdoptionEmail.objects.count() == 0
    assert Commitment.objects.count() == 0
    assert not Body.objects.filter(name="Hull East").exists()
    assert files_in(private_files) == []
    assert erase_reports(days_on(32)) == 0  # twice erases nothing more


def test_a_report_sent_again_recently_is_kept():
    motion, branch = reportable()
    old = report_it(motion, branch)
    Adoption.objects.filter(pk=old.pk).update(created_at=days_on(-40))
    AdoptionEmail.objects.update(created_at=days_on(-40), email_due="", email_due_at=None)
    report_it(motion, branch, meeting_date=MEETING.replace(day=1))  # another meeting, today

    assert erase_reports(timezone.now()) == 1
    assert list(Adoption.objects.values_list("meeting_date", flat=True)) == [MEETING.replace(day=1)]


def test_confirmed_reports_are_kept_and_the_roll_up_is_unchanged():
    motion, branch = reportable()
    submitted = report_it(motion, branch)
    reporting.confirm_report(submitted)
    verified = report_it(motion, branch, meeting_date=MEETING.replace(day=1))
    reporting.confirm_report(verified)
    Adoption.objects.filter(pk=verified.pk).update(status=AdoptionStatus.VERIFIED)
    report_it(motion, branch, meeting_date=MEETING.replace(day=2), email="other@example.org")

    assert erase_reports(days_on(60)) == 1

    assert sorted(Adoption.objects.values_list("status", flat=True)) == [
        AdoptionStatus.SUBMITTED,
        AdoptionStatus.VERIFIED,
    ]
    assert list(selectors.verified_adoptions(motion).values_list("pk", flat=True)) == [verified.pk]


def test_a_reporter_with_a_confirmed_report_keeps_it_and_their_supporter_record():
    motion, branch = reportable()
    kept = report_it(motion, branch)
    reporting.confirm_report(kept)
    report_it(motion, branch, meeting_date=MEETING.replace(day=1))  # never confirmed

    assert erase_reports(days_on(40)) == 1

    assert list(Adoption.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Supporter.objects.get().email_normalised == "rosa@example.org"
    assert Consent.objects.count() == 1


def test_a_confirmation_after_the_erasure_finds_the_link_expired_and_one_before_it_is_kept():
    motion, branch = reportable()
    lost = report_it(motion, branch, email="lost@example.org")
    won = report_it(motion, branch, email="won@example.org")
    before = retention_cutoff(days_on(40))
    ids = list(selectors.unconfirmed_reports(before).values_list("pk", flat=True))

    assert reporting.confirm_report(won) == READY  # between the job's read and its lock
    erased = reporting.erase_unconfirmed_reports(ids=ids, before=before)

    assert erased.forms == 1
    assert reporting.confirm_report(lost) == EXPIRED
    assert list(Adoption.objects.values_list("reporter_email", "status")) == [
        ("won@example.org", AdoptionStatus.SUBMITTED)
    ]
