"""Writes about statements and signatures. Each lists its side effects."""

from __future__ import annotations

import logging
import math
from collections import Counter
from contextlib import nullcontext
from datetime import UTC, date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from ayni.core.countries import country_codes
from ayni.core.db import insert_row
from ayni.core.mail import send_mail_message
from ayni.core.models import PeriodicRun
from ayni.core.tasks import retry_span_seconds
from ayni.core.worker import oldest_live_worker_start
from ayni.statements.enums import EmailDue, SignatureStatus, SignerKind, StatementState
from ayni.statements.models import (
    CountDrift,
    CountryTally,
    DayTally,
    Invalidation,
    Signature,
    Statement,
    StatementTally,
)
from ayni.statements.selectors import daily_signature_counts, statement_text
from ayni.statements.tokens import CONFIRM_SALT, WITHDRAW_SALT, make_token
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.normalise import email_domain, normalise_email
from ayni.supporters.services import record_consent, upsert_supporter, withdraw_consent

logger = logging.getLogger(__name__)

ROLLUP_BATCH = 5000
EMAIL_CLAIM_SECONDS = 600
EMAIL_BATCH = 50  # signature emails per queued task


# --- Statement life cycle -------------------------------------------------------------


@transaction.atomic
def open_statement(*, statement: Statement) -> Statement:
    """Publish a draft (or reopen a closed statement). Side effects: state, opened_at, a tally row."""
    statement.state = StatementState.OPEN
    statement.opened_at = statement.opened_at or timezone.now()
    statement.closed_at = None
    statement.save(update_fields=["state", "opened_at", "closed_at", "updated_at"])
    StatementTally.objects.get_or_create(statement=statement)
    return statement


@transaction.atomic
def close_statement(*, statement: Statement) -> Statement:
    """Stop taking signatures; the count and wall stay. Side effects: state, closed_at."""
    statement.state = StatementState.CLOSED
    statement.closed_at = timezone.now()
    statement.save(update_fields=["state", "closed_at", "updated_at"])
    return statement


def close_expired_statements() -> int:
    """Close open statements whose deadline has passed (periodic job)."""
    closed = 0
    for statement in Statement.objects.filter(
        state=StatementState.OPEN, deadline__lte=timezone.now()
    ):
        close_statement(statement=statement)
        closed += 1
    return closed


# --- Signing ----------------------------------------------------------------------------


def sign_statement(
    *,
    statement: Statement,
    name: str,
    email: str,
    country: str,
    language: str,
    ip_hash: str,
    kind: str = SignerKind.INDIVIDUAL,
    organisation: str = "",
    role: str = "",
    comment: str = "",
    show_publicly: bool = False,
    wants_updates: bool = False,
) -> Signature | None:
    """Record a signature waiting for email confirmation, or note a repeat by the same person.

    Whatever happens, the caller shows the same "check your inbox" page, so nobody can
    learn from the response whether an address has signed.

    Side effects: inserts one Signature row with its email due, or updates the person's
    existing row. That row is the email's outbox: the dispatcher (a periodic worker job) puts
    it on the queue within about a second, so an acknowledged signature can never lose its
    email, and the request does one INSERT and nothing else. Touches no shared counter,
    except when a withdrawn signature is signed again before the roll-up took it off the count.
    Returns None for a silently blocked repeat.
    """
    now = timezone.now()
    normalised = normalise_email(email)
    signature = Signature(
        statement=statement,
        kind=kind,
        name=name,
        email=email,
        email_normalised=normalised,
        email_domain=email_domain(normalised),
        country=country,
        organisation=organisation,
        role=role,
        comment=comment,
        show_publicly=show_publicly,
        wants_updates=wants_updates,
        language=language,
        ip_hash=ip_hash,
        consent_version=CONSENT_TEXTS[ConsentPurpose.STATEMENT_SIGNATURE].version,
        created_at=now,
        email_due=EmailDue.CONFIRM,
        email_due_at=now,
    )
    # The statement is an instance the caller loaded (checking that it exists would be one
    # more query), and the country is looked up in the list: the stock check walks and
    # re-normalises all 250 localised choices on every call.
    signature.full_clean(
        exclude=["statement", "country"], validate_unique=False, validate_constraints=False
    )
    _check_country(signature.country.code)
    # Everything above runs before the write: on SQLite a write holds the database's one write
    # lock, so it should be the INSERT and nothing else. A new signer is one INSERT (in
    # autocommit: nothing else has to commit with it); only a repeat needs a transaction.
    try:
        # Inside a caller's transaction a savepoint keeps a duplicate from breaking it.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            insert_row(signature)
    except IntegrityError:
        with transaction.atomic():
            return _repeat_signature(
                statement=statement, normalised=normalised, fresh=signature, now=now
            )
    return signature


