"""Motions' answers to a supporter's export and erasure: every report of the person, erased by
the rule of services/reporting.py (verified facts stay, without the reporter)."""

from __future__ import annotations

import pytest

from ayni.motions.enums import AdoptionStatus
from ayni.motions.models import Adoption
from ayni.motions.tests.factories import report
from ayni.motions.tests.reporting_builders import MEETING, reportable
from ayni.supporters.services import erase_supporter, export_supporter, upsert_supporter

pytestmark = pytest.mark.django_db


def test_a_supporters_export_lists_their_reports_confirmed_or_not():
    motion, branch = reportable()
    supporter = upsert_supporter(email="ana@example.org", name="Ana")
    report(
        motion,
        branch,
        status=AdoptionStatus.VERIFIED,
        supporter=supporter,
        reporter_email="ana@example.org",
        email_normalised="ana@example.org",
    )
    report(
        motion,
        branch,
        status=AdoptionStatus.PENDING,
        meeting_date=MEETING,
        reporter_email="Ana@Example.org",
        email_normalised="ana@example.org",
    )
    report(
        motion,
        branch,
        status=AdoptionStatus.SUBMITTED,
        meeting_date=MEETING,
        reporter_email="bea@example.org",
        email_normalised="bea@example.org",
    )

    data = export_supporter(supporter=supporter)

    assert [(r["status"], r["email"]) for r in data["motion_adoption_reports"]] == [
        ("verified", "ana@example.org"),
        ("pending", "Ana@Example.org"),
    ]


def test_a_supporters_erasure_deletes_unverified_reports_and_anonymises_verified_ones():
    motion, branch = reportable()
    supporter = upsert_supporter(email="ana@example.org", name="Ana")
    verified = report(
        motion,
        branch,
        status=AdoptionStatus.VERIFIED,
        supporter=supporter,
        reporter_email="ana@example.org",
        email_normalised="ana@example.org",
    )
    report(
        motion,
        branch,
        status=AdoptionStatus.SUBMITTED,
        meeting_date=MEETING,
        supporter=supporter,
        reporter_email="ana@example.org",
        email_normalised="ana@example.org",
    )
    other = report(
        motion,
        branch,
        status=AdoptionStatus.SUBMITTED,
        meeting_date=MEETING,
        reporter_email="bea@example.org",
        email_normalised="bea@example.org",
    )

    erase_supporter(supporter=supporter)

    rows = dict(Adoption.objects.values_list("pk", "reporter_email"))
    assert rows == {verified.pk: "", other.pk: "bea@example.org"}
    kept = Adoption.objects.get(pk=verified.pk)
    assert (kept.status, kept.body, kept.meeting_date) == (
        "verified",
        branch,
        verified.meeting_date,
    )
    assert kept.reporter_name == ""
    assert kept.supporter is None
