"""The same adoption report sent many times at once (a double click, a retrying phone): one
report, one proposed body, one evidence file on disk.

Real threads, each with its own database connection, call the reporting service at the same
time (tests/test_event_concurrency.py says how the database is shared on SQLite and on
PostgreSQL). Every wait is bounded.
"""

from __future__ import annotations

import io
from collections import Counter

import pytest

from ayni.motions.enums import BodyStatus, EmailKind, Level
from ayni.motions.models import Adoption, AdoptionEmail, Body, Commitment, Motion
from ayni.motions.services.evidence import check_evidence
from ayni.motions.services.reporting import Pledge, ProposedBody, report_adoption
from ayni.motions.tests.reporting_builders import MEETING, files_in, image_bytes, reportable
from tests.test_event_concurrency import all_at_once, in_thread, shared_database

in_process = pytest.mark.django_db(transaction=True)
TIMES = 12


def _counts() -> tuple[int, Counter, int, int]:
    return (
        Adoption.objects.count(),
        Counter(AdoptionEmail.objects.values_list("kind", flat=True)),
        Commitment.objects.count(),
        Body.objects.filter(status=BodyStatus.PROPOSED).count(),
    )


@in_process
@pytest.mark.parametrize("proposed", [False, True], ids=["listed-body", "proposed-body"])
def test_the_same_report_sent_at_once_is_stored_once(tmp_path, settings, proposed):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    content = image_bytes("PNG")
    with shared_database(tmp_path):
        motion_id, branch_id = in_thread(lambda: tuple(x.pk for x in reportable()))

        def send(_n: int) -> int:
            motion = Motion.objects.get(pk=motion_id)
            branch = Body.objects.get(pk=branch_id)
            body = (
                ProposedBody(
                    organisation=branch.organisation,
                    name="Hull East",
                    level=Level.BRANCH,
                    parent=branch.parent,
                )
                if proposed
                else branch
            )
            return report_adoption(
                motion=motion,
                body=body,
                meeting_date=MEETING,
                outcome="passed",
                name="Rosa Reporter",
                email="rosa@example.org",
                language="en",
                pledges=[Pledge(kind="affiliate")],
                evidence=check_evidence(io.BytesIO(content), size=len(content)),
            ).pk

        all_at_once(send, list(range(TIMES)))

        adoptions, emails, commitments, bodies = in_thread(_counts)
        assert adoptions == 1
        assert emails == {EmailKind.CONFIRM: 1}
        assert commitments == 1
        assert bodies == (1 if proposed else 0)
        assert len(files_in(tmp_path / "private")) == 1


# --- Moderators at once (mo-moderation) ------------------------------------------------------

DUPLICATES = 6


@in_process
def test_moderators_verifying_reports_of_one_meeting_at_once_verify_exactly_one(tmp_path):
    from django.core.exceptions import ValidationError

    from ayni.motions.enums import AdoptionStatus
    from ayni.motions.services.moderation import verify_adoption
    from ayni.motions.tests.factories import report

    with shared_database(tmp_path):

        def arrange() -> list[int]:
            motion, branch = reportable()
            return [
                report(
                    motion,
                    branch,
                    status=AdoptionStatus.SUBMITTED,
                    email_normalised=f"reporter{n}@example.org",
                ).pk
                for n in range(DUPLICATES)
            ]

        ids = in_thread(arrange)

        def verify(pk: int) -> str:
            try:
                verify_adoption(adoption=Adoption.objects.get(pk=pk), by=None)
            except ValidationError as refusal:
                return refusal.messages[0]
            return "verified"

        answers = Counter(all_at_once(verify, ids))

        assert answers["verified"] == 1
        refused = [answer for answer in answers if answer != "verified"]
        assert len(refused) == 1 and "merge this one into it instead" in refused[0]
        statuses = in_thread(lambda: Counter(Adoption.objects.values_list("status", flat=True)))
        assert statuses == {AdoptionStatus.VERIFIED: 1, AdoptionStatus.SUBMITTED: DUPLICATES - 1}
        emails = in_thread(lambda: list(AdoptionEmail.objects.values_list("kind", flat=True)))
        assert emails == [EmailKind.VERIFIED]
