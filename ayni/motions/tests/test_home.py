"""The motion on the home page, the header's Motions entry and the sitemap's motions."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.utils import timezone

from ayni.motions.enums import Level, MotionState
from ayni.motions.home import motion_block
from ayni.motions.services.motions import feature_motion
from ayni.motions.tests.factories import MotionFactory, publish_version, report, tree_body, url_in

pytestmark = pytest.mark.django_db


def block_of(page: str) -> str:
    return page.split('id="home-motion-heading"')[1].split("</section>")[0]


def test_no_published_motion_leaves_the_block_out(client):
    MotionFactory(state=MotionState.DRAFT)
    MotionFactory(state=MotionState.ARCHIVED)

    assert motion_block(RequestFactory().get("/")) is None
    assert 'id="home-motion-heading"' not in client.get(url_in("en", "core:home")).content.decode()


def test_the_featured_motion_shows_with_its_adoption_count(client):
    featured = MotionFactory(title_en="The featured one", published_at=timezone.now())
    MotionFactory(title_en="The latest one")
    publish_version(featured)
    feature_motion(motion=featured)
    national = tree_body("Example Union", Level.NATIONAL)
    for number in range(2):
        report(featured, tree_body(f"Branch {number}", Level.BRANCH, parent=national))

    block = block_of(client.get(url_in("en", "core:home")).content.decode())

    assert "The featured one" in block and "The latest one" not in block
    assert "Adopted by 2 bodies so far" in block
    assert f'href="/en/motions/{featured.slug}/"' in block


def test_without_a_featured_motion_the_latest_published_shows_in_spanish(client):
    MotionFactory(title_es="La anterior", published_at=timezone.now() - timezone.timedelta(days=3))
    MotionFactory(title_es="La última")

    block = block_of(client.get(url_in("es", "core:home")).content.decode())

    assert "La última" in block and "La anterior" not in block
    assert "Aprobada por 0 órganos hasta ahora" in block


def test_the_header_links_the_motions_and_marks_the_list_as_current(client):
    page = client.get(url_in("en", "motions:list")).content.decode()
    spanish = client.get(url_in("es", "core:home")).content.decode()

    assert '<a href="/en/motions/" aria-current="page">Motions</a>' in page
    assert '<a href="/es/motions/">Mociones</a>' in spanish
    nav = page.split('class="wrap site-nav"')[1].split("</nav>")[0]
    assert nav.index("/en/events/") < nav.index("/en/motions/") < nav.index("/en/about/")


def test_the_sitemap_lists_public_motions_in_both_languages_and_no_draft(client, settings):
    settings.SITE_URL = "https://campaign.example.org"
    MotionFactory(slug="bolivia")
    MotionFactory(slug="old-one", state=MotionState.ARCHIVED)
    MotionFactory(slug="secret-draft", state=MotionState.DRAFT)

    xml = client.get("/sitemap.xml").content.decode()

    locs = [loc for loc in re.findall(r"<loc>(.*?)</loc>", xml) if "/motions/" in loc]
    assert sorted(locs) == [
        f"https://campaign.example.org/{language}/motions/{slug}/"
        for language in ("en", "es")
        for slug in ("bolivia", "old-one")
    ]
    assert "secret-draft" not in xml