def _check_country(code: str) -> None:
    """What full_clean() says about a missing country or one not in the list, but cheaply."""
    if code in country_codes():
        return
    field = Signature._meta.get_field("country")
    error = (
        ValidationError(field.error_messages["blank"], code="blank")
        if not code
        else ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": code}
        )
    )
    raise ValidationError({"country": error})


def _repeat_signature(
    *, statement: Statement, normalised: str, fresh: Signature, now
) -> Signature | None:
    existing = Signature.objects.select_for_update().get(
        statement=statement, email_normalised=normalised
    )
    if existing.status in (SignatureStatus.INVALIDATED, SignatureStatus.SUSPECT):
        return None
    if existing.emails_sent >= settings.SIGNATURE_MAX_EMAILS:
        return None
    fields = ["email_due", "email_due_at", "email_queued_at"]
    if existing.status == SignatureStatus.CONFIRMED:
        existing.email_due = EmailDue.ALREADY
    else:
        if existing.counted:
            # Withdrawn, but the roll-up has not taken it off yet: do it now, under the
            # country, kind and day it was counted with, before those are overwritten.
            _uncount(existing)
            fields += ["counted", "tally_dirty"]
        # Pending or withdrawn: take the newest details and ask for confirmation again.
        for field in ("kind", "name", "email", "country", "organisation", "role", "comment",
                      "show_publicly", "wants_updates", "language", "ip_hash"):  # fmt: skip
            setattr(existing, field, getattr(fresh, field))
        fields += ["kind", "name", "email", "country", "organisation", "role", "comment",
                   "show_publicly", "wants_updates", "language", "ip_hash", "status"]  # fmt: skip
        existing.status = SignatureStatus.PENDING
        existing.email_due = EmailDue.CONFIRM
        # Signing again is a new signing: its time and IP face the rate limit afresh.
        existing.created_at = now
        fields.append("created_at")
    existing.email_due_at = now
    existing.email_queued_at = None  # for the dispatcher to queue
    existing.save(update_fields=fields)
    return existing


def _uncount(signature: Signature) -> None:
    """Take a counted row off the tallies now (the caller holds its row lock and saves it)."""
    statement_id = signature.statement_id
    minus_one = Counter({statement_id: -1})
    _apply_deltas(
        minus_one,
        minus_one if signature.kind == SignerKind.ORGANISATION else Counter(),
        Counter({(statement_id, str(signature.country)): -1}),
        Counter({(statement_id, _utc_day(signature.confirmed_at)): -1})
        if signature.confirmed_at
        else Counter(),
    )
    signature.counted = False
    signature.tally_dirty = False


