"""Reads of events, with what their pages need fetched alongside."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone, translation

from ayni.core.prepared_select import PreparedSelect
from ayni.events.enums import EmailKind, EventFormat, EventState, RegistrationStatus, Role
from ayni.events.models import Appearance, Event, EventEmail, Registration, Speaker
from ayni.statements import selectors as statement_selectors
from ayni.supporters.models import Supporter
from ayni.supporters.retention import link_sent_since

PUBLIC_STATES = [
    EventState.PUBLISHED,
    EventState.POSTPONED,
    EventState.CANCELLED,
    EventState.FINISHED,
]


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(state__in=PUBLIC_STATES)


def _with_panel(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.prefetch_related(
        Prefetch(
            "appearances",
            queryset=Appearance.objects.select_related("speaker").order_by("order", "pk"),
        ),
        "hosts",
    )


def panel(appearances: Iterable[Appearance]) -> list[Appearance]:
    """The panel as the pages list it: the chair first, then everyone in their order."""
    return sorted(appearances, key=lambda a: (a.role != Role.CHAIR, a.order, a.pk))


def linked_statements(event: Event) -> list[tuple[Any, Any]]:
    """The event's linked statements the public may read, each with its text in the active
    language (statements.selectors.statement_text; None if it has none)."""
    statements = statement_selectors.public_statements().filter(
        pk__in=event.statements.values("pk")
    )
    return [(s, statement_selectors.statement_text(s)) for s in statements]


def _filtered(events: QuerySet[Event], *, format: str = "", language: str = "") -> QuerySet[Event]:
    if format in EventFormat.values:
        events = events.filter(format=format)
    if language:
        events = events.filter(
            Q(languages=language)
            | Q(languages__startswith=f"{language},")
            | Q(languages__endswith=f",{language}")
            | Q(languages__contains=f",{language},")
        )
    return events


def upcoming_events(*, format: str = "", language: str = "") -> QuerySet[Event]:
    """Events not yet over, soonest first (cancelled and postponed ones included: people who
    planned to come look for them)."""
    events = public_events().filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    return _with_panel(_filtered(events, format=format, language=language))


def past_events(*, format: str = "", language: str = "") -> QuerySet[Event]:
    events = public_events().filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")
    return _with_panel(_filtered(events, format=format, language=language))


def event_for_page(slug: str, *, include_drafts: bool = False) -> Event | None:
    """The event at `slug` with its panel, agenda and hosts; drafts only for a preview."""
    events = Event.objects.all() if include_drafts else public_events()
    return _with_panel(events).prefetch_related("agenda__speaker").filter(slug=slug).first()


def _how_many(status: str) -> Coalesce:
    """How many of the outer event's registrations are in `status` (a subquery)."""
    rows = Registration.objects.filter(event=OuterRef("pk"), status=status).order_by()
    return Coalesce(Subquery(rows.values("event").annotate(n=Count("pk")).values("n")), 0)


# The page cache's key is read on every view of the event page: one prepared SELECT with its two
# counts (core/prepared_select.py), as `public_events().filter(slug=slug).only(...)
# .annotate(places_taken=_how_many(CONFIRMED), places_waiting=_how_many(WAITLISTED))` reads it,
# without building that query each time (it was most of a cached page: docs/performance.md).
_EVENT_PAGE_STAMP = PreparedSelect(
    Event,
    by="slug",
    fields=[
        "slug",
        "state",
        "updated_at",
        "starts_at",
        "ends_at",
        "registration_opens_at",
        "registration_closes_at",
        "recording_url",
    ],
    filter={"state__in": PUBLIC_STATES},
    counts={
        "places_taken": ("registrations", {"status": RegistrationStatus.CONFIRMED}),
        "places_waiting": ("registrations", {"status": RegistrationStatus.WAITLISTED}),
    },
)


def event_page_stamp(slug: str) -> Event | None:
    """The public event at `slug` with only what tells its page apart, for the page's cache
    key: when it was saved, its moments, its recording, and its places taken and waiting
    (`places_taken`, `places_waiting`), in one query on the (event, status) index."""
    return _EVENT_PAGE_STAMP.get(slug)


def next_event() -> Event | None:
    """The soonest event people can still register for (the home page's block)."""
    return upcoming_events().filter(state=EventState.PUBLISHED).first()


@dataclass(frozen=True)
class Places:
    taken: int
    waiting: int
    capacity: int | None

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


def holding_or_waiting(event: Event) -> QuerySet[Registration]:
    """The event's registrations with a place or on the waiting list: a range of the
    (event, status) index, however many unconfirmed forms and cancellations the event also
    has (counted over all of the event's rows, the page took 64 ms at 100,000 unconfirmed
    forms, against 2 ms: bench/events.py)."""
    return Registration.objects.filter(
        event=event, status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    )


def places(event: Event) -> Places:
    counts = holding_or_waiting(event).aggregate(
        taken=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
    )
    return Places(counts["taken"], counts["waiting"], event.capacity)


def speaker_for_page(slug: str) -> Speaker | None:
    return Speaker.objects.filter(slug=slug).first()


