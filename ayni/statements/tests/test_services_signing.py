"""services/signing.py: what a sending of the sign form becomes once the worker folds it in (a new signature, a repeat of one, a held one) and the per-IP rate limit."""

from __future__ import annotations

import pytest

from ayni.statements import services, tasks
from ayni.statements.enums import EmailDue, SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.statements.tests.helpers import pending, sign_as_ana, submitted
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def outcomes(statement) -> list[str]:
    services.process_submissions()
    rows = Submission.objects.filter(statement=statement).order_by("created_at")
    return list(rows.values_list("outcome", flat=True))


@pytest.fixture
def limits(settings):
    settings.SIGNATURE_BURST_LIMIT = 3
    settings.SIGNATURE_BURST_SECONDS = 60
    settings.SIGNATURE_SUSTAINED_LIMIT = 5
    settings.SIGNATURE_SUSTAINED_SECONDS = 3600


def test_burst_over_the_limit_is_held_as_suspect_without_email(limits, mailbox, run_tasks):
    statement = StatementFactory()
    for seconds_ago in (50, 40, 30, 20, 10):
        submitted(statement, seconds_ago=seconds_ago)
    submitted(statement, seconds_ago=5, ip_hash="someone-else")

    assert outcomes(statement) == ["new"] * 3 + ["held"] * 2 + ["new"]
    run_tasks()

    assert len(mailbox.messages) == 4
    held = Signature.objects.filter(status=SignatureStatus.SUSPECT)
    assert list(held.values_list("hold_reason", flat=True)) == ["rate_limit"] * 2


def test_burst_window_slides(limits):
    statement = StatementFactory()
    # Four within three minutes, but never more than three within one minute.
    for seconds_ago in (200, 150, 100, 0):
        submitted(statement, seconds_ago=seconds_ago)

    assert outcomes(statement) == ["new"] * 4


def test_sustained_limit_catches_a_slow_steady_stream(limits):
    statement = StatementFactory()
    for n in range(7):  # one every ten minutes: under the burst limit throughout
        submitted(statement, seconds_ago=3000 - n * 500)

    assert outcomes(statement) == ["new"] * 5 + ["held"] * 2


def test_sustained_window_forgets_the_old(limits):
    statement = StatementFactory()
    for seconds_ago in (7200, 7000, 6800, 6600, 6400, 100):
        submitted(statement, seconds_ago=seconds_ago)

    assert set(outcomes(statement)) == {"new"}


def test_rate_limit_counts_per_statement(limits):
    first, second = StatementFactory(), StatementFactory()
    for seconds_ago in (30, 20, 10):
        submitted(first, seconds_ago=seconds_ago)
        submitted(second, seconds_ago=seconds_ago)

    assert set(outcomes(first)) | set(outcomes(second)) == {"new"}


def test_a_repeat_over_the_limit_leaves_the_pending_signature_alone(limits, mailbox, run_tasks):
    statement = StatementFactory()
    mine = pending(statement, ip_hash="home", email="mine@example.org")
    for seconds_ago in (30, 20, 10):
        submitted(statement, seconds_ago=seconds_ago, ip_hash="flood")
    submitted(statement, seconds_ago=1, ip_hash="flood", email="mine@example.org", name="Not Me")

    assert outcomes(statement)[-1] == "held"
    signature = Signature.objects.get(email_normalised="mine@example.org")
    assert (signature.status, signature.name) == (SignatureStatus.PENDING, "Sam Sampler")
    assert mine.links_live is True


def test_signing_again_while_pending_keeps_the_details_and_sends_a_link_of_its_own():
    statement = StatementFactory()
    first = pending(statement, name="Ana", email="Ana@Example.org", country="BO", ip_hash="a")
    Submission.objects.filter(pk=first.pk).update(email_due="", email_queued_at=None)
    assert tasks.dispatch_due_emails() == 0

    again = services.sign_statement(
        statement=statement,
        name="Ana Sampleton",
        email="ana@example.org",
        country="PE",
        language="es",
        ip_hash="b",
    )
    services.process_submissions()

    signature = Signature.objects.get()
    assert (signature.name, str(signature.country), signature.language) == ("Ana", "BO", "en")
    again.refresh_from_db()
    assert (again.signature_id, again.outcome, again.email_due) == (
        signature.pk,
        "version",
        EmailDue.CONFIRM,
    )
    assert tasks.dispatch_due_emails() == 1  # its own email is queued


def test_folding_stops_at_its_limit_so_the_dispatcher_gets_its_turn():
    statement = StatementFactory()
    for n in range(5):
        submitted(statement, seconds_ago=5 - n, ip_hash=f"ip{n}")

    assert services.process_submissions(batch=2, limit=3) == 3
    assert Submission.objects.filter(processed_at__isnull=True).count() == 2
    assert services.process_submissions(batch=2, limit=3) == 2
    assert Signature.objects.count() == 5


def test_a_run_folds_a_few_times_what_the_emails_can_go_out_at(settings):
    settings.EMAIL_MAX_PER_SECOND, settings.EMAIL_DISPATCH_INTERVAL = 50, 1
    assert services.process_limit() == 200
    settings.EMAIL_MAX_PER_SECOND = 1000
    assert services.process_limit() == 4000
    settings.EMAIL_MAX_PER_SECOND = 0  # no email rate: only the hard ceiling
    assert services.process_limit() == 5000


def test_same_person_twice_counts_once_and_gets_already_signed_email(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign_as_ana(client, statement)
    run_tasks()
    Signature.objects.update(status=SignatureStatus.CONFIRMED)

    response = sign_as_ana(client, statement, email="anasampleton@gmail.com")
    run_tasks()

    assert response.status_code == 302
    assert Signature.objects.count() == 1
    subjects = [m["Subject"] for m in mailbox.messages]
    assert any("already signed" in s for s in subjects)


def test_plus_tags_at_any_domain_count_once_and_mail_goes_to_the_address_typed(
    client, mailbox, run_tasks
):
    statement = StatementFactory()

    sign_as_ana(client, statement, email="Ana@Union.example.org")
    run_tasks()
    sign_as_ana(client, statement, email="ana+again@union.example.org")
    run_tasks()

    signature = Signature.objects.get()
    assert signature.email_normalised == "ana@union.example.org"
    assert [m["To"] for m in mailbox.messages] == [
        "Ana@Union.example.org",
        "ana+again@union.example.org",
    ]


def test_rate_limit_marks_suspect_and_sends_nothing(client, mailbox, run_tasks, settings):
    settings.SIGNATURE_BURST_LIMIT = 3
    statement = StatementFactory()
    for n in range(5):
        sign_as_ana(client, statement, email=f"person{n}@example.org")

    run_tasks()

    statuses = list(Signature.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["pending"] * 3 + ["suspect"] * 2
    assert len(mailbox.messages) == 3
