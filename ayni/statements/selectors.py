"""Reads about statements, named after what they return."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from ayni.statements.enums import SignatureStatus, SignerKind, StatementState
from ayni.statements.models import (
    Block,
    CountryTally,
    DayTally,
    Signature,
    Statement,
    StatementTally,
    StatementTranslation,
    Submission,
)

# Signing's statement read is plain SQL (see sql_selectors); the views find it here all the same.
from ayni.statements.sql_selectors import public_statement_alone as public_statement_alone
from ayni.supporters.retention import link_sent_since

WALL_PAGE_SIZE = 50


def public_statements() -> QuerySet[Statement]:
    return (
        Statement.objects.exclude(state=StatementState.DRAFT)
        .select_related("tally")
        .prefetch_related("translations")
    )


def public_statement(slug: str) -> Statement | None:
    return public_statements().select_related("tally").filter(slug=slug).first()


def statement_text(
    statement: Statement, language: str | None = None
) -> StatementTranslation | None:
    """The language version for `language`, else the statement's default, else any."""
    language = (language or get_language() or "en")[:2]
    versions = list(statement.translations.all())
    for wanted in (language, statement.default_language):
        for version in versions:
            if version.language == wanted:
                return version
    return versions[0] if versions else None


@dataclass(frozen=True)
class Count_:
    total: int
    organisations: int
    goal: int | None
    updated_at: datetime | None

    @property
    def percent(self) -> int:
        if not self.goal:
            return 0
        return min(100, int(self.total * 100 / self.goal))


def _count_from(statement: Statement, tally: StatementTally | None) -> Count_:
    return Count_(
        total=tally.total if tally else 0,
        organisations=tally.organisations if tally else 0,
        goal=statement.goal,
        updated_at=tally.updated_at if tally else None,
    )


def statement_count(statement: Statement) -> Count_:
    return _count_from(statement, StatementTally.objects.filter(statement=statement).first())


def live_statement_count(statement: Statement) -> Count_:
    """The rolled-up count plus the changes still waiting for the roll-up: a confirmation
    shows here at once (the thank-you page, count.json), not a few seconds later.

    Reads only the rows marked for the roll-up, through their small partial index;
    `statement_id + 0` keeps the planner off the indexes led by statement_id, which would
    walk every row of a big statement.
    """
    rolled_up = statement_count(statement)
    adds = Q(status=SignatureStatus.CONFIRMED, counted=False)
    removes = Q(counted=True) & ~Q(status=SignatureStatus.CONFIRMED)
    organisation = Q(kind=SignerKind.ORGANISATION)
    waiting = (
        Signature.objects.filter(tally_dirty=True, set_aside_at__isnull=True)
        .alias(statement_ref=F("statement_id") + 0)
        .filter(statement_ref=statement.pk)
        .aggregate(
            adds=Count("id", filter=adds),
            removes=Count("id", filter=removes),
            organisation_adds=Count("id", filter=adds & organisation),
            organisation_removes=Count("id", filter=removes & organisation),
            newest=Max("confirmed_at", filter=adds),
        )
    )
    moments = [moment for moment in (rolled_up.updated_at, waiting["newest"]) if moment]
    return Count_(
        total=max(0, rolled_up.total + waiting["adds"] - waiting["removes"]),
        organisations=max(
            0,
            rolled_up.organisations
            + waiting["organisation_adds"]
            - waiting["organisation_removes"],
        ),
        goal=statement.goal,
        updated_at=max(moments) if moments else None,
    )


def encode_cursor(signature: Signature) -> str:
    assert signature.confirmed_at is not None  # only confirmed signatures are on the wall
    raw = f"{signature.confirmed_at.timestamp():.6f}:{signature.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        stamp, _sep, ident = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        return datetime.fromtimestamp(float(stamp), tz=UTC), int(ident)
    except (ValueError, UnicodeDecodeError, OverflowError, OSError):
        return None


