"""The events in /sitemap.xml (both languages, never a draft), and the registrants' own pages
kept out of search engines."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from ayni.events.enums import EventState
from ayni.events.tests.page_builders import make_event

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_public_events_in_both_languages_and_no_draft(client, settings):
    settings.SITE_URL = "https://campaign.example.org"
    upcoming = make_event(slug="rally")
    make_event(slug="past-forum", starts_in=timedelta(days=-20), state=EventState.FINISHED)
    make_event(slug="called-off", state=EventState.CANCELLED)
    make_event(slug="secret-draft", state=EventState.DRAFT)

    xml = client.get("/sitemap.xml").content.decode()

    locs = [loc for loc in re.findall(r"<loc>(.*?)</loc>", xml) if "/events/" in loc]
    assert sorted(locs) == [
        f"https://campaign.example.org/{language}/events/{slug}/"
        for language in ("en", "es")
        for slug in ("called-off", "past-forum", "rally")
    ]
    assert "secret-draft" not in xml
    compact = re.sub(r">\s+<", "><", xml)
    lastmod = upcoming.updated_at.date().isoformat()
    assert f"<loc>https://campaign.example.org/es/events/rally/</loc><lastmod>{lastmod}" in compact
    assert 'hreflang="es" href="https://campaign.example.org/es/events/rally/"' in xml


def test_robots_keep_crawlers_out_of_the_registrants_links(client):
    robots = client.get("/robots.txt").content.decode()

    for prefix in ("/", "/en/", "/es/"):
        assert f"Disallow: {prefix}events/r/\n" in robots
