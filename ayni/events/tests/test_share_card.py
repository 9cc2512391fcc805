"""An event's share card: what it shows, in which zone and language, and when its key changes."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import translation
from PIL import Image

from ayni.core import card_cache
from ayni.core import share_card as core_share_card
from ayni.core.campaign import current_campaign, forget_campaign, save_campaign
from ayni.core.models import Campaign
from ayni.events.enums import EventFormat, EventState
from ayni.events.models import Event
from ayni.events.share_card import card_alt, event_card, zone_label
from tests.fixtures import spy_on

pytestmark = pytest.mark.django_db

# 16 May 2022, 18:00 UTC: 19:00 in London (BST), 14:00 in La Paz (UTC−4).
START = datetime(2022, 5, 16, 18, 0, tzinfo=UTC)


def make_event(**fields) -> Event:
    values = {
        "slug": "solidarity-evening",
        "state": EventState.PUBLISHED,
        "title_en": "Solidarity evening",
        "title_es": "Velada de solidaridad",
        "summary_en": "An evening together.",
        "starts_at": START,
        "ends_at": START + timedelta(minutes=90),
        "time_zone": "Europe/London",
    }
    return Event.objects.create(**(values | fields))


@pytest.fixture
def drawn(monkeypatch) -> list[dict]:
    """What each drawing was asked to show (the drawing still happens)."""
    return spy_on(monkeypatch, card_cache, "render_card")


def test_card_png_is_a_1200_by_630_png():
    png = event_card(make_event(), language="en").png()

    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_card_shows_title_day_times_in_the_events_zone_and_format(drawn):
    london = make_event()
    la_paz = make_event(slug="online", time_zone="America/La_Paz", format=EventFormat.ONLINE)
    in_person = make_event(
        slug="in-person", format=EventFormat.IN_PERSON, venue_name="Tanner Lane Hall"
    )

    event_card(london, language="en").png()
    event_card(la_paz, language="en").png()
    event_card(in_person, language="es").png()

    shown = [(f["title"], f["count_line"], f["detail_line"]) for f in drawn]
    assert shown == [
        ("Solidarity evening", "Monday 16 May 2022", "19:00–20:30 BST · Online"),
        ("Solidarity evening", "Monday 16 May 2022", "14:00–15:30 UTC−4 · Online"),
        (
            "Velada de solidaridad",
            "lunes 16 de mayo de 2022",
            "19:00–20:30 BST · Presencial · Tanner Lane Hall",
        ),
    ]
    assert {f["colour"] for f in drawn} == {current_campaign().accent_colour}


def test_card_uses_the_active_language_by_default(drawn):
    event = make_event()

    with translation.override("es"):
        event_card(event).png()

    assert drawn[0]["title"] == "Velada de solidaridad"


def test_a_cancelled_or_postponed_event_says_so_on_its_card(drawn):
    event_card(make_event(state=EventState.CANCELLED), language="en").png()
    event_card(make_event(slug="later", state=EventState.POSTPONED), language="es").png()

    assert [f["count_line"] for f in drawn] == [
        "Cancelled: Monday 16 May 2022",
        "Aplazado: lunes 16 de mayo de 2022",
    ]


def test_card_key_and_png_change_when_the_title_time_or_state_changes():
    event = make_event()
    before = event_card(event, language="en")
    png = event_card(event, language="en").png()

    keys = {before.key}
    for field, value in [
        ("title_en", "Solidarity evening, moved"),
        ("starts_at", START + timedelta(hours=1)),
        ("ends_at", START + timedelta(hours=3)),
        ("state", EventState.CANCELLED),
        ("time_zone", "America/La_Paz"),
    ]:
        setattr(event, field, value)
        event.save()
        keys.add(event_card(event, language="en").key)

    assert len(keys) == 6
    assert event_card(event, language="en").png() != png
    assert len({before.etag, event_card(event, language="en").etag}) == 2


def test_card_key_holds_for_edits_the_card_does_not_show(drawn):
    event = make_event()
    first = event_card(event, language="en").png()
    key = event_card(event, language="en").key

    event.description_en = "A longer description, not on the card."
    event.capacity = 40
    event.save()

    assert event_card(event, language="en").key == key
    assert event_card(event, language="en").png() == first
    assert len(drawn) == 1
    assert cache.get(key) == first


def test_card_key_changes_with_the_language_and_the_campaigns_look():
    event = make_event()
    english = event_card(event, language="en").key
    spanish = event_card(event, language="es").key

    save_campaign(campaign=Campaign(name="Friends of Bolivia", accent_colour="#7c2d12"))
    forget_campaign()

    assert len({english, spanish, event_card(event, language="en").key}) == 3


def test_a_spanish_title_with_accents_is_drawn_with_them(drawn, monkeypatch):
    """The accented letters reach the drawing, and the bundled font has them (no box)."""
    title = "Solidaridad con Bolivia: ¿quién decide sobre el litio? Niñas, pueblos y acción"
    event = make_event(title_es=title)

    png = event_card(event, language="es").png()

    assert drawn[0]["title"] == title
    font = core_share_card._font(60)
    missing = [ch for ch in "áéíóúñ¿Ñ" if font.getmask(ch).getbbox() is None]
    assert missing == []
    assert png != event_card(make_event(slug="plain", title_es="Solidaridad"), language="es").png()


def test_a_long_title_wraps_onto_several_lines(monkeypatch):
    lines_drawn: list[list[str]] = []
    real_fit = core_share_card.fit_text

    def fit(text, **kwargs):
        font, lines, height = real_fit(text, **kwargs)
        lines_drawn.append(lines)
        return font, lines, height

    monkeypatch.setattr(core_share_card, "fit_text", fit)
    title = (
        "Solidarity With Bolivia – the People in Power: an international panel on the "
        "achievements since the coup, and what comes next for the movements"
    )

    png = event_card(make_event(title_en=title), language="en").png()

    [lines] = lines_drawn
    assert len(lines) > 1
    assert " ".join(lines).replace("…", "") in title
    assert Image.open(io.BytesIO(png)).size == (1200, 630)


def test_card_alt_names_the_title_and_day():
    event = make_event(state=EventState.FINISHED)

    assert card_alt(event, language="en") == "Solidarity evening: Monday 16 May 2022"
    assert card_alt(event, language="es") == "Velada de solidaridad: lunes 16 de mayo de 2022"


@pytest.mark.parametrize(
    ("zone", "moment", "label"),
    [
        ("Europe/London", datetime(2022, 1, 10, 12, tzinfo=UTC), "GMT"),
        ("Europe/London", START, "BST"),
        ("America/La_Paz", START, "UTC−4"),
        ("Asia/Kolkata", START, "IST"),
        ("Asia/Kathmandu", START, "UTC+5:45"),
        ("UTC", START, "UTC"),
    ],
)
def test_zone_label_is_the_abbreviation_or_the_offset(zone, moment, label):
    assert zone_label(moment.astimezone(ZoneInfo(zone))) == label