def _over_rate_limit(signature: Signature) -> bool:
    if not signature.ip_hash:
        return False
    same_ip = Signature.objects.filter(
        statement_id=signature.statement_id,
        ip_hash=signature.ip_hash,
        created_at__lte=signature.created_at,
    )
    for limit, seconds in (
        (settings.SIGNATURE_BURST_LIMIT, settings.SIGNATURE_BURST_SECONDS),
        (settings.SIGNATURE_SUSTAINED_LIMIT, settings.SIGNATURE_SUSTAINED_SECONDS),
    ):
        window_start = signature.created_at - timedelta(seconds=seconds)
        # Counting stops one past the limit: an address that sent thousands costs no more
        # to judge than one that sent a few.
        if same_ip.filter(created_at__gt=window_start)[: limit + 1].count() > limit:
            return True
    return False


def signature_links(signature: Signature) -> dict[str, str]:
    return {
        "confirm_url": settings.SITE_URL
        + reverse("statements:confirm", kwargs={"token": make_token(signature.id, CONFIRM_SALT)}),
        "withdraw_url": settings.SITE_URL
        + reverse("statements:withdraw", kwargs={"token": make_token(signature.id, WITHDRAW_SALT)}),
        "statement_url": settings.SITE_URL + signature.statement.get_absolute_url(),
    }


def _unclaimed(now) -> Q:
    """Rows nobody is sending to: never claimed, claim timed out, or claimed by a dead worker."""
    free = Q(email_claimed_at__isnull=True) | Q(
        email_claimed_at__lt=now - timedelta(seconds=EMAIL_CLAIM_SECONDS)
    )
    # A worker killed mid-send leaves its claim behind; once every live worker started
    # after the claim, its maker is gone and the email can go without a ten-minute wait.
    oldest_start = oldest_live_worker_start()
    if oldest_start is not None:
        free |= Q(email_claimed_at__lt=oldest_start)
    return free


def send_signature_email(
    *, signature_id: int, connection: BaseEmailBackend | None = None, unclaimed: Q | None = None
) -> str:
    """Send whatever email the signature is due (confirmation or already-signed), once.

    Side effects: claims the row, applies the per-IP rate limit (over the limit: status
    suspect, no email), sends one email over SMTP, records it on the row. Safe to run twice:
    a second run finds nothing due. A batch passes its open mail `connection` and its
    `unclaimed` condition (see send_signature_emails). Returns what it did.
    """
    now = timezone.now()
    claimed = (
        Signature.objects.filter(id=signature_id)
        .exclude(email_due="")
        .filter(_unclaimed(now) if unclaimed is None else unclaimed)
        .update(email_claimed_at=now)
    )
    if not claimed:
        return "nothing due"
    signature = Signature.objects.select_related("statement").get(id=signature_id)
    done = {
        "email_due": "",
        "email_due_at": None,
        "email_queued_at": None,
        "email_claimed_at": None,
    }
    if signature.emails_sent >= settings.SIGNATURE_MAX_EMAILS:
        Signature.objects.filter(id=signature_id).update(**done)
        return "email cap reached"
    due = signature.email_due
    if due == EmailDue.CONFIRM and signature.status == SignatureStatus.PENDING:
        # Judge the rate limit on the first email of a signing (due since the moment of
        # signing); an organiser's release makes it due later and must not be held again.
        first_of_signing = signature.email_due_at == signature.created_at
        if signature.emails_sent == 0 and first_of_signing and _over_rate_limit(signature):
            Signature.objects.filter(id=signature_id).update(status=SignatureStatus.SUSPECT, **done)
            logger.info("Signature %s held as suspect: over the rate limit", signature_id)
            return "held as suspect"
        template = "statements/email/confirm"
    elif due == EmailDue.ALREADY and signature.status == SignatureStatus.CONFIRMED:
        template = "statements/email/already_signed"
    else:
        Signature.objects.filter(id=signature_id).update(**done)
        return "no longer due"
    text = statement_text(signature.statement, signature.language)
    try:
        send_mail_message(
            to=signature.email,
            template=template,
            context={
                "signature": signature,
                "statement": signature.statement,
                "text": text,
                **signature_links(signature),
            },  # fmt: skip
            language=signature.language,
            headers={"Auto-Submitted": "auto-generated"},
            connection=connection,
        )
    except Exception:
        Signature.objects.filter(id=signature_id).update(email_claimed_at=None)
        raise
    Signature.objects.filter(id=signature_id).update(
        emails_sent=F("emails_sent") + 1, last_emailed_at=now, **done
    )
    return f"sent {due}"