def speaker_events(speaker: Speaker) -> QuerySet[Event]:
    """The public events a speaker appears at, latest first."""
    return (
        public_events()
        .filter(appearances__speaker=speaker)
        .distinct()
        .order_by("-starts_at")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.filter(speaker=speaker),
                to_attr="speaker_appearances",
            )
        )
    )


def registration_for_link(registration_id: int) -> Registration | None:
    return Registration.objects.select_related("event").filter(pk=registration_id).first()


def confirm_email_for_link(email_id: int) -> EventEmail | None:
    """The confirmation email a confirm link names, with its registration and event."""
    return (
        EventEmail.objects.select_related("registration__event")
        .filter(pk=email_id, kind=EmailKind.CONFIRM)
        .first()
    )


def supporter_registrations(supporter_id: int) -> QuerySet[Registration]:
    """Every registration of the supporter: those confirmed as theirs, and those made with
    their address and never confirmed."""
    email = Supporter.objects.filter(pk=supporter_id).values_list("email_normalised", flat=True)
    return (
        Registration.objects.filter(Q(supporter_id=supporter_id) | Q(email_normalised__in=email))
        .select_related("event")
        .order_by("created_at")
    )


def unconfirmed_registrations(before: datetime) -> QuerySet[Registration]:
    """Registrations whose address was never confirmed (pending, or cancelled before
    confirming; one renewed after a cancellation counts from its renewal) and whose last
    confirmation email went out before `before`: the supporters' retention job erases them.
    They hold no place and wait for none."""
    recent = EventEmail.objects.filter(registration=OuterRef("pk")).filter(link_sent_since(before))
    return Registration.objects.filter(
        status__in=[RegistrationStatus.PENDING, RegistrationStatus.CANCELLED],
        confirmed_at__isnull=True,
        created_at__lt=before,
    ).exclude(Exists(recent))


def with_places_taken(events: QuerySet[Event]) -> QuerySet[Event]:
    """The events with `places_taken` counted alongside (a list shows places left without a
    query per event), each on its range of the (event, status) index, as `event_page_stamp`
    counts them: not over all of an event's rows, unconfirmed forms and cancellations too."""
    return events.annotate(places_taken=_how_many(RegistrationStatus.CONFIRMED))


def event_language_codes() -> list[str]:
    """The languages spoken at public events, for the list's filter."""
    codes = {
        code.strip()
        for languages in public_events().values_list("languages", flat=True).distinct()
        for code in languages.split(",")
        if code.strip()
    }
    return sorted(codes)


def waiting_position(registration: Registration) -> int:
    """Where a waitlisted registration stands in the queue (1: next to get a place)."""
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def public_event(slug: str) -> Event | None:
    """The public event at `slug`, alone (the register form's target)."""
    return public_events().filter(slug=slug).first()


# Registering reads the event on every form: one prepared SELECT (core/prepared_select.py), as
# the ORM's `public_events().filter(slug=slug).only(...)` would read it, without building that
# query each time (it was about 40% of a registration: docs/performance.md § Events).
_EVENT_TO_REGISTER = PreparedSelect(
    Event,
    by="slug",
    fields=["slug", "state", "ends_at", "registration_opens_at", "registration_closes_at"],
    filter={"state__in": PUBLIC_STATES},
)


def event_to_register(slug: str) -> Event | None:
    """The public event at `slug` with only what taking a register form needs (whether
    registration is open, and the row to attach to): the register view reads nothing else,
    and the event's whole row is most of a registration's reading."""
    return _EVENT_TO_REGISTER.get(slug)


# Each email a worker sends reads its row, the registration and the event: three prepared
# SELECTs by primary key (core/prepared_select.py) read them as the ORM's
# `select_related("registration__event", "message")` would, without building that three-table
# query for every email (it was about a quarter of a reminder's cost: docs/performance.md
# § Events).
_EMAIL = PreparedSelect(EventEmail, by="id")
_REGISTRATION = PreparedSelect(Registration, by="id")
_EVENT = PreparedSelect(Event, by="id")


def email_to_send(email_id: int) -> EventEmail | None:
    """The email row `email_id` with its registration, the registration's event and the
    organiser's message (if any) attached, or None if there is no such row."""
    email = _EMAIL.get(email_id)
    if email is None:
        return None
    registration = _REGISTRATION.get(email.registration_id)
    event = _EVENT.get(registration.event_id) if registration is not None else None
    if registration is None or event is None:  # deleted since (not under the row's foreign key)
        return None
    registration.event = event
    email.registration = registration
    if email.message_id is None:
        email.message = None
    return email


# --- The back office: an event's dashboard, check-in and messages ----------------------------

ACTIVE = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]


@dataclass(frozen=True)
class RegistrationCounts:
    confirmed: int
    waitlisted: int
    cancelled: int
    pending: int
    checked_in: int
    wants_report_back: int

    @property
    def active(self) -> int:
        """Registered or waiting: those an organiser's message or a cancellation reaches."""
        return self.confirmed + self.waitlisted