def wall_signatures(statement: Statement) -> QuerySet[Signature]:
    return Signature.objects.filter(
        statement=statement, status=SignatureStatus.CONFIRMED, show_publicly=True
    ).order_by("-confirmed_at", "-id")


def wall_page(
    statement: Statement,
    *,
    kind: str = SignerKind.INDIVIDUAL,
    cursor: str = "",
    size: int = WALL_PAGE_SIZE,
) -> tuple[list[Signature], str]:
    """One page of the public wall, newest first; keyset-paginated so page N costs what page 1 does."""
    signatures = (
        wall_signatures(statement)
        .filter(kind=kind)
        .only("id", "name", "country", "organisation", "role", "comment", "confirmed_at", "kind")
    )
    position = decode_cursor(cursor) if cursor else None
    if position:
        stamp, ident = position
        # The plain `<=` is implied by the OR, but without it SQLite cannot start the index
        # scan at the cursor and walks every newer name first (page 1,000: 100× slower).
        signatures = signatures.filter(confirmed_at__lte=stamp).filter(
            Q(confirmed_at__lt=stamp) | Q(confirmed_at=stamp, id__lt=ident)
        )
    rows = list(signatures[: size + 1])
    next_cursor = encode_cursor(rows[size - 1]) if len(rows) > size else ""
    return rows[:size], next_cursor


def country_breakdown(statement: Statement, limit: int | None = None) -> list[CountryTally]:
    tallies = CountryTally.objects.filter(statement=statement, count__gt=0).order_by(
        "-count", "country"
    )
    return list(tallies[:limit] if limit else tallies)


def day_series(statement: Statement) -> list[DayTally]:
    return list(DayTally.objects.filter(statement=statement).order_by("day"))


