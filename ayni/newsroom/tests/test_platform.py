"""What the newsroom adds to the site: the header's News entry, the home page's latest news,
its section of /sitemap.xml, its periodic job and the call-to-action hook."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import RequestFactory

from ayni.core import registry
from ayni.newsroom.enums import ArticleState
from ayni.newsroom.home import news_block
from ayni.newsroom.tests.factories import draft, published, url_in
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def test_the_header_has_news_after_motions(client):
    page = client.get(url_in("en", "newsroom:index")).content.decode()

    nav = page.split('class="wrap site-nav"')[1].split("</nav>")[0]
    assert re.findall(r">([^<]+)</a>", nav) == [
        "Home",
        "Statements",
        "Events",
        "Motions",
        "News",
        "About",
    ]
    assert '<a href="/en/news/" aria-current="page">News</a>' in nav


def test_the_home_page_shows_the_latest_three_articles_and_no_draft(client):
    for number in range(4):
        published(title=f"Story {number}", ago=timedelta(hours=number + 1))
    draft(title="Draft story")

    page = client.get(url_in("en", "core:home")).content.decode()
    block = page.split('id="home-news-heading"')[1].split("</section>")[0]

    assert re.findall(r"<h3><a [^>]+>([^<]+)</a></h3>", block) == ["Story 0", "Story 1", "Story 2"]


def test_no_article_leaves_the_home_block_out():
    draft()

    assert news_block(RequestFactory().get("/")) is None


def test_the_sitemap_lists_each_published_article_at_its_one_address(client, settings):
    settings.SITE_URL = "https://campaign.example.org"
    published(slug="the-march", language="en")
    published(slug="la-marcha", language="es")
    draft(slug="secret-draft")
    draft(slug="later", state=ArticleState.SCHEDULED, publish_at="2099-01-01T00:00Z")

    xml = client.get("/sitemap.xml").content.decode()

    locs = [loc for loc in re.findall(r"<loc>(.*?)</loc>", xml) if "/news/" in loc]
    assert locs == [
        "https://campaign.example.org/en/news/the-march/",
        "https://campaign.example.org/es/news/la-marcha/",
    ]


def test_the_periodic_job_is_declared():
    jobs = {job.name: job for job in registry.periodic_jobs()}

    assert jobs["newsroom.publish_due"].task == "ayni.newsroom.tasks.periodic_publish_due"


def test_a_link_target_resolves_only_a_public_page_of_a_known_kind():
    statement = StatementFactory()
    hidden = StatementFactory(state="draft")

    found = registry.link_target("statement", statement.slug)

    assert found is not None
    assert (found.title, found.url) == ("Stand with the people", statement.get_absolute_url())
    assert registry.link_target("statement", hidden.slug) is None
    assert registry.link_target("petition", statement.slug) is None
    assert registry.link_target("statement", "") is None


def test_the_sitemap_names_an_articles_other_language_versions_as_alternates(client, settings):
    settings.SITE_URL = "https://campaign.example.org"
    original = published(slug="the-march", language="en")
    published(slug="la-marcha", language="es", translation_of=original)
    unpublished = draft(slug="a-marcha-borrador", language="es")
    published(slug="alone", language="en")

    xml = client.get("/sitemap.xml").content.decode()

    urls = {
        re.search(r"<loc>(.*?)</loc>", url).group(1): re.findall(
            r'<xhtml:link rel="alternate" hreflang="(\w+)" href="([^"]+)"/>', url
        )
        for url in xml.split("<url>")[1:]
        if "/news/" in url
    }
    both = [
        ("en", "https://campaign.example.org/en/news/the-march/"),
        ("es", "https://campaign.example.org/es/news/la-marcha/"),
    ]
    assert urls == {
        "https://campaign.example.org/en/news/alone/": [],
        "https://campaign.example.org/en/news/the-march/": both,
        "https://campaign.example.org/es/news/la-marcha/": both,
    }
    assert unpublished.slug not in xml