def dispatch_due_emails(*, batch: int = EMAIL_BATCH, limit: int | None = None) -> int:
    """Put signature emails that are due and not yet queued on the queue (periodic job).

    Every signature email starts as a row with `email_due` set (signing, signing again, an
    organiser's release); this turns up to `limit` of them, oldest first, into tasks of
    `batch` rows each, and marks them queued, in one transaction: a row is queued once, and
    a queued row always has its task. By default `limit` keeps to EMAIL_MAX_PER_SECOND over
    one dispatch interval. Returns how many rows it queued.
    """
    from ayni.statements.tasks import task_send_signature_emails

    if limit is None:
        rate = settings.EMAIL_MAX_PER_SECOND
        limit = math.ceil(rate * settings.EMAIL_DISPATCH_INTERVAL) if rate else 5000

    with transaction.atomic():
        due = (
            Signature.objects.exclude(email_due="")
            .filter(email_queued_at__isnull=True)
            .order_by("email_due_at")
        )
        if connection.features.has_select_for_update_skip_locked:
            # Two workers dispatching at once take different rows instead of waiting.
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("id", flat=True)[:limit])
        if not ids:
            return 0
        Signature.objects.filter(id__in=ids).update(email_queued_at=timezone.now())
        for start in range(0, len(ids), batch):
            task_send_signature_emails.enqueue(ids[start : start + batch])
    return len(ids)


def send_signature_emails(*, signature_ids: list[int]) -> dict[str, int]:
    """Send each signature its due email (one queued batch). Returns what happened, counted.

    One failure does not hold up the rest of the batch: the others are sent, then the error
    is raised so the task is retried, and the retry finds only the failed rows still due.
    """
    outcomes: Counter[str] = Counter()
    failed: Exception | None = None
    # One SMTP session for the batch, and one look at which workers are alive.
    unclaimed = _unclaimed(timezone.now())
    with get_connection() as mail_connection:
        for signature_id in signature_ids:
            try:
                outcome = send_signature_email(
                    signature_id=signature_id, connection=mail_connection, unclaimed=unclaimed
                )
                outcomes[outcome.split(" ")[0]] += 1
            except Exception as exc:
                logger.warning("Signature %s: email not sent (%r); retried", signature_id, exc)
                failed = exc
    if failed is not None:
        raise failed
    return dict(outcomes)


def sweep_unsent_emails(*, older_than: int | None = None) -> int:
    """Queue again any signature email queued long ago and still not sent (periodic job).

    A queued email normally goes within seconds; one still due once its task's retries must
    have run out (by default the whole retry span plus ten minutes: the mail server was down
    for longer) gets another round. Side effects: marks those rows unqueued, so the
    dispatcher queues them again; sending is idempotent.
    """
    if older_than is None:
        older_than = retry_span_seconds() + 600
    now = timezone.now()
    return (
        Signature.objects.exclude(email_due="")
        .filter(email_queued_at__lt=now - timedelta(seconds=older_than))
        .filter(_unclaimed(now))
        .update(email_queued_at=None)
    )


# --- Confirming and withdrawing ------------------------------------------------------------


