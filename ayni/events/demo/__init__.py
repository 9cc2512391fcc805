"""The events' demo: the seed event of 16 May 2022 as it happened, with its panel and
report-back, and two upcoming fictional events with fictional registrants, one of them full
with a waiting list. `seed_demo` is events' demo seeder (declared in platform.py and run by
`manage.py seed_demo`).

Events, speakers, panels and agendas are written in the back office, so there is no service
to create one: they are cleaned and saved here, then go through what an organiser's save goes
through (`save_event`, `finish_past_events`, `publish_report_back`). Registrants go through
what a real registrant goes through: `register_for_event`, then `confirm_registration`
(their Supporter and consent, a place or the waiting list, in confirmation order).

What a demo needs beyond life is then written directly, in one place for each event
(`_backdate`, `_forestall_reminders`): registration spread over the last days, the emails
marked sent, and the reminders the worker would make due as the events come near recorded as
not due. The fictional addresses get no mail, now or later, even with a real mail server.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from ayni.core.demo import people
from ayni.events import selectors
from ayni.events.demo import people_in_power
from ayni.events.demo.upcoming import EVENTS, Upcoming
from ayni.events.enums import EmailKind, EventState
from ayni.events.models import (
    AgendaItem,
    Appearance,
    Event,
    EventEmail,
    Host,
    Registration,
    Speaker,
)
from ayni.events.services.backoffice import finish_past_events, publish_report_back, save_event
from ayni.events.services.registering import confirm_registration, register_for_event
from ayni.events.services.reminders import reminder_key
from ayni.statements import selectors as statement_selectors

# statements' demo statement (its demo.SLUG), the follow-up the report-back links to.
DEMO_STATEMENT_SLUG = "stand-with-democracy-in-bolivia"

ACCESS_NEEDS = {
    "en": ["", "", "", "", "Captions, please.", "I may need to step away for a few minutes."],
    "es": ["", "", "", "Subtítulos, por favor.", "Puede que necesite salir unos minutos."],
}
Row = TypeVar("Row", bound=models.Model)
NOT_DUE: dict[str, Any] = {
    "email_due": "",
    "email_due_at": None,
    "email_queued_at": None,
    "email_claimed_at": None,
}


def seed_demo() -> list[str]:
    """events' demo seeder: each demo event once. Returns what to tell the operator."""
    lines = []
    if not Event.objects.filter(slug=people_in_power.EVENT["slug"]).exists():
        event = seed_past_event()
        lines.append(f"Loaded the demo event of 16 May 2022: {event.get_absolute_url()}")
    for plan in EVENTS:
        if Event.objects.filter(slug=plan.event["slug"]).exists():
            continue
        event = seed_upcoming_event(plan)
        places = selectors.places(event)
        lines.append(
            f"Loaded the demo event: {event.get_absolute_url()} "
            f"({places.taken} registered, {places.waiting} on the waiting list)"
        )
    return lines


@transaction.atomic
def seed_past_event() -> Event:
    """The seed event, finished, with its panel, report-back and linked statement."""
    content = people_in_power
    event = _new_event(
        content.EVENT,
        starts_at=content.STARTS_AT,
        ends_at=content.ENDS_AT,
        hosts=content.HOSTS,
    )
    _add_panel(event, content.PANEL)
    save_event(event=event, before=None)
    finish_past_events()
    event.refresh_from_db()
    for field, text in content.REPORT_BACK.items():
        setattr(event, field, text)
    _saved(event)
    statement = statement_selectors.public_statement(DEMO_STATEMENT_SLUG)
    if statement is not None:
        event.statements.add(statement)
    # As it would have happened: reported four days after (set first, so the report-back keeps
    # this time wherever it is shown: the newsroom's article too), announced three weeks ahead.
    Event.objects.filter(pk=event.pk).update(
        report_back_published_at=content.ENDS_AT + timedelta(days=4)
    )
    publish_report_back(event=event)
    Event.objects.filter(pk=event.pk).update(published_at=content.STARTS_AT - timedelta(days=21))
    event.refresh_from_db()
    return event


@transaction.atomic
def seed_upcoming_event(
    plan: Upcoming, *, now: datetime | None = None, rng: random.Random | None = None
) -> Event:
    """One upcoming fictional event, `plan.days_ahead` days from `now`, and its registrants."""
    now = now or timezone.now()
    rng = rng or random.Random(plan.email_tag)  # noqa: S311 (demo data, not security)
    zone = ZoneInfo(plan.event["time_zone"])
    day = now.astimezone(zone).date() + timedelta(days=plan.days_ahead)
    starts_at = datetime.combine(day, plan.starts, tzinfo=zone)
    event = _new_event(
        plan.event,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=plan.minutes),
        hosts=[*people_in_power.HOSTS, *plan.co_hosts],
    )
    speakers = _add_panel(event, plan.panel)
    _add_agenda(event, plan.agenda, speakers)
    save_event(event=event, before=None)
    hosts = list(event.hosts.all())
    for index in range(plan.registrants):
        registration = register_for_event(event=event, **_registrant(plan, index, hosts, rng))
        confirm_registration(registration)
    _backdate(event, since=now - timedelta(days=plan.opened_days_ago), now=now, rng=rng)
    _forestall_reminders(event)
    return event


