"""Load the demo campaign once: statement, notables, a few hundred fictional signers, demo logins."""

from __future__ import annotations

import random
import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ayni.core.demo import bolivia
from ayni.core.demo.campaign import seed_campaign
from ayni.core.roles import MODERATOR, ORGANISER, STAFF
from ayni.statements.enums import SignatureStatus, SignerKind, SubmissionOutcome
from ayni.statements.models import (
    NotableSignatory,
    Signature,
    Statement,
    StatementTranslation,
    Submission,
)
from ayni.statements.services import open_statement, roll_up_counts
from ayni.statements.services.signing import DETAIL_FIELDS
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.normalise import email_domain, normalise_email

DEMO_USERS = [
    ("organiser", ORGANISER, True),
    ("moderator", MODERATOR, True),
    ("viewer", STAFF, True),
]


def credentials_file() -> Path:
    return settings.VAR_DIR / "demo-logins.txt"


def seed_users() -> str:
    """Demo back-office accounts sharing one random password, written to var/demo-logins.txt."""
    path = credentials_file()
    if path.exists():
        return path.read_text()
    password = secrets.token_urlsafe(9)
    user_model = get_user_model()
    for username, role, is_staff in DEMO_USERS:
        user, _created = user_model.objects.get_or_create(
            username=username, defaults={"is_staff": is_staff}
        )
        user.set_password(password)
        user.is_staff = is_staff
        user.save()
        user.groups.set([Group.objects.get(name=role)])
    lines = [f"{username} / {password}   ({role})" for username, role, _staff in DEMO_USERS]
    text = "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o600)
    return text


@transaction.atomic
def seed_statement(*, signers: int = 400, rng: random.Random | None = None) -> Statement | None:
    if Statement.objects.filter(slug=bolivia.SLUG).exists():
        return None
    rng = rng or random.Random(2022)  # noqa: S311 (demo data, not security)
    now = timezone.now()
    statement = Statement.objects.create(
        slug=bolivia.SLUG, goal=1000, deadline=now + timedelta(days=60), featured=True
    )
    for language, text in bolivia.STATEMENT.items():
        StatementTranslation.objects.create(statement=statement, language=language, **text)
    for position, (name, description, country) in enumerate(bolivia.NOTABLES):
        NotableSignatory.objects.create(statement=statement, name=name, description=description,
                                        country=country, position=position)  # fmt: skip
    open_statement(statement=statement)
    Statement.objects.filter(pk=statement.pk).update(opened_at=now - timedelta(days=30))
    version = CONSENT_TEXTS[ConsentPurpose.STATEMENT_SIGNATURE].version
    rows = []
    for index in range(signers):
        first, last = rng.choice(bolivia.FIRST_NAMES), rng.choice(bolivia.SURNAMES)
        email = f"{first}.{last}.{index}@example.org".lower()
        signed = (
            now
            - timedelta(days=30) * (1 - (index / signers) ** 0.6)
            - timedelta(minutes=rng.randint(5, 600))
        )
        as_org = index % 25 == 0
        organisation, role = (
            rng.choice(bolivia.ORGANISATIONS) if (as_org or index % 4 == 0) else ("", "")
        )
        if as_org:
            organisation = organisation.replace("(fictional)", f"no. {index} (fictional)")
        pending = index % 17 == 0
        rows.append(Signature(
            statement=statement, kind=SignerKind.ORGANISATION if as_org else SignerKind.INDIVIDUAL,
            name=f"{first} {last}", email=email, email_normalised=normalise_email(email),
            email_domain=email_domain(email), country=rng.choice(bolivia.COUNTRIES),
            organisation=organisation, role=role, comment=rng.choice(bolivia.COMMENTS),
            show_publicly=as_org or rng.random() < 0.75, wants_updates=rng.random() < 0.5,
            language="es" if rng.random() < 0.3 else "en", ip_hash=f"demo{index % 97:04d}",
            consent_version=version, created_at=signed,
            status=SignatureStatus.PENDING if pending else SignatureStatus.CONFIRMED,
            confirmed_at=None if pending else signed + timedelta(minutes=rng.randint(1, 90)),
            tally_dirty=not pending,
        ))  # fmt: skip
    Signature.objects.bulk_create(rows, batch_size=500)
    # Each demo signer sent the form once: their submission, as the worker recorded it, so their
    # signature has the links and history a real one has.
    Submission.objects.bulk_create([
        Submission(statement=statement, signature=row, email_normalised=row.email_normalised,
                   created_at=row.created_at, processed_at=row.created_at,
                   outcome=SubmissionOutcome.NEW, emailed_at=row.created_at,
                   **{field: getattr(row, field) for field in DETAIL_FIELDS})
        for row in rows
    ], batch_size=500)  # fmt: skip
    first_submission = Submission.objects.filter(signature=OuterRef("pk")).values("pk")[:1]
    Signature.objects.filter(statement=statement).update(links_from=Subquery(first_submission))
    return statement


def seed_demo() -> tuple[Statement | None, str]:
    seed_campaign()
    statement = seed_statement()
    roll_up_counts()
    return statement, seed_users()