@transaction.atomic
def confirm_signature(*, signature: Signature) -> bool:
    """Count a pending signature. Returns True if it is (now or already) confirmed.

    Side effects: the signature row (status, confirmed_at, supporter, marked for roll-up);
    the one Supporter for the address; Consent rows with the exact texts shown.
    """
    signature = (
        Signature.objects.select_for_update(of=("self",))
        .select_related("statement")
        .get(pk=signature.pk)
    )
    if signature.status == SignatureStatus.CONFIRMED:
        return True
    if signature.status != SignatureStatus.PENDING:
        return False
    now = timezone.now()
    supporter = upsert_supporter(
        email=signature.email,
        name=signature.name,
        language=signature.language,
        country=str(signature.country),
    )
    source = f"statement:{signature.statement.slug}"
    purposes = [ConsentPurpose.STATEMENT_SIGNATURE]
    if signature.show_publicly:
        purposes.append(ConsentPurpose.SHOW_NAME)
    if signature.wants_updates:
        purposes.append(ConsentPurpose.CAMPAIGN_UPDATES)
    for purpose in purposes:
        record_consent(supporter=supporter, purpose=purpose, language=signature.language, source=source,
                       given_at=now)  # fmt: skip
    signature.status = SignatureStatus.CONFIRMED
    signature.confirmed_at = now
    signature.supporter = supporter
    signature.tally_dirty = True
    signature.save(update_fields=["status", "confirmed_at", "supporter", "tally_dirty"])
    return True


@transaction.atomic
def withdraw_signature(*, signature: Signature) -> bool:
    """Take a signature off the count and the wall at the signer's request.

    Side effects: the signature row (status, withdrawn_at, marked for roll-up); the
    supporter's consents from this statement are withdrawn.
    """
    signature = (
        Signature.objects.select_for_update(of=("self",))
        .select_related("statement", "supporter")
        .get(pk=signature.pk)
    )
    if signature.status == SignatureStatus.WITHDRAWN:
        return True
    if signature.status not in (SignatureStatus.PENDING, SignatureStatus.CONFIRMED):
        return False
    signature.status = SignatureStatus.WITHDRAWN
    signature.withdrawn_at = timezone.now()
    signature.show_publicly = False
    signature.email_due = EmailDue.NONE
    signature.tally_dirty = True
    signature.save(
        update_fields=["status", "withdrawn_at", "show_publicly", "email_due", "tally_dirty"]
    )
    if signature.supporter:
        for purpose in (
            ConsentPurpose.STATEMENT_SIGNATURE,
            ConsentPurpose.SHOW_NAME,
            ConsentPurpose.CAMPAIGN_UPDATES,
        ):
            withdraw_consent(
                supporter=signature.supporter,
                purpose=purpose,
                source=f"statement:{signature.statement.slug}",
            )
    return True


# --- Organiser tools ----------------------------------------------------------------------


INVALIDATION_FIELDS = ("ip_hash", "email_domain", "country", "since", "until")


def signatures_matching(statement: Statement, criteria: dict[str, Any]) -> QuerySet[Signature]:
    """Signatures a bulk invalidation with `criteria` would take off (still counted or pending)."""
    signatures = Signature.objects.filter(
        statement=statement,
        status__in=[SignatureStatus.PENDING, SignatureStatus.CONFIRMED, SignatureStatus.SUSPECT],
    )
    if criteria.get("ip_hash"):
        signatures = signatures.filter(ip_hash=criteria["ip_hash"])
    if criteria.get("email_domain"):
        signatures = signatures.filter(email_domain=criteria["email_domain"].casefold())
    if criteria.get("country"):
        signatures = signatures.filter(country=criteria["country"])
    if criteria.get("since"):
        signatures = signatures.filter(created_at__gte=criteria["since"])
    if criteria.get("until"):
        signatures = signatures.filter(created_at__lt=criteria["until"])
    return signatures