def _new_event(
    fields: dict[str, Any],
    *,
    starts_at: datetime,
    ends_at: datetime,
    hosts: Iterable[tuple[str, str]],
) -> Event:
    event = _saved(
        Event(state=EventState.PUBLISHED, starts_at=starts_at, ends_at=ends_at, **fields)
    )
    event.hosts.set([_known_or_new(Host, "code", name=name, code=code) for name, code in hosts])
    return event


def _saved(row: Row) -> Row:
    """`row` cleaned and saved, as the back office's save would."""
    row.full_clean()
    row.save()
    return row


def _known_or_new(model: type[Row], key: str, **fields: Any) -> Row:
    """The row whose `key` is `fields[key]` (a host or speaker an earlier demo event made),
    else a new one of `fields`."""
    known = model._default_manager.filter(**{key: fields[key]}).first()
    return known if known is not None else _saved(model(**fields))


def _add_panel(event: Event, panel: list[dict[str, Any]]) -> dict[str, Speaker]:
    """The panel in the order given; a speaker already known (by slug) is reused. Returns the
    speakers by slug."""
    speakers = {}
    for order, entry in enumerate(panel):
        details = dict(entry)
        role = details.pop("role")
        points = {
            field: details.pop(field, "") for field in Appearance.bilingual_fields("key_points")
        }
        speaker = _known_or_new(Speaker, "slug", **details)
        _saved(Appearance(event=event, speaker=speaker, role=role, order=order, **points))
        speakers[speaker.slug] = speaker
    return speakers


def _add_agenda(
    event: Event, agenda: list[tuple[time, str, str, str]], speakers: dict[str, Speaker]
) -> None:
    for at, title_en, title_es, slug in agenda:
        _saved(
            AgendaItem(
                event=event, at=at, title_en=title_en, title_es=title_es, speaker=speakers.get(slug)
            )
        )


def _registrant(
    plan: Upcoming, index: int, hosts: list[Host], rng: random.Random
) -> dict[str, Any]:
    """What a fictional registrant types into the form (and the host whose link they used)."""
    first, last = rng.choice(people.FIRST_NAMES), rng.choice(people.SURNAMES)
    language = "es" if rng.random() < plan.spanish_share else "en"
    return {
        "name": f"{first} {last}",
        "email": f"{first}.{last}.{plan.email_tag}{index}@example.org".lower(),
        "language": language,
        "country": rng.choice(people.COUNTRIES),
        "organisation": rng.choice(people.ORGANISATIONS)[0] if rng.random() < 0.4 else "",
        "access_needs": rng.choice(ACCESS_NEEDS[language]),
        "wants_updates": rng.random() < 0.5,
        "wants_report_back": rng.random() < 0.7,
        "via": rng.choice([None, None, *hosts]),
    }


def _backdate(event: Event, *, since: datetime, now: datetime, rng: random.Random) -> None:
    """Registration spread from `since` to `now`, in the order it happened (so places and the
    waiting list keep theirs), each address confirmed within the next hour and a half, and
    each email marked sent when it was made."""
    registrations = list(Registration.objects.filter(event=event).order_by("pk"))
    step = (now - since) / max(len(registrations), 1)
    for index, registration in enumerate(registrations):
        created = since + step * index + timedelta(minutes=rng.randint(0, 30))
        confirmed = created + timedelta(minutes=rng.randint(2, 90))
        registration.created_at = created
        registration.confirmed_at = confirmed
        if registration.placed_at is not None:
            registration.placed_at = confirmed
        if registration.waitlisted_at is not None:
            registration.waitlisted_at = confirmed
        emails = EventEmail.objects.filter(registration=registration)
        emails.filter(kind=EmailKind.CONFIRM).update(
            created_at=created, emailed_at=created, **NOT_DUE
        )
        emails.exclude(kind=EmailKind.CONFIRM).update(
            created_at=confirmed, emailed_at=confirmed, **NOT_DUE
        )
    Registration.objects.bulk_update(
        registrations, ["created_at", "confirmed_at", "placed_at", "waitlisted_at"]
    )


def _forestall_reminders(event: Event) -> None:
    """Record now, as not due, the reminders the periodic job (`schedule_reminders`) would
    make due before the event: one per registration and offset, keyed as the job keys them,
    so the unique constraint keeps it from queueing them. A start time changed later is
    reminded afresh, as for anyone."""
    registrations = Registration.objects.filter(event=event)
    EventEmail.objects.bulk_create(
        [
            EventEmail(
                registration=registration,
                kind=EmailKind.REMINDER,
                key=reminder_key(event, hours),
            )
            for registration in registrations
            for hours in settings.EVENT_REMINDER_HOURS
        ],
        ignore_conflicts=True,
    )
