"""Confirmations racing the retention job (ayni.supporters.retention): every form is either
confirmed and kept, or erased whole and its confirmation told the link can no longer be used;
never an error, never a half-erased row, the counts exact.

Real threads, each with its own database connection, confirm while one runs the job (in small
pages, so it interleaves with them): tests/test_event_concurrency.py says how the database is
shared on SQLite and on PostgreSQL. Every wait is bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.events.enums import RegistrationStatus
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services.registering import confirm_registration, register_for_event
from ayni.events.tests.factories import EventFactory
from ayni.motions.enums import AdoptionStatus, Outcome
from ayni.motions.models import Adoption, AdoptionEmail, Body, Motion
from ayni.motions.services.reporting import confirm_report, report_adoption
from ayni.motions.tests.reporting_builders import MEETING, reportable
from ayni.statements import services
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, StatementTally, Submission
from ayni.supporters.confirm_page import EXPIRED, READY
from ayni.supporters.models import Supporter
from ayni.supporters.retention import erase_unconfirmed
from tests.factories import StatementFactory, sign_now
from tests.test_event_concurrency import all_at_once, in_thread, shared_database

in_process = pytest.mark.django_db(transaction=True)
FORMS = 20
JOB = "job"


def _race(confirm: Callable[[int], str], ids: list[int]) -> tuple[dict[int, str], int]:
    """Each form's confirmation and the job (pages of 3), all at once: what each confirmation
    answered, and how many forms the job erased."""
    erased: list[int] = []

    def work(item: int | str) -> tuple[int | str, object]:
        if item == JOB:
            later = timezone.now() + timedelta(days=40)
            erased.append(sum(erase_unconfirmed(now=later, page=3).values()))
            return item, None
        return item, confirm(int(item))

    items: list[int | str] = [*ids[: FORMS // 2], JOB, *ids[FORMS // 2 :]]
    answers = dict(all_at_once(work, items))  # type: ignore[arg-type]
    answers.pop(JOB)
    return answers, erased[0]  # type: ignore[return-value]


def _each_kept_or_erased(
    answers: dict[int, str], statuses: dict[int, str], *, won: str, kept: set[str], lost: str
) -> None:
    """A confirmation that answered `won` left its form in one of the `kept` statuses; every
    other answered `lost`, and its form is gone."""
    for form_id, answer in answers.items():
        if answer == won:
            assert statuses[form_id] in kept
        else:
            assert answer == lost
            assert form_id not in statuses


@in_process
def test_signatures_confirmed_as_the_job_runs_are_kept_and_counted_the_rest_erased(tmp_path):
    with shared_database(tmp_path):

        def sign_many() -> tuple[int, list[int]]:
            statement = StatementFactory()
            return statement.pk, [
                sign_now(
                    statement=statement,
                    name=f"Signer {n}",
                    email=f"signer{n}@example.org",
                    country="BO",
                    language="en",
                    ip_hash="",
                ).pk
                for n in range(FORMS)
            ]

        statement_id, ids = in_thread(sign_many)

        def confirm(signature_id: int) -> str:
            submission = Submission.objects.filter(signature_id=signature_id).latest("pk")
            return str(services.confirm_signature(submission=submission))

        answers, erased = _race(confirm, ids)

        def outcome() -> tuple[dict[int, str], int, list]:
            services.roll_up_counts()
            drifts = services.reconcile_counts()
            statuses = dict(Signature.objects.values_list("pk", "status"))
            return statuses, StatementTally.objects.get(statement_id=statement_id).total, drifts

        statuses, total, drifts = in_thread(outcome)
        _each_kept_or_erased(
            answers,
            statuses,
            won=services.Confirmation.CONFIRMED,
            kept={SignatureStatus.CONFIRMED},
            lost=services.Confirmation.UNUSABLE,
        )
        assert set(statuses.values()) <= {SignatureStatus.CONFIRMED}
        assert erased + len(statuses) == FORMS
        assert total == len(statuses)
        assert drifts == []
        assert in_thread(lambda: Submission.objects.filter(signature__isnull=True).count()) == 0


@in_process
def test_registrations_confirmed_as_the_job_runs_are_kept_the_rest_erased(tmp_path):
    with shared_database(tmp_path):

        def register_many() -> list[int]:
            event = EventFactory(capacity=FORMS // 2)
            return [
                register_for_event(
                    event=event, name=f"Person {n}", email=f"p{n}@example.org", language="en"
                ).pk
                for n in range(FORMS)
            ]

        ids = in_thread(register_many)

        def confirm(registration_id: int) -> str:
            return confirm_registration(Registration.objects.get(pk=registration_id))

        answers, erased = _race(confirm, ids)

        def outcome() -> tuple[dict[int, str], int, int]:
            event = Event.objects.get()
            statuses = dict(Registration.objects.values_list("pk", "status"))
            orphans = EventEmail.objects.exclude(registration__in=list(statuses)).count()
            return statuses, event.capacity or 0, orphans

        statuses, capacity, orphans = in_thread(outcome)
        _each_kept_or_erased(
            answers,
            statuses,
            won=READY,
            kept={RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
            lost=EXPIRED,
        )
        assert erased + len(statuses) == FORMS
        places = sum(status == RegistrationStatus.CONFIRMED for status in statuses.values())
        assert places == min(capacity, len(statuses))
        assert orphans == 0
        assert in_thread(Supporter.objects.count) == len(statuses)


@in_process
def test_reports_confirmed_as_the_job_runs_are_kept_the_rest_erased(tmp_path):
    with shared_database(tmp_path):

        def report_many() -> list[int]:
            motion, branch = reportable()
            return [
                report_adoption(
                    motion=motion,
                    body=branch,
                    meeting_date=MEETING,
                    outcome=Outcome.PASSED,
                    name=f"Reporter {n}",
                    email=f"r{n}@example.org",
                    language="en",
                ).pk
                for n in range(FORMS)
            ]

        ids = in_thread(report_many)

        def confirm(adoption_id: int) -> str:
            return confirm_report(Adoption.objects.get(pk=adoption_id))

        answers, erased = _race(confirm, ids)

        def outcome() -> tuple[dict[int, str], int, int]:
            statuses = dict(Adoption.objects.values_list("pk", "status"))
            orphans = AdoptionEmail.objects.exclude(adoption__in=list(statuses)).count()
            return statuses, orphans, Body.objects.count() + Motion.objects.count()

        statuses, orphans, kept = in_thread(outcome)
        _each_kept_or_erased(
            answers, statuses, won=READY, kept={AdoptionStatus.SUBMITTED}, lost=EXPIRED
        )
        assert erased + len(statuses) == FORMS
        assert orphans == 0
        assert kept == 4  # the motion and its three listed bodies stay