@transaction.atomic
def invalidate_signatures(
    *, statement: Statement, criteria: dict[str, Any], reason: str, user
) -> Invalidation:
    """Take every signature matching `criteria` off the count and the wall, and log it.

    Side effects: one Invalidation row; matching Signature rows become invalidated and are
    marked for roll-up (the count drops on the next roll-up, within seconds).
    """
    if not any(criteria.get(field) for field in INVALIDATION_FIELDS):
        raise ValueError("An invalidation needs at least one condition.")
    stored = {
        key: (value.isoformat() if hasattr(value, "isoformat") else value)
        for key, value in criteria.items()
        if value
    }
    matching = signatures_matching(statement, criteria)
    invalidation = Invalidation.objects.create(
        statement=statement, criteria=stored, affected=0, reason=reason, created_by=user
    )
    affected = matching.update(
        status=SignatureStatus.INVALIDATED,
        invalidation=invalidation,
        email_due=EmailDue.NONE,
        tally_dirty=True,
    )
    invalidation.affected = affected
    invalidation.save(update_fields=["affected"])
    logger.info(
        "Invalidation %s on %s: %d signatures (%s)",
        invalidation.pk,
        statement.slug,
        affected,
        stored,
    )
    return invalidation


# --- Counting -------------------------------------------------------------------------------


def _utc_day(moment) -> date:
    return moment.astimezone(UTC).date()


def _lock(name: str) -> None:
    """Serialise a job across workers (a row lock on PostgreSQL; SQLite's write lock does it anyway)."""
    PeriodicRun.objects.get_or_create(name=name)
    PeriodicRun.objects.select_for_update().get(name=name)


def roll_up_counts(*, batch: int = ROLLUP_BATCH) -> int:
    """Move changed signatures into the tallies, in batches, until none are left.

    Each batch is one transaction: read the marked rows, add up the deltas per statement,
    country and day, apply them with one UPDATE per tally row, clear the marks. A row
    changed again meanwhile is marked again and picked up next time. Returns rows processed.
    """
    processed = 0
    while True:
        with transaction.atomic():
            _lock("statements.rollup")
            rows = list(
                Signature.objects.select_for_update()
                .filter(tally_dirty=True)
                .order_by("id")
                .values(
                    "id", "statement_id", "status", "counted", "country", "confirmed_at", "kind"
                )[:batch]
            )
            if not rows:
                return processed
            totals: Counter = Counter()
            organisations: Counter = Counter()
            countries: Counter = Counter()
            days: Counter = Counter()
            now_counted: list[int] = []
            now_uncounted: list[int] = []
            unchanged: list[int] = []
            for row in rows:
                want = row["status"] == SignatureStatus.CONFIRMED
                if want == row["counted"]:
                    unchanged.append(row["id"])
                    continue
                delta = 1 if want else -1
                (now_counted if want else now_uncounted).append(row["id"])
                statement_id = row["statement_id"]
                totals[statement_id] += delta
                if row["kind"] == SignerKind.ORGANISATION:
                    organisations[statement_id] += delta
                countries[(statement_id, row["country"])] += delta
                if row["confirmed_at"]:
                    days[(statement_id, _utc_day(row["confirmed_at"]))] += delta
            _apply_deltas(totals, organisations, countries, days)
            Signature.objects.filter(id__in=now_counted).update(counted=True, tally_dirty=False)
            Signature.objects.filter(id__in=now_uncounted).update(counted=False, tally_dirty=False)
            Signature.objects.filter(id__in=unchanged).update(tally_dirty=False)
            processed += len(rows)
        if len(rows) < batch:
            return processed


def _apply_deltas(
    totals: Counter, organisations: Counter, countries: Counter, days: Counter
) -> None:
    now = timezone.now()
    for statement_id in set(totals) | set(organisations):
        StatementTally.objects.get_or_create(statement_id=statement_id)
        StatementTally.objects.filter(statement_id=statement_id).update(
            total=F("total") + totals[statement_id],
            organisations=F("organisations") + organisations[statement_id],
            updated_at=now,
        )
    for (statement_id, country), delta in countries.items():
        if delta:
            tally, _created = CountryTally.objects.get_or_create(
                statement_id=statement_id, country=country
            )
            CountryTally.objects.filter(pk=tally.pk).update(count=F("count") + delta)
    for (statement_id, day), delta in days.items():
        if delta:
            day_tally, _created = DayTally.objects.get_or_create(statement_id=statement_id, day=day)
            DayTally.objects.filter(pk=day_tally.pk).update(count=F("count") + delta)