def registration_counts(event: Event) -> RegistrationCounts:
    """Registrations by status, and those checked in, in one query."""
    status = RegistrationStatus
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=status.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=status.CANCELLED)),
        pending=Count("pk", filter=Q(status=status.PENDING)),
        checked_in=Count("pk", filter=Q(status=status.CONFIRMED, checked_in_at__isnull=False)),
        wants_report_back=Count("pk", filter=Q(status__in=ACTIVE, wants_report_back=True)),
    )
    return RegistrationCounts(**counts)


def registrations_per_day(event: Event) -> dict[date, int]:
    """Addresses confirmed per day, the days as on the event's clocks."""
    rows = (
        Registration.objects.filter(event=event, confirmed_at__isnull=False)
        .annotate(day=TruncDate("confirmed_at", tzinfo=event.zone))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return {row["day"]: row["n"] for row in rows}


def registrations_by_country(event: Event) -> list[tuple[str, int]]:
    """Country codes ("" for none given) of those registered or waiting, most first."""
    rows = (
        Registration.objects.filter(event=event, status__in=ACTIVE)
        .values("country")
        .annotate(n=Count("pk"))
        .order_by("-n", "country")
    )
    return [(row["country"], row["n"]) for row in rows]


def registrations_by_host(event: Event) -> list[tuple[str, str, int]]:
    """(host name, its link code, count) of those registered or waiting, most first; the
    registrations no host's link brought under ("", "")."""
    rows = (
        Registration.objects.filter(event=event, status__in=ACTIVE)
        .values("via__name", "via__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "via__name")
    )
    return [(row["via__name"] or "", row["via__code"] or "", row["n"]) for row in rows]


@dataclass(frozen=True)
class SpeakerPoints:
    """A panel member's key points, as the event's page shows them after the event."""

    name: str
    role: str  # its label in the text's language: "Chair", "Presidencia"
    affiliation: str
    key_points: str  # Markdown


@dataclass(frozen=True)
class LinkedStatement:
    """A statement the event links to: its title in the text's language and its address."""

    title: str
    url: str


@dataclass(frozen=True)
class ReportBackText:
    """A report-back in one language: the event's title and summary, its written report-back,
    the speakers' key points (in the panel's order) and the linked statements, as the event's
    page shows them in that language, and the follow-up actions (Markdown)."""

    title: str
    summary: str
    report_back: str
    follow_up: str
    key_points: tuple[SpeakerPoints, ...] = ()
    statements: tuple[LinkedStatement, ...] = ()


@dataclass(frozen=True)
class PublishedReportBack:
    """What the public may read of an event's report-back, for other apps to show (the
    newsroom's report-back articles): plain values, no model."""

    event_id: int
    slug: str
    published_at: datetime
    recording_url: str
    attendance: int | None
    texts: dict[str, ReportBackText]  # by language, only those with a report-back written


# The states in which an event's published report-back is shown (a cancelled event has none).
REPORT_BACK_STATES = [EventState.PUBLISHED, EventState.FINISHED]


def _report_back_text(event: Event, language: str, speakers: list[Appearance]) -> ReportBackText:
    with translation.override(language):
        return ReportBackText(
            title=event.text("title", language),
            summary=event.text("summary", language),
            report_back=event.text("report_back", language),
            # Its own language's only: English actions under a Spanish report-back read oddly.
            follow_up=getattr(event, f"follow_up_{language}"),
            key_points=tuple(
                SpeakerPoints(
                    name=appearance.speaker.name,
                    role=str(appearance.get_role_display()),
                    affiliation=appearance.speaker.affiliation,
                    key_points=appearance.text("key_points", language),
                )
                for appearance in speakers
                if appearance.text("key_points", language).strip()
            ),
            statements=tuple(
                LinkedStatement(
                    title=text.title if text is not None and text.title else statement.slug,
                    url=statement.get_absolute_url(),
                )
                for statement, text in linked_statements(event)
            ),
        )


def event_name(event_id: int) -> str | None:
    """The event's name as the back office lists it (its English title), or None if there is
    no such event (any state: the newsroom's back office names a report-back's event)."""
    return Event.objects.filter(pk=event_id).values_list("title_en", flat=True).first()


def published_report_back(event_id: int) -> PublishedReportBack | None:
    """The event's report-back as the public may read it, in each language it is written in
    (title, summary and each speaker's key points falling back to English, as on the event's
    page); None when there is none to show: no such event, not published or finished (a
    draft, a cancelled one), its report-back not published or not written."""
    event = Event.objects.filter(
        pk=event_id, state__in=REPORT_BACK_STATES, report_back_published_at__isnull=False
    ).first()
    if event is None or event.report_back_published_at is None:
        return None
    languages = [code for code in Event.LANGUAGES if getattr(event, f"report_back_{code}").strip()]
    if not languages:
        return None
    speakers = panel(event.appearances.select_related("speaker"))
    return PublishedReportBack(
        event_id=event.pk,
        slug=event.slug,
        published_at=event.report_back_published_at,
        recording_url=event.recording_url,
        attendance=event.attendance,
        texts={code: _report_back_text(event, code, speakers) for code in languages},
    )
