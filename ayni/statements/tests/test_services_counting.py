"""services/counting.py: the count; roll-up of changed rows into tallies, and reconciliation
against COUNT(*)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ayni.statements import services
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import CountDrift, CountryTally, DayTally, Signature, StatementTally
from tests.factories import (
    SignatureFactory,
    StatementFactory,
    confirm_latest,
    sign_now,
    withdraw_latest,
)

pytestmark = pytest.mark.django_db

DAY_1 = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)
DAY_2 = datetime(2025, 3, 2, 0, 30, tzinfo=UTC)


def tallies(statement) -> dict:
    tally = StatementTally.objects.get(statement=statement)
    return {
        "total": tally.total,
        "organisations": tally.organisations,
        "countries": {
            str(t.country): t.count
            for t in CountryTally.objects.filter(statement=statement)
            if t.count
        },
        "days": {
            t.day.isoformat(): t.count
            for t in DayTally.objects.filter(statement=statement)
            if t.count
        },
    }


def truth(statement) -> dict:
    """What the tallies must say, straight from the rows."""
    confirmed = Signature.objects.filter(statement=statement, status=SignatureStatus.CONFIRMED)
    countries: dict[str, int] = {}
    days: dict[str, int] = {}
    for signature in confirmed:
        countries[str(signature.country)] = countries.get(str(signature.country), 0) + 1
        day = signature.confirmed_at.astimezone(UTC).date().isoformat()
        days[day] = days.get(day, 0) + 1
    return {
        "total": confirmed.count(),
        "organisations": confirmed.filter(kind="organisation").count(),
        "countries": countries,
        "days": days,
    }


def test_roll_up_counts_confirmed_rows_per_statement_country_and_day():
    statement = StatementFactory()
    other = StatementFactory()
    SignatureFactory(statement=statement, country="BO", confirmed_at=DAY_1)
    SignatureFactory(statement=statement, country="BO", confirmed_at=DAY_2)
    SignatureFactory(statement=statement, country="GB", confirmed_at=DAY_2, kind="organisation")
    SignatureFactory(
        statement=statement, country="AR", status=SignatureStatus.PENDING, confirmed_at=None
    )
    SignatureFactory(statement=other, country="CL", confirmed_at=DAY_1)

    processed = services.roll_up_counts()

    assert processed == 5
    assert tallies(statement) == {
        "total": 3,
        "organisations": 1,
        "countries": {"BO": 2, "GB": 1},
        "days": {"2025-03-01": 1, "2025-03-02": 2},
    }
    assert tallies(other)["total"] == 1
    assert not Signature.objects.filter(tally_dirty=True).exists()
    assert services.roll_up_counts() == 0  # nothing left to do


def test_roll_up_in_small_batches_gives_the_same_answer():
    statement = StatementFactory()
    for n in range(7):
        SignatureFactory(statement=statement, country="BO" if n % 2 else "PE")

    services.roll_up_counts(batch=2)

    assert tallies(statement) == truth(statement)
    assert tallies(statement)["total"] == 7


def confirm(signature):
    confirm_latest(signature)
    return Signature.objects.get(pk=signature.pk)


@pytest.mark.parametrize(
    ("steps", "counted"),
    [
        (["confirm"], 1),
        (["confirm", "rollup", "withdraw"], 0),
        (["confirm", "withdraw"], 0),  # both before one roll-up
        (["confirm", "rollup", "invalidate"], 0),
        (["confirm", "invalidate"], 0),
        (["confirm", "rollup", "withdraw", "rollup", "resign", "confirm"], 1),
        (["confirm", "rollup", "withdraw", "resign", "confirm"], 1),  # changed twice
        (["confirm", "rollup", "withdraw", "resign"], 0),
        (["withdraw"], 0),
        (["confirm", "confirm"], 1),
        (["confirm", "rollup", "withdraw", "withdraw"], 0),
    ],
)
def test_roll_up_follows_any_sequence_of_confirm_withdraw_invalidate(steps, counted):
    statement = StatementFactory()
    user = get_user_model().objects.create(username="organiser")
    signature = SignatureFactory(
        statement=statement,
        status=SignatureStatus.PENDING,
        ip_hash="target",
        confirmed_at=None,
        tally_dirty=False,
        country="BO",
    )
    SignatureFactory(statement=statement, country="BO")  # a bystander that stays counted

    for step in steps:
        if step == "confirm":
            signature = confirm(signature)
        elif step == "withdraw":
            withdraw_latest(signature)
        elif step == "invalidate":
            services.invalidate_signatures(
                statement=statement, reason="test", user=user, criteria={"ip_hash": "target"}
            )
        elif step == "resign":
            sign_now(
                statement=statement,
                name="Back Again",
                email=signature.email,
                country="PE",
                language="en",
                ip_hash="target",
                kind="organisation",
                organisation="Union",
            )
        elif step == "rollup":
            services.roll_up_counts()
        signature = Signature.objects.get(pk=signature.pk)
    services.roll_up_counts()

    assert tallies(statement) == truth(statement)
    assert tallies(statement)["total"] == 1 + counted
    assert services.reconcile_counts() == []


def test_withdrawn_signature_signed_again_from_another_country_moves_the_country_count():
    """A counted row withdrawn and signed again before the roll-up ran: the roll-up must take it
    off the country it was counted under, not the new one."""
    statement = StatementFactory()
    signature = SignatureFactory(
        statement=statement,
        country="BO",
        confirmed_at=DAY_1,
        kind="organisation",
        organisation="Union",
    )
    services.roll_up_counts()
    assert tallies(statement)["countries"] == {"BO": 1}

    withdraw_latest(signature)
    sign_now(
        statement=statement,
        name="Ana",
        email=signature.email,
        country="PE",
        language="en",
        ip_hash="x",
    )
    services.roll_up_counts()

    assert tallies(statement) == {"total": 0, "organisations": 0, "countries": {}, "days": {}}
    confirm(Signature.objects.get())
    services.roll_up_counts()
    assert tallies(statement)["countries"] == {"PE": 1}
    assert tallies(statement) == truth(statement)
    assert services.reconcile_counts() == []


def test_day_tally_uses_the_utc_day_of_confirmation():
    statement = StatementFactory()
    SignatureFactory(statement=statement, confirmed_at=datetime(2025, 3, 1, 23, 59, tzinfo=UTC))
    SignatureFactory(statement=statement, confirmed_at=datetime(2025, 3, 2, 0, 0, tzinfo=UTC))

    services.roll_up_counts()

    assert tallies(statement)["days"] == {"2025-03-01": 1, "2025-03-02": 1}


def test_count_json_follows_the_roll_up(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(3, statement=statement)
    url = reverse("statements:count", kwargs={"slug": statement.slug})

    services.roll_up_counts()

    assert client.get(url).json()["count"] == 3


# --- Reconciliation ---------------------------------------------------------------------------


def test_reconcile_with_no_drift_writes_nothing():
    statement = StatementFactory()
    SignatureFactory.create_batch(3, statement=statement, country="BO")
    services.roll_up_counts()

    assert services.reconcile_counts() == []
    assert CountDrift.objects.count() == 0


def test_reconcile_corrects_corrupted_tallies_and_logs_each_drift(caplog):
    statement = StatementFactory()
    SignatureFactory.create_batch(3, statement=statement, country="BO", confirmed_at=DAY_1)
    SignatureFactory(statement=statement, country="GB", confirmed_at=DAY_2, kind="organisation")
    services.roll_up_counts()
    right = tallies(statement)
    # Corrupt every kind of tally on purpose.
    StatementTally.objects.filter(statement=statement).update(total=99, organisations=7)
    CountryTally.objects.filter(statement=statement, country="BO").update(count=1)
    CountryTally.objects.filter(statement=statement, country="GB").delete()
    CountryTally.objects.create(statement=statement, country="FR", count=5)
    DayTally.objects.filter(statement=statement, day=DAY_1.date()).update(count=0)

    with caplog.at_level(logging.WARNING, logger="ayni.statements.services"):
        drifts = services.reconcile_counts()

    assert tallies(statement) == right
    assert {(d.scope, d.expected, d.found) for d in drifts} == {
        ("total", 4, 99),
        ("organisations", 1, 7),
        ("country:BO", 3, 1),
        ("country:GB", 1, 0),
        ("country:FR", 0, 5),
        ("day:2025-03-01", 3, 0),
    }
    assert CountDrift.objects.filter(statement=statement).count() == 6
    assert "Count drift on" in caplog.text
    assert services.reconcile_counts() == []  # corrected for good


def test_reconcile_heals_a_row_whose_counted_flag_is_wrong(caplog):
    statement = StatementFactory()
    SignatureFactory.create_batch(2, statement=statement)
    services.roll_up_counts()
    # A confirmed row that lost its mark without being counted (say, a crash mid-way).
    SignatureFactory(statement=statement, tally_dirty=False)

    with caplog.at_level(logging.WARNING):
        services.reconcile_counts()

    assert tallies(statement)["total"] == 3
    assert "counted flag was wrong" in caplog.text
    assert services.reconcile_counts() == []


def test_a_row_changed_while_the_roll_up_reads_is_picked_up_next_time():
    statement = StatementFactory()
    signature = SignatureFactory(statement=statement)
    services.roll_up_counts()
    # Changed after the roll-up committed: marked again, so the next run sees it.
    withdraw_latest(signature)
    assert Signature.objects.get().tally_dirty

    services.roll_up_counts()

    assert tallies(statement)["total"] == 0


def test_roll_up_tolerates_tally_rows_that_are_missing():
    statement = StatementFactory()
    StatementTally.objects.filter(statement=statement).delete()
    SignatureFactory(statement=statement, confirmed_at=DAY_1 - timedelta(days=1))

    services.roll_up_counts()

    assert tallies(statement)["total"] == 1


# --- Impossible states: set aside, not stuck (issue 6) ----------------------------------------


def counted_then_corrupted(statement, **corruption) -> Signature:
    """A counted row whose kind, country or day was changed behind the roll-up's back (as the
    back office once allowed), then withdrawn: its withdrawal cannot come off the tallies."""
    signature = SignatureFactory(statement=statement, country="BO", confirmed_at=DAY_1)
    services.roll_up_counts()
    Signature.objects.filter(pk=signature.pk).update(**corruption)
    withdraw_latest(signature)
    return Signature.objects.get(pk=signature.pk)


CORRUPTIONS = [
    pytest.param({"kind": "organisation"}, id="kind"),
    pytest.param({"country": "FR"}, id="country"),
    pytest.param({"confirmed_at": DAY_2 + timedelta(days=3)}, id="day"),
]


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_roll_up_sets_an_impossible_row_aside_and_counts_the_rest(caplog, corruption):
    statement = StatementFactory()
    SignatureFactory(statement=statement, country="BO", confirmed_at=DAY_1)
    leaving = SignatureFactory(statement=statement, country="GB", confirmed_at=DAY_2)
    services.roll_up_counts()
    bad = counted_then_corrupted(statement, **corruption)
    withdraw_latest(leaving)
    arriving = [
        SignatureFactory(statement=statement, country="BO", confirmed_at=DAY_2),
        SignatureFactory(
            statement=statement, country="PE", confirmed_at=DAY_2, kind="organisation"
        ),
    ]

    with caplog.at_level(logging.WARNING):
        processed = services.roll_up_counts(batch=2)  # the bad row shares a batch with good ones

    assert processed == 4
    bad.refresh_from_db()
    assert bad.set_aside_at is not None and not bad.tally_dirty
    assert f"signature {bad.pk}" in caplog.text
    assert all(Signature.objects.get(pk=s.pk).counted for s in arriving)
    assert not Signature.objects.get(pk=leaving.pk).counted
    assert tallies(statement)["total"] == 4  # the bad row is still in, until reconciliation
    assert all(t.count >= 0 for t in CountryTally.objects.all())
    assert all(t.count >= 0 for t in DayTally.objects.all())

    drifts = services.reconcile_counts()

    bad.refresh_from_db()
    assert (bad.set_aside_at, bad.set_aside_reason, bad.counted) == (None, "", False)
    assert tallies(statement) == truth(statement)
    assert tallies(statement)["total"] == 3
    assert {"total"} <= {drift.scope for drift in drifts}
    assert services.roll_up_counts() == 0
    assert services.reconcile_counts() == []


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_reconcile_repairs_an_impossible_row_without_a_roll_up_first(corruption):
    statement = StatementFactory()
    SignatureFactory.create_batch(2, statement=statement, country="BO", confirmed_at=DAY_1)
    services.roll_up_counts()
    counted_then_corrupted(statement, **corruption)
    waiting = SignatureFactory(statement=statement, country="CL", confirmed_at=DAY_2)

    services.reconcile_counts()

    assert tallies(statement) == truth(statement)
    assert tallies(statement)["total"] == 3
    assert Signature.objects.get(pk=waiting.pk).counted
    assert not Signature.objects.filter(set_aside_at__isnull=False).exists()
    assert not Signature.objects.filter(tally_dirty=True).exists()
    assert services.reconcile_counts() == []


def test_a_set_aside_row_stays_out_of_roll_ups_until_reconciliation():
    statement = StatementFactory()
    bad = counted_then_corrupted(statement, kind="organisation")
    services.roll_up_counts()
    # Signed again by the same person: the row is no longer counted as what it was, and its
    # old contribution cannot be taken off either. Nothing fails; reconciliation settles it.
    again = sign_now(
        statement=statement, name="Ana", email=bad.email, country="PE", language="en", ip_hash="x"
    )
    assert again.pk == bad.pk
    confirm(again)
    services.roll_up_counts()

    row = Signature.objects.get(pk=bad.pk)
    assert row.set_aside_at is not None and not row.tally_dirty
    assert all(t.count >= 0 for t in CountryTally.objects.all())

    services.reconcile_counts()

    row.refresh_from_db()
    assert (row.set_aside_at, row.counted, row.status) == (None, True, SignatureStatus.CONFIRMED)
    assert tallies(statement) == truth(statement)
    assert tallies(statement)["countries"] == {"PE": 1}


@pytest.mark.parametrize("model", [CountryTally, DayTally])
def test_country_and_day_tallies_cannot_go_below_zero(model):
    from django.db import IntegrityError, transaction

    statement = StatementFactory()
    key = {"country": "BO"} if model is CountryTally else {"day": DAY_1.date()}

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(statement=statement, count=-1, **key)