def reconcile_counts() -> list[CountDrift]:
    """Compare every tally with COUNT(*) over the rows, correct any drift, and log it (nightly job).

    Side effects: runs the roll-up first; corrects StatementTally/CountryTally/DayTally rows;
    one CountDrift row per correction; rows whose `counted` disagrees with their status are
    marked for the next roll-up.
    """
    roll_up_counts()
    drifts: list[CountDrift] = []
    with transaction.atomic():
        _lock("statements.rollup")
        # A row whose counted flag disagrees with its status, yet is not marked: heal it.
        healed = (
            Signature.objects.filter(tally_dirty=False)
            .filter(
                Q(counted=True) & ~Q(status=SignatureStatus.CONFIRMED)
                | Q(counted=False, status=SignatureStatus.CONFIRMED)
            )
            .update(tally_dirty=True)
        )
        if healed:
            logger.warning(
                "Reconciliation marked %d signature(s) whose counted flag was wrong", healed
            )
        for statement in Statement.objects.all():
            drifts += _reconcile_statement(statement)
    if healed:
        roll_up_counts()
    return drifts


def _reconcile_statement(statement: Statement) -> list[CountDrift]:
    drifts = []
    counted = Signature.objects.filter(statement=statement, counted=True)
    tally, _created = StatementTally.objects.get_or_create(statement=statement)
    expected_total = counted.count()
    expected_orgs = counted.filter(kind=SignerKind.ORGANISATION).count()
    for scope, expected, found in (
        ("total", expected_total, tally.total),
        ("organisations", expected_orgs, tally.organisations),
    ):
        if expected != found:
            drifts.append(
                CountDrift(statement=statement, scope=scope, expected=expected, found=found)
            )
    if drifts:
        StatementTally.objects.filter(pk=tally.pk).update(
            total=expected_total, organisations=expected_orgs, updated_at=timezone.now()
        )
    by_country = {
        row["country"]: row["n"] for row in counted.values("country").annotate(n=Count("id"))
    }
    drifts += _reconcile_breakdown(statement, CountryTally, "country", by_country)
    by_day = {row["day"]: row["n"] for row in daily_signature_counts(statement)}
    drifts += _reconcile_breakdown(statement, DayTally, "day", by_day)
    for drift in drifts:
        drift.save()
        logger.warning(
            "Count drift on %s %s: tally %d, rows %d (corrected)",
            statement.slug,
            drift.scope,
            drift.found,
            drift.expected,
        )
    return drifts


def _reconcile_breakdown(
    statement: Statement,
    model: type[CountryTally] | type[DayTally],
    field: str,
    expected_by_key: dict,
) -> list[CountDrift]:
    """Make every `model` row of the statement (keyed by `field`) match `expected_by_key`.

    Returns unsaved CountDrift rows for what differed.
    """
    drifts = []
    expected_by_key = dict(expected_by_key)
    for row in model.objects.filter(statement=statement):
        key = getattr(row, field)
        expected = expected_by_key.pop(key, 0)
        if row.count != expected:
            drifts.append(
                CountDrift(
                    statement=statement, scope=f"{field}:{key}", expected=expected, found=row.count
                )
            )
            model.objects.filter(pk=row.pk).update(count=expected)
    for key, expected in expected_by_key.items():
        drifts.append(
            CountDrift(statement=statement, scope=f"{field}:{key}", expected=expected, found=0)
        )
        model.objects.create(statement=statement, **{field: key}, count=expected)
    return drifts


# --- Supporters' rights: access and erasure ----------------------------------------------------


