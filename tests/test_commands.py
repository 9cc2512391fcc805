"""Management commands are thin wrappers over services; call them and check what they did."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Max, Min
from django_tasks_db.models import DBTaskResult

from ayni.core.models import PeriodicRun
from ayni.core.worker import run_pending_tasks
from ayni.statements import demo
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, Statement, StatementTally, Submission
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.models import Consent, Supporter
from tests.factories import SignatureFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_campaign_once_and_prints_logins(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = StringIO()

    call_command("seed_demo", stdout=out)
    again = StringIO()
    call_command("seed_demo", stdout=again)

    statement = Statement.objects.get(slug=demo.SLUG)
    assert f"Loaded the demo statement: /en/s/{demo.SLUG}/" in out.getvalue()
    assert (  # events' demo follows, the full workshop with its waiting list
        "Loaded the demo event: /en/events/twin-your-branch-with-bolivia/ "
        "(12 registered, 3 on the waiting list)"
    ) in out.getvalue()
    assert "The demo campaign is already loaded." in again.getvalue()
    assert statement.is_open
    assert set(statement.translations.values_list("language", flat=True)) == {"en", "es"}
    assert statement.notables.count() == len(demo.NOTABLES)
    assert Signature.objects.filter(statement=statement).count() == 400
    confirmed = Signature.objects.filter(
        statement=statement, status=SignatureStatus.CONFIRMED
    ).count()
    assert confirmed == 400 - 24  # one in 17 never confirmed
    assert StatementTally.objects.get(statement=statement).total == confirmed
    # Confirmed through the service: each signer is a Supporter with the consent they gave.
    signers = Supporter.objects.filter(consents__purpose=ConsentPurpose.STATEMENT_SIGNATURE)
    assert signers.distinct().count() == confirmed
    assert Consent.objects.filter(purpose=ConsentPurpose.STATEMENT_SIGNATURE).count() == confirmed
    # The fictional addresses get no mail, and the signing is spread over the last 30 days.
    assert not Submission.objects.exclude(email_due="").exists()
    run_pending_tasks()
    assert DBTaskResult.objects.count() == 0
    first, last = Signature.objects.aggregate(Min("created_at"), Max("created_at")).values()
    assert last - first > timedelta(days=25)
    assert all(
        "(fictional)" in org
        for org in Signature.objects.exclude(organisation="").values_list("organisation", flat=True)
    )
    printed = out.getvalue()
    assert "organiser / " in printed
    password = printed.split("organiser / ", 1)[1].split()[0]
    organiser = get_user_model().objects.get(username="organiser")
    assert organiser.check_password(password)
    assert list(organiser.groups.values_list("name", flat=True)) == ["Organiser"]


def test_seed_demo_for_make_run_says_where_the_demo_is_and_leaves_the_logins_to_serve(
    settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    out = StringIO()

    call_command("seed_demo", "--no-logins", stdout=out)

    printed = out.getvalue().splitlines()
    assert [line.split(": ")[0] for line in printed] == [
        "Loaded the demo statement",
        "Loaded the demo event of 16 May 2022",
        "Loaded the demo event",
        "Loaded the demo event",
        "Loaded the demo motion",
        "Loaded the demo news",
        "Loaded the demo members",
    ]
    assert "/en/events/twin-your-branch-with-bolivia/" in printed[-4]
    assert "/en/motions/solidarity-with-democracy-in-bolivia/" in printed[-3]
    assert "/en/news/" in printed[-2]
    assert "/admin/members/member/" in printed[-1]
    assert (tmp_path / "demo-logins.txt").exists()  # bin/serve prints them from there


def test_run_periodic_jobs_rolls_up_counts():
    statement = StatementFactory()
    SignatureFactory.create_batch(3, statement=statement)
    out = StringIO()

    call_command("run_periodic_jobs", stdout=out)

    assert StatementTally.objects.get(statement=statement).total == 3
    assert "ran statements.roll_up_counts" in out.getvalue()
    assert PeriodicRun.objects.filter(name="statements.reconcile_counts", last_error="").exists()


def test_run_tasks_sends_queued_email(client, mailbox):
    statement = StatementFactory()
    client.post(
        f"/en/s/{statement.slug}/sign/",
        {
            "kind": "individual",
            "name": "Queue Person",
            "email": "queue@example.org",
            "country": "ES",
        },
    )
    # The submission waits in the inbox; run_tasks folds it in, queues its email and sends it.
    assert Submission.objects.get().processed_at is None
    assert DBTaskResult.objects.count() == 0
    out = StringIO()

    call_command("run_tasks", stdout=out)

    assert "ran 1 task(s)" in out.getvalue()
    assert len(mailbox.to("queue@example.org")) == 1
    assert DBTaskResult.objects.ready().count() == 0


def test_each_demo_signature_has_the_submission_its_links_name():
    statement = demo.seed_statement(signers=20)

    signatures = Signature.objects.filter(statement=statement)
    assert signatures.count() == 20
    for signature in signatures:
        [submission] = signature.submissions.all()
        assert (signature.links_from, submission.name) == (submission.pk, signature.name)