def signature_status_counts(statement: Statement) -> dict[str, int]:
    rows = Signature.objects.filter(statement=statement).values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(SignatureStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def set_aside_count(statement: Statement) -> int:
    """Signatures the roll-up set aside for reconciliation (read through their partial index)."""
    return Signature.objects.filter(statement=statement, set_aside_at__isnull=False).count()


def emails_waiting(statement: Statement) -> int:
    """Signature emails due and not yet sent (queued or waiting for the dispatcher).

    Read through the small email-outbox index (rows with an email due), not the statement's
    million rows: `statement_id + 0` keeps the planner off the indexes led by statement_id.
    """
    return (
        Submission.objects.exclude(email_due="")
        .alias(statement_ref=F("statement_id") + 0)
        .filter(statement_ref=statement.pk)
        .count()
    )


def submissions_waiting(statement: Statement) -> int:
    """The statement's sign-form submissions the worker has not folded in yet (a surge's
    backlog); read through the small inbox index, as emails_waiting reads the outbox's."""
    return (
        Submission.objects.filter(processed_at__isnull=True)
        .alias(statement_ref=F("statement_id") + 0)
        .filter(statement_ref=statement.pk)
        .count()
    )


def active_blocks() -> dict[int | None, set[str]]:
    """Blocked addresses and domains by statement id (None: every statement)."""
    blocks: dict[int | None, set[str]] = {}
    for statement_id, value in Block.objects.values_list("statement_id", "value"):
        blocks.setdefault(statement_id, set()).add(value)
    return blocks


def unconfirmed_signatures(before: datetime) -> QuerySet[Signature]:
    """Signatures whose address was never confirmed (pending, or withdrawn before confirming)
    and whose last confirmation link went out before `before` (none of their submissions made,
    due, sent or being sent since): the supporters' retention job erases them. Held and
    invalidated ones are the moderators' to judge and are not among them; nor is any the
    tallies might still include."""
    recent = Submission.objects.filter(signature=OuterRef("pk")).filter(link_sent_since(before))
    return Signature.objects.filter(
        status__in=[SignatureStatus.PENDING, SignatureStatus.WITHDRAWN],
        confirmed_at__isnull=True,
        created_at__lt=before,
        counted=False,
        tally_dirty=False,
        set_aside_at__isnull=True,
    ).exclude(Exists(recent))


def submission_for_link(submission_id: int | None) -> Submission | None:
    """The submission an email link names, with its signature and statement (None if gone)."""
    if not submission_id:
        return None
    return (
        Submission.objects.select_related("signature", "statement")
        .filter(pk=submission_id, signature__isnull=False)
        .first()
    )


def organisation_breakdown(statement: Statement, limit: int = 20) -> list[dict[str, Any]]:
    return list(
        Signature.objects.filter(statement=statement, status=SignatureStatus.CONFIRMED)
        .exclude(organisation="")
        .values("organisation")
        .annotate(n=Count("id"))
        .order_by("-n", "organisation")[:limit]
    )


def flagged_activity(statement: Statement, *, hours: int = 1) -> dict[str, list[dict[str, Any]]]:
    """IP hashes and email domains with more signatures in the last hour than the threshold."""
    since = timezone.now() - timedelta(hours=hours)
    threshold = settings.SIGNATURE_FLAG_THRESHOLD
    recent = Signature.objects.filter(statement=statement, created_at__gte=since)
    by_ip = (
        recent.exclude(ip_hash="")
        .values("ip_hash")
        .annotate(n=Count("id"))
        .filter(n__gt=threshold)
        .order_by("-n")
    )
    by_domain = (
        recent.values("email_domain").annotate(n=Count("id")).filter(n__gt=threshold).order_by("-n")
    )
    return {"ip_hash": list(by_ip[:20]), "email_domain": list(by_domain[:20])}


def daily_signature_counts(statement: Statement) -> list[dict[str, Any]]:
    """COUNT(*) per day straight from the rows (for reconciliation, not for pages)."""
    return list(
        Signature.objects.filter(statement=statement, counted=True)
        .annotate(day=TruncDate("confirmed_at", tzinfo=UTC))
        .values("day")
        .annotate(n=Count("id"))
    )


# --- Back office (admin) --------------------------------------------------------------------


def statement_for_dashboard(pk: int | str) -> Statement | None:
    """One statement with what the dashboard header shows, or None."""
    return Statement.objects.prefetch_related("translations").filter(pk=pk).first()


def recent_invalidations(statement: Statement, limit: int = 10) -> list[Any]:
    return list(
        statement.invalidations.select_related("created_by").order_by("-created_at")[:limit]
    )


def countries_with_signatures(statement_id: int | str | None = None) -> list[str]:
    """Country codes with counted signatures, from the tallies (cheap even for a big table)."""
    tallies = CountryTally.objects.filter(count__gt=0)
    if statement_id:
        tallies = tallies.filter(statement_id=statement_id)
    return sorted(tallies.order_by().values_list("country", flat=True).distinct())


def tallied_count(statement: Statement) -> Count_:
    """`statement_count` for a statement fetched with its tally (as `public_statements` does),
    without another query."""
    try:
        tally: StatementTally | None = statement.tally
    except StatementTally.DoesNotExist:
        tally = None
    return _count_from(statement, tally)


def statements_open_first() -> list[Statement]:
    """Public statements, open ones (newest first) before closed ones (most recently closed
    first)."""
    statements = list(public_statements())
    epoch = datetime.min.replace(tzinfo=UTC)
    statements.sort(key=lambda s: s.closed_at or s.opened_at or s.created_at or epoch, reverse=True)
    statements.sort(key=lambda s: not s.is_open)
    return statements


def featured_statement(statements: list[Statement]) -> Statement | None:
    """What the home page leads with: the statement organisers featured, if it is public;
    else the newest open one."""
    for statement in statements:
        if statement.featured:
            return statement
    return next((s for s in statements if s.is_open), None)


def supporter_signatures(supporter_id: int) -> QuerySet[Signature]:
    """Every signature confirmed as `supporter_id`'s, with its statement (for their data export)."""
    return Signature.objects.filter(supporter_id=supporter_id).select_related("statement")