def signature_export(signature: Signature) -> dict[str, Any]:
    return {
        "statement": signature.statement.slug,
        "kind": signature.kind,
        "name": signature.name,
        "email": signature.email,
        "country": str(signature.country),
        "organisation": signature.organisation,
        "role": signature.role,
        "comment": signature.comment,
        "show_publicly": signature.show_publicly,
        "wants_updates": signature.wants_updates,
        "language": signature.language,
        "status": signature.status,
        "signed_at": signature.created_at.isoformat(),
        "confirmed_at": signature.confirmed_at.isoformat() if signature.confirmed_at else None,
        "emails_sent": signature.emails_sent,
    }


def export_signer_data(*, signature: Signature) -> dict[str, Any]:
    """What we hold about the person behind this signature: their Supporter record (all apps), or
    just this signature if it was never confirmed."""
    from ayni.supporters.services import export_supporter

    if signature.supporter is not None:
        return export_supporter(supporter=signature.supporter)
    return {"signatures": [signature_export(signature)]}


def _anonymise_signatures(signatures: QuerySet[Signature]) -> int:
    erased = 0
    for signature in signatures.select_for_update(of=("self",)):
        signature.name = ""
        signature.email = f"erased-{signature.pk}@invalid"
        signature.email_normalised = f"erased:{signature.pk}"
        signature.email_domain = ""
        signature.organisation = signature.role = signature.comment = ""
        signature.ip_hash = ""
        signature.show_publicly = signature.wants_updates = False
        signature.email_due = EmailDue.NONE
        signature.supporter = None
        if signature.status in (SignatureStatus.PENDING, SignatureStatus.CONFIRMED):
            signature.status = SignatureStatus.WITHDRAWN
            signature.withdrawn_at = timezone.now()
        signature.tally_dirty = True
        signature.save()
        erased += 1
    return erased


@transaction.atomic
def erase_signer_data(*, signature: Signature) -> None:
    """Erase the person behind this signature: the signature (and, if confirmed, every signature
    and record of their Supporter) is anonymised and taken off the count; the Supporter is deleted.

    Side effects: Signature rows anonymised and marked for roll-up; Supporter and Consent rows
    deleted (through supporters.services.erase_supporter and its signal).
    """
    from ayni.supporters.services import erase_supporter

    signature = Signature.objects.select_related("supporter").get(pk=signature.pk)
    if signature.supporter is not None:
        erase_supporter(supporter=signature.supporter)
    _anonymise_signatures(Signature.objects.filter(pk=signature.pk))


def on_supporter_exporting(sender, *, supporter, **kwargs) -> dict[str, Any]:
    signatures = Signature.objects.filter(supporter=supporter).select_related("statement")
    return {"signatures": [signature_export(s) for s in signatures]}


def on_supporter_erasing(sender, *, supporter, **kwargs) -> None:
    _anonymise_signatures(Signature.objects.filter(supporter=supporter))


# --- Back office --------------------------------------------------------------------------


@transaction.atomic
def release_held_signatures(*, signatures: QuerySet[Signature]) -> int:
    """Give held (suspect) signatures back their chance: pending again, confirmation email queued.

    For signatures an organiser judged genuine after the rate limit held them. Rows in
    `signatures` that are not held are left alone. Side effects: each held row becomes pending
    with a confirmation email due now (the rate limit does not hold it again), which the
    dispatcher queues as for a signing. Returns how many were released.
    """
    ids = list(
        Signature.objects.select_for_update()
        .filter(pk__in=signatures.values("pk"), status=SignatureStatus.SUSPECT)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    Signature.objects.filter(pk__in=ids).update(
        status=SignatureStatus.PENDING,
        email_due=EmailDue.CONFIRM,
        email_due_at=timezone.now(),
        email_queued_at=None,
        email_claimed_at=None,
    )
    logger.info("Released %d held signature(s): %s", len(ids), ids[:50])
    return len(ids)
