"""core/prepared_insert.py and the sign service's partial full_clean, against full_clean() + save()."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ayni.core.prepared_insert import insert_row
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.statements.services.signing import sign_statement
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.normalise import normalise_email
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def signature(statement, email: str) -> Signature:
    now = timezone.now()
    return Signature(
        statement=statement,
        name="Ana Sampleton",
        email=email,
        email_normalised=email,
        email_domain="example.org",
        country="BO",
        show_publicly=True,
        language="es",
        status=SignatureStatus.PENDING,
        created_at=now - timedelta(seconds=5),
        last_emailed_at=now,
    )


FIELDS = [f.attname for f in Signature._meta.concrete_fields if not f.primary_key]


def test_insert_row_stores_what_save_stores():
    statement = StatementFactory()
    by_save = signature(statement, "saved@example.org")
    by_save.save(force_insert=True)
    quick = signature(statement, "quick@example.org")
    quick.created_at = by_save.created_at
    quick.last_emailed_at = by_save.last_emailed_at

    insert_row(quick)

    assert quick.pk is not None and quick.pk != by_save.pk
    assert not quick._state.adding
    stored = {s.email: s for s in Signature.objects.all()}
    for attname in FIELDS:
        if attname in ("email", "email_normalised"):
            continue
        assert getattr(stored["quick@example.org"], attname) == getattr(
            stored["saved@example.org"], attname
        ), attname


def test_insert_row_raises_integrity_error_on_a_duplicate():
    statement = StatementFactory()
    insert_row(signature(statement, "ana@example.org"))

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_row(signature(statement, "ana@example.org"))

    assert Signature.objects.count() == 1


def test_insert_row_stores_a_submission_as_save_does():
    statement = StatementFactory()
    rows = [
        Submission(
            statement=statement,
            name="Ana Sampleton",
            email=email,
            email_normalised=email,
            country="BO",
            language="es",
            ip_hash="a" * 32,
            consent_version="v1",
            created_at=timezone.now(),
        )
        for email in ("saved@example.org", "quick@example.org")
    ]
    rows[1].created_at = rows[0].created_at
    rows[0].save(force_insert=True)
    insert_row(rows[1])

    saved, quick = (Submission.objects.get(email=row.email) for row in rows)
    for field in Submission._meta.concrete_fields:
        if field.attname not in ("id", "email", "email_normalised"):
            assert getattr(quick, field.attname) == getattr(saved, field.attname), field.attname


# --- The sign service's partial full_clean + insert_row against full_clean() + save() --------

GOOD = {
    "name": "Ana Sampleton",
    "email": "ana@example.org",
    "country": "BO",
    "language": "es",
    "ip_hash": "a" * 32,
    "kind": "individual",
    "organisation": "",
    "role": "",
    "comment": "",
    "show_publicly": True,
    "wants_updates": False,
}


def plain_submission(statement, details: dict) -> Submission:
    """The row the sign service builds, made and checked the plain way."""
    return Submission(
        statement=statement,
        email_normalised=normalise_email(details["email"]),
        consent_version=CONSENT_TEXTS[ConsentPurpose.STATEMENT_SIGNATURE].version,
        created_at=timezone.now(),
        **details,
    )


def test_signing_stores_the_row_full_clean_and_save_store():
    statement = StatementFactory()
    plain = plain_submission(statement, {**GOOD, "email": "plain@example.org"})
    plain.full_clean()
    plain.save()

    quick = sign_statement(statement=statement, **{**GOOD, "email": "quick@example.org"})

    stored = {row.email: row for row in Submission.objects.all()}
    for field in Submission._meta.concrete_fields:
        if field.attname in ("id", "email", "email_normalised", "created_at"):
            continue
        assert getattr(stored["quick@example.org"], field.attname) == getattr(
            stored["plain@example.org"], field.attname
        ), field.attname
    assert stored["quick@example.org"].pk == quick.pk


@pytest.mark.parametrize(
    "bad",
    [
        {"country": "XX"},
        {"country": ""},
        {"name": ""},
        {"name": "N" * 121},
        {"email": "not-an-address"},
        {"email": ""},
        {"kind": "robot"},
        {"organisation": "O" * 161},
        {"role": "R" * 121},
        {"comment": "C" * 501},
        {"language": ""},
        {"ip_hash": "h" * 65},
        {"country": "XX", "name": "", "kind": "robot"},
    ],
    ids=lambda bad: "+".join(f"{key}={str(value)[:8]}" for key, value in bad.items()),
)
def test_signing_refuses_what_full_clean_refuses_with_the_same_messages(bad):
    statement = StatementFactory()
    details = {**GOOD, **bad}
    with pytest.raises(ValidationError) as plain:
        plain_submission(statement, details).full_clean()

    with pytest.raises(ValidationError) as quick:
        sign_statement(statement=statement, **details)

    assert quick.value.message_dict == plain.value.message_dict
    assert Submission.objects.count() == 0
