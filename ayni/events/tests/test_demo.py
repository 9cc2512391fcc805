"""The events' demo: the seed event as it happened, two upcoming fictional events (one full, with
a waiting list), every registrant through the services, and no mail to fictional people."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ayni.core import registry
from ayni.core.demo.seed import seed_demo
from ayni.core.worker import run_pending_tasks
from ayni.events import demo, selectors
from ayni.events.demo import people_in_power
from ayni.events.demo.upcoming import IN_PERSON, ONLINE
from ayni.events.enums import (
    REGISTRATION_CONSENT,
    REPORT_BACK_CONSENT,
    EmailKind,
    EventFormat,
    EventState,
    RegistrationStatus,
    Role,
)
from ayni.events.models import (
    AgendaItem,
    Appearance,
    Event,
    EventEmail,
    Host,
    Registration,
    Speaker,
)
from ayni.events.services.registering import confirm_registration, register_for_event
from ayni.events.services.reminders import schedule_reminders
from ayni.events.tasks import dispatch_event_emails
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.models import Consent, Supporter
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> list[str]:
    return demo.seed_demo()


def counts() -> dict[str, int]:
    models = [Event, Host, Speaker, Appearance, AgendaItem, Registration, EventEmail]
    return {model.__name__: model.objects.count() for model in [*models, Supporter, Consent]}


def test_seed_demo_loads_three_events_and_says_where(seeded):
    assert seeded == [
        "Loaded the demo event of 16 May 2022: "
        "/en/events/solidarity-with-bolivia-the-people-in-power/",
        "Loaded the demo event: /en/events/lithium-and-sovereignty/ "
        "(20 registered, 0 on the waiting list)",
        "Loaded the demo event: /en/events/twin-your-branch-with-bolivia/ "
        "(12 registered, 3 on the waiting list)",
    ]


def test_the_site_seeds_the_events_demo_after_the_statements_one(settings, tmp_path):
    settings.VAR_DIR = tmp_path

    loaded, _logins = seed_demo()

    seeders = registry.demo_seeders()
    # motions', the news' and the members' follow
    assert seeders.index(demo.seed_demo) == len(seeders) - 4
    assert [line.split(":")[0] for line in loaded] == [
        "Loaded the demo statement",
        "Loaded the demo event of 16 May 2022",
        "Loaded the demo event",
        "Loaded the demo event",
        "Loaded the demo motion",
        "Loaded the demo news",
        "Loaded the demo members",
    ]
    # Seeded after statements, the report-back links the demo statement.
    event = Event.objects.get(slug=people_in_power.EVENT["slug"])
    assert list(event.statements.values_list("slug", flat=True)) == [demo.DEMO_STATEMENT_SLUG]


def test_seeding_twice_loads_nothing_more(seeded):
    before = counts()

    again = demo.seed_demo()

    assert again == []
    assert counts() == before
    assert before["Event"] == 3


def test_the_seed_event_is_past_and_finished_with_its_chair_and_panel_in_order(seeded):
    event = Event.objects.get(slug=people_in_power.EVENT["slug"])

    panel = [
        (a.speaker.name, a.role, a.speaker.affiliation)
        for a in event.appearances.select_related("speaker").order_by("order")
    ]
    assert panel == [
        ("Christine Blower", Role.CHAIR, "Labour Friends of Progressive Latin America"),
        ("John McDonnell", Role.SPEAKER, "Labour MP for Hayes and Harlington"),
        ("Tim Young", Role.SPEAKER, "Friends of Bolivia"),
        ("Juana Maldonado", Role.SPEAKER, "Wiphalas Across the World"),
        (
            "Dr Francisco Dominguez",
            Role.SPEAKER,
            "Head of Latin American Studies, Middlesex University",
        ),
        ("Miriam Amancay Colque", Role.SPEAKER, "The Bartolina Sisa Resistance"),
        ("Ollie Vargas", Role.SPEAKER, "Journalist, Kawsachun News"),
        (
            "Diego Pary",
            Role.SPEAKER,
            "Bolivia's Ambassador to the United Nations, former Foreign Minister",
        ),
    ]
    assert (event.title_en, event.state, event.format) == (
        "Solidarity With Bolivia – the People in Power",
        EventState.FINISHED,
        EventFormat.ONLINE,
    )
    assert event.local(event.starts_at).date() == date(2022, 5, 16)
    assert list(event.hosts.values_list("name", flat=True)) == ["Friends of Bolivia"]
    assert list(selectors.past_events()) == [event]
    # What the seed does not say is left for the organiser, not made up.
    assert (event.recording_url, event.attendance, event.meeting_url) == ("", None, "")
    assert not Speaker.objects.filter(appearances__event=event).exclude(bio_en="").exists()
    assert not event.registrations.exists()
    assert not event.agenda.exists()


def test_the_seed_events_report_back_is_in_both_languages_with_key_points_per_speaker(seeded):
    event = Event.objects.get(slug=people_in_power.EVENT["slug"])

    assert event.report_back_published_at is not None
    assert event.report_back_en.startswith("Thousands of people joined Friends of Bolivia")
    assert event.report_back_es.startswith("Miles de personas se sumaron")
    assert event.follow_up_en and event.follow_up_es
    for appearance in event.appearances.all():
        assert appearance.key_points_en.startswith("- "), appearance
        assert appearance.key_points_es.startswith("- "), appearance
    mcdonnell = event.appearances.get(speaker__slug="john-mcdonnell")
    assert '"the opposite of what is needed"' in mcdonnell.key_points_en
    assert "«lo contrario de lo que hace falta»" in mcdonnell.key_points_es


# Forms a Spanish text takes only when it addresses the reader as "usted".
USTED = [
    r"\busted(es)?\b",
    r"\b(súmese|inscríbase|firme|comparta|lleve|pida|traiga|apúntese|cuéntenos|envíe)\b",
    r"\b(tiene|puede) (usted|enviar sus)\b",
]


def spanish_texts() -> list[str]:
    plans = [ONLINE, IN_PERSON]
    texts = [text for key, text in people_in_power.EVENT.items() if key.endswith("_es")]
    texts += [text for key, text in people_in_power.REPORT_BACK.items() if key.endswith("_es")]
    texts += [entry["key_points_es"] for entry in people_in_power.PANEL]
    for plan in plans:
        texts += [str(text) for key, text in plan.event.items() if key.endswith("_es")]
        texts += [entry.get("bio_es", "") for entry in plan.panel]
        texts += [title_es for _at, _en, title_es, _slug in plan.agenda]
    texts += demo.ACCESS_NEEDS["es"]
    return texts


@pytest.mark.parametrize("pattern", USTED)
def test_the_demos_spanish_addresses_the_reader_as_tu(pattern):
    found = [text for text in spanish_texts() if re.search(pattern, text, re.IGNORECASE)]

    assert found == []
    assert any("Súmate" in text for text in spanish_texts())


def test_the_report_back_links_the_demo_statement_when_there_is_one():
    statement = StatementFactory(slug=demo.DEMO_STATEMENT_SLUG)

    demo.seed_demo()

    event = Event.objects.get(slug=people_in_power.EVENT["slug"])
    assert list(event.statements.all()) == [statement]


def test_without_the_demo_statement_the_report_back_links_none(seeded):
    event = Event.objects.get(slug=people_in_power.EVENT["slug"])

    assert not event.statements.exists()


def test_the_london_workshop_is_full_with_three_on_the_waiting_list_in_order(seeded):
    event = Event.objects.get(slug=IN_PERSON.event["slug"])
    places = selectors.places(event)

    assert (places.capacity, places.taken, places.waiting, places.full) == (12, 12, 3, True)
    assert (event.format, event.time_zone, event.venue_name) == (
        EventFormat.IN_PERSON,
        "Europe/London",
        "Tanner Lane Community Centre",
    )
    placed = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED)
    # The first twelve to confirm hold the places; the next three wait, first come first.
    assert max(placed.values_list("confirmed_at", flat=True)) < min(
        waiting.values_list("confirmed_at", flat=True)
    )
    assert list(waiting.order_by("waitlisted_at").values_list("pk", flat=True)) == sorted(
        waiting.values_list("pk", flat=True)
    )
    codes = set(placed.values_list("check_in_code", flat=True))
    assert len(codes) == 12 and "" not in codes
    assert set(waiting.values_list("check_in_code", flat=True)) == {""}


def test_the_upcoming_events_are_ahead_at_their_local_times(seeded):
    online = Event.objects.get(slug=ONLINE.event["slug"])
    london = Event.objects.get(slug=IN_PERSON.event["slug"])
    today = timezone.now()

    assert list(selectors.upcoming_events()) == [online, london]
    assert (online.starts_at - today).days in (9, 10)
    assert (london.starts_at - today).days in (23, 24)
    assert online.local(online.starts_at).time() == time(18, 0)
    assert london.local(london.starts_at).time() == time(18, 30)
    assert (online.time_zone, online.languages, online.interpretation) == (
        "America/La_Paz",
        "es,en",
        "Spanish ↔ English",
    )
    assert online.capacity is None
    assert [item.at for item in online.agenda.all()][:2] == [time(18, 0), time(18, 10)]
    assert {(e.state, e.published_at is not None) for e in (online, london)} == {
        (EventState.PUBLISHED, True)
    }


def test_each_upcoming_event_has_its_panel_agenda_and_hosts_as_planned(seeded):
    for plan in (ONLINE, IN_PERSON):
        event = Event.objects.get(slug=plan.event["slug"])

        appearances = event.appearances.select_related("speaker").order_by("order")
        assert [(a.speaker.slug, a.role) for a in appearances] == [
            (entry["slug"], entry["role"]) for entry in plan.panel
        ]
        agenda = event.agenda.select_related("speaker").order_by("at")
        assert [
            (item.at, item.title_en, item.title_es, item.speaker.slug if item.speaker else "")
            for item in agenda
        ] == plan.agenda
        assert sorted(event.hosts.values_list("code", flat=True)) == sorted(
            code for _name, code in [*people_in_power.HOSTS, *plan.co_hosts]
        )
    # The host every event shares is made once, with the seed event, and found after.
    hosts = [*people_in_power.HOSTS, *ONLINE.co_hosts, *IN_PERSON.co_hosts]
    assert sorted(Host.objects.values_list("code", flat=True)) == sorted(c for _n, c in hosts)


def test_upcoming_dates_count_from_the_day_the_demo_is_loaded():
    later = timezone.now() + timedelta(days=400)

    event = demo.seed_upcoming_event(ONLINE, now=later)

    assert event.local(event.starts_at).date() == (
        later.astimezone(event.zone).date() + timedelta(days=10)
    )
    assert event.registrations.count() == 20


def test_every_registrant_went_through_the_services(seeded):
    registrations = Registration.objects.all()
    now = timezone.now()

    assert registrations.count() == 35
    assert not registrations.filter(confirmed_at__isnull=True).exists()
    assert not registrations.filter(supporter__isnull=True).exists()
    assert all(
        email.endswith("@example.org") for email in registrations.values_list("email", flat=True)
    )
    assert Supporter.objects.count() == 35
    assert Consent.objects.filter(purpose=REGISTRATION_CONSENT.purpose).count() == 35
    assert (
        Consent.objects.filter(purpose=REPORT_BACK_CONSENT.purpose).count()
        == registrations.filter(wants_report_back=True).count()
    )
    assert (
        Consent.objects.filter(purpose=ConsentPurpose.CAMPAIGN_UPDATES).count()
        == registrations.filter(wants_updates=True).count()
    )
    # Registration spread over the last days, each confirmed soon after.
    created = sorted(registrations.values_list("created_at", flat=True))
    assert created[-1] < now and created[-1] - created[0] > timedelta(days=10)
    for registration in registrations:
        assert (
            timedelta(0) < registration.confirmed_at - registration.created_at < timedelta(hours=2)
        )
    # Some came through a co-host's link.
    assert registrations.exclude(via=None).exclude(via__code="friends-of-bolivia").exists()


def test_no_email_is_due_to_the_fictional_registrants_now_or_as_the_events_near(seeded, mailbox):
    assert not EventEmail.objects.exclude(email_due="").exists()
    sent = EventEmail.objects.exclude(kind=EmailKind.REMINDER)
    assert not sent.filter(emailed_at__isnull=True).exists()  # their story: emails went out

    queued = 0
    for event in Event.objects.filter(state=EventState.PUBLISHED):
        for hours in (24, 1):
            queued += schedule_reminders(now=event.starts_at - timedelta(hours=hours, minutes=-1))

    assert queued == 0  # each reminder was found recorded already
    assert not EventEmail.objects.exclude(email_due="").exists()
    assert dispatch_event_emails() == 0
    run_pending_tasks()
    assert DBTaskResult.objects.count() == 0
    assert mailbox.messages == []


def test_a_real_registrant_after_the_demo_is_still_reminded(seeded):
    event = Event.objects.get(slug=ONLINE.event["slug"])
    registration = register_for_event(
        event=event, name="Real Person", email="real@example.net", language="en"
    )
    confirm_registration(registration)
    Registration.objects.filter(pk=registration.pk).update(
        placed_at=timezone.now() - timedelta(days=1)
    )

    schedule_reminders(now=event.starts_at - timedelta(hours=23))

    due = EventEmail.objects.exclude(email_due="")
    assert list(due.values_list("registration__email", "kind")) == [
        ("real@example.net", EmailKind.CONFIRMED),
        ("real@example.net", EmailKind.REMINDER),
    ]
