"""An event's page: what it tells a visitor before, during and after the event, in English and
Spanish, and its preview for those who may edit events."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from django.urls import reverse

from ayni.core.middleware import CONTENT_SECURITY_POLICY
from ayni.events.enums import EventFormat, EventState, Role
from ayni.events.models import AgendaItem, Event
from ayni.events.tests.page_builders import (
    appear,
    make_event,
    make_host,
    make_speaker,
    registered,
    url_in,
)
from tests.access import assert_access
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

MAY_16 = datetime(2031, 5, 16, 17, 0, tzinfo=UTC)  # a Friday; 18:00 in London (BST)


def page_of(client, event, language: str = "en", **query) -> str:
    response = client.get(url_in(language, "events:detail", slug=event.slug), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_says_when_in_the_events_zone_and_carries_the_instant_for_the_browser(client):
    event = make_event(starts_at=MAY_16, time_zone="Europe/London")

    page = page_of(client, event)

    assert "Friday 16 May 2031, 18:00–20:00 (Europe/London, UTC+01:00)" in page
    # The visitor's own time is computed by the static script from the UTC instants.
    assert 'data-starts="2031-05-16T17:00:00+00:00"' in page
    assert 'data-ends="2031-05-16T19:00:00+00:00"' in page
    assert '<script src="/static/events/events.js" defer></script>' in page
    assert "<script>" not in page


def test_an_event_over_midnight_names_both_days(client):
    event = make_event(
        starts_at=datetime(2031, 1, 10, 22, 0, tzinfo=UTC), hours=3, time_zone="America/La_Paz"
    )

    page = page_of(client, event)

    assert (
        "Friday 10 January 2031, 18:00 – Friday 10 January 2031, 21:00" not in page
        and "Friday 10 January 2031, 18:00–21:00 (America/La Paz, UTC-04:00)" in page
    )
    late = make_event(starts_at=datetime(2031, 1, 10, 23, 0, tzinfo=UTC), hours=2)
    assert "Friday 10 January 2031, 23:00 – Saturday 11 January 2031, 01:00" in page_of(
        client, late
    )


def test_the_page_shows_the_description_venue_languages_access_hosts(client):
    event = make_event(
        format=EventFormat.IN_PERSON,
        venue_name="Conway Hall",
        venue_address="25 Red Lion Square\nLondon WC1R 4RL",
        description_en="**Bring** a friend.",
        interpretation="English ↔ Spanish",
        accessibility_en="Step-free access; BSL interpretation.",
    )
    host = make_host("Bolivia Solidarity Campaign", "bsc")
    host.website = "https://bolivia.example.org/"
    host.save()
    event.hosts.add(host)
    # Saved before the form refused HTML, say: the page still shows none of it.
    Event.objects.filter(pk=event.pk).update(
        description_en="**Bring** a friend.\n\n<script>alert(1)</script>"
    )

    page = page_of(client, event)

    assert "<strong>Bring</strong> a friend." in page
    assert "<script>alert" not in page
    assert "Conway Hall" in page
    assert (
        'href="https://www.openstreetmap.org/search?query=25%20Red%20Lion%20Square%2C%20London'
        '%20WC1R%204RL"' in page
    )
    # A plain link: no map is embedded, nothing loads from another host.
    assert "<iframe" not in page
    assert "English, Spanish" in page
    assert "English ↔ Spanish" in page
    assert "Step-free access; BSL interpretation." in page
    assert (
        '<a href="https://bolivia.example.org/" rel="noopener">Bolivia Solidarity Campaign</a>'
        in page
    )


def test_an_online_event_has_no_venue_and_says_the_link_is_emailed(client):
    event = make_event(format=EventFormat.ONLINE, venue_address="Somewhere")

    page = page_of(client, event)

    assert "openstreetmap" not in page
    assert "we email you your own link to join" in page


def test_the_panel_has_the_chair_first_with_roles_linking_to_speaker_pages(client):
    event = make_event()
    speaker = make_speaker("Bea Choque", affiliation="General Secretary, Miners' Union")
    chair = make_speaker("Carla Condori")
    interpreter = make_speaker("Dora Flores")
    appear(event, speaker, Role.SPEAKER, order=1)
    appear(event, interpreter, Role.INTERPRETER, order=2)
    appear(event, chair, Role.CHAIR, order=9)

    page = page_of(client, event)

    panel = page.split('id="panel-heading"')[1].split("</section>")[0]
    names = [panel.index(n) for n in ("Carla Condori", "Bea Choque", "Dora Flores")]
    assert names == sorted(names)
    assert f'<a href="/en/events/speakers/{chair.slug}/">Carla Condori</a>' in panel
    assert '<span class="role">Chair</span>' in panel
    assert '<span class="role">Interpreter</span>' in panel
    assert "General Secretary, Miners&#x27; Union" in panel


def test_the_agenda_in_order_with_its_speakers(client):
    event = make_event()
    speaker = make_speaker("Bea Choque")
    AgendaItem.objects.create(event=event, at=time(18, 30), title_en="Panel", speaker=speaker)
    AgendaItem.objects.create(event=event, at=time(18, 0), title_en="Welcome")

    page = page_of(client, event)

    agenda = page.split('id="agenda-heading"')[1].split("</section>")[0]
    assert agenda.index("18:00") < agenda.index("18:30")
    assert f'Panel — <a href="/en/events/speakers/{speaker.slug}/">Bea Choque</a>' in agenda


def test_places_left_and_a_full_event(client):
    event = make_event(capacity=2)
    registered(event, "one@example.org")
    assert "1 place left" in page_of(client, event)

    registered(event, "two@example.org")
    page = page_of(client, event)
    assert "Full — you will join the waiting list" in page
    assert "Join the waiting list</button>" in page


def test_no_capacity_says_nothing_about_places(client):
    page = page_of(client, make_event(capacity=None))

    assert "places left" not in page
    assert "Full" not in page
    assert '<h2 id="register-heading">Register</h2>' in page


def test_registration_not_open_yet_shows_when_it_opens_and_no_form(client):
    event = make_event(
        starts_at=MAY_16 + timedelta(days=30),
        registration_opens_at=datetime(2031, 6, 1, 8, 0, tzinfo=UTC),
    )

    page = page_of(client, event)

    assert "Registration opens on Sunday 1 June 2031, 09:00 (Europe/London, UTC+01:00)." in page
    assert 'action="/en/events/' not in page


def test_registration_closed_says_so_and_has_no_form(client):
    event = make_event(registration_closes_at=datetime(2020, 1, 1, tzinfo=UTC))

    page = page_of(client, event)

    assert "Registration has closed." in page
    assert "/register/" not in page


@pytest.mark.parametrize(
    ("state", "banner"),
    [
        (EventState.CANCELLED, "This event has been cancelled."),
        (EventState.POSTPONED, "This event has been postponed."),
    ],
)
def test_cancelled_and_postponed_banners_and_no_register_form(client, state, banner):
    page = page_of(client, make_event(state=state))

    assert banner in page
    assert "/register/" not in page


def test_a_past_event_says_it_took_place_and_shows_its_report_back(client):
    event = make_event(
        starts_in=timedelta(days=-30),
        state=EventState.FINISHED,
        attendance=2345,
        report_back_en="Thousands **joined** from 40 countries.",
        follow_up_en="- Sign the [statement](https://example.org/s/x/)",
    )
    speaker = make_speaker("Bea Choque")
    appear(event, speaker, Role.SPEAKER, key_points_en="Nationalise *lithium*.")
    appear(event, make_speaker("Quiet Person"), Role.CHAIR)
    public = StatementFactory(texts={"en": "Stand with Bolivia", "es": "Con Bolivia"})
    draft = StatementFactory(state="draft", texts={"en": "Unpublished text"})
    event.statements.add(public, draft)

    page = page_of(client, event)

    assert "This event has taken place." in page
    assert "2,345 people took part." in page
    assert "Thousands <strong>joined</strong> from 40 countries." in page
    key_points = page.split("What the speakers said")[1].split("</section>")[0]
    assert "Bea Choque" in key_points and "Nationalise <em>lithium</em>." in key_points
    assert "Quiet Person" not in key_points
    assert f'<a href="/en/s/{public.slug}/">Stand with Bolivia</a>' in page
    assert "Unpublished text" not in page
    assert (
        'href="https://example.org/s/x/" rel="noopener noreferrer nofollow">statement</a>' in page
    )
    assert "/register/" not in page


def test_the_report_back_in_spanish(client):
    event = make_event(
        starts_in=timedelta(days=-30),
        attendance=1,
        report_back_en="In English.",
        report_back_es="En castellano.",
    )
    event.statements.add(StatementFactory(texts={"en": "Stand with Bolivia", "es": "Con Bolivia"}))

    page = page_of(client, event, "es")

    assert "Este evento ya tuvo lugar." in page
    assert "1 persona participó." in page
    assert "En castellano." in page and "In English." not in page
    assert ">Con Bolivia</a>" in page


def test_the_page_in_spanish(client):
    event = make_event(
        starts_at=MAY_16,
        capacity=10,
        accessibility_en="Captions.",
        accessibility_es="Subtítulos.",
        description_es="Ven con *tu* sindicato.",
    )
    appear(event, make_speaker("Carla Condori"), Role.CHAIR)

    page = page_of(client, event, "es")

    assert '<html lang="es">' in page
    assert "Reunión solidaria" in page
    assert "viernes 16 de mayo de 2031, 18:00–20:00 (Europe/London, UTC+01:00)" in page
    assert "Ven con <em>tu</em> sindicato." in page
    assert "Subtítulos." in page
    assert "Preside" in page or "Presidencia" in page
    assert "Quedan 10 plazas" in page
    assert "Inscríbete" in page


def test_the_head_has_description_canonical_alternates_and_open_graph(client):
    event = make_event(summary_en="Hear from the people in power, live.")

    page = page_of(client, event)

    head = page.split("</head>")[0]
    assert '<meta name="description" content="Hear from the people in power, live.">' in head
    path = f"/events/{event.slug}/"
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/en{path}">' in head
    assert f'<link rel="alternate" hreflang="es" href="http://127.0.0.1:8000/es{path}">' in head
    assert f'<meta property="og:title" content="{event.title_en}">' in head
    assert f'<meta property="og:url" content="http://127.0.0.1:8000/en{path}">' in head
    assert '<meta property="og:locale" content="en_GB">' in head


def test_a_draft_or_unknown_event_is_404(client):
    draft = make_event(state=EventState.DRAFT)

    assert client.get(reverse("events:detail", kwargs={"slug": draft.slug})).status_code == 404
    assert client.get(reverse("events:detail", kwargs={"slug": "no-such"})).status_code == 404
    assert (
        client.get(
            reverse("events:detail", kwargs={"slug": draft.slug}), {"preview": "1"}
        ).status_code
        == 404
    )


def test_only_those_who_may_change_events_preview_a_draft(client_for):
    draft = make_event(state=EventState.DRAFT, title_en="Coming soon meeting")
    url = reverse("events:detail", kwargs={"slug": draft.slug}) + "?preview=1"

    responses = assert_access(
        client_for,
        url,
        "get",
        {"anonymous": 404, "outsider": 404, "viewer": 404, "moderator": 404, "organiser": 200},
    )

    page = responses["organiser"].content.decode()
    assert "Preview — not published" in page
    assert '<meta name="robots" content="noindex">' in page
    assert "Coming soon meeting" in page
    assert '<fieldset class="preview-disabled" disabled>' in page
    assert responses["organiser"]["Cache-Control"].startswith("max-age=0")


def test_a_preview_of_a_published_event_says_it_is_published(client_for):
    event = make_event()

    page = (
        client_for("organiser")
        .get(reverse("events:detail", kwargs={"slug": event.slug}), {"preview": "1"})
        .content.decode()
    )

    assert "this event is published" in page


def test_the_page_keeps_the_sites_policy_when_nothing_is_embedded(client):
    response = client.get(reverse("events:detail", kwargs={"slug": make_event().slug}))

    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
