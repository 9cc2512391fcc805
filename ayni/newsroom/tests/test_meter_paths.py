"""The paths around the meter that must not pass it: the feeds, the share card, the sitemap,
the site search and the similar lists carry nothing of a gated article's hidden part, set no
meter cookie and count nothing; the privacy page says what the meter keeps (in English and
Spanish). The page's own alternate views, replayed, tampered and fresh cookies are in
test_meter.py."""

from __future__ import annotations

import pytest

from ayni.core.textindex import selectors as textindex
from ayni.newsroom import indexing, selectors, share_card
from ayni.newsroom.meter import COOKIE
from ayni.newsroom.models import MeterAddressRead, MeterReader
from ayni.newsroom.tests.factories import AuthorFactory, TagFactory, published, url_in

pytestmark = pytest.mark.django_db

BODY = (
    "An opening about the lithium strike.\n\n"
    "A second paragraph about the lithium strike.\n\n"
    "Only readers within the meter learn of the zanzibar clause.\n\n"
    "The lithium strike ended in the zanzibar agreement."
)
HIDDEN = ("zanzibar", "learn of the", "ended in the")


@pytest.fixture
def gated():
    author = AuthorFactory(slug="gated-author")
    tag = TagFactory(slug="gated-tag")
    articles = []
    for visibility in ("metered", "members"):
        article = published(visibility=visibility, body=BODY, section="features", authors=[author])
        article.tags.add(tag)
        articles.append(article)
    return articles


def assert_nothing_counted(response) -> None:
    assert COOKIE not in response.cookies
    assert MeterReader.objects.count() == MeterAddressRead.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("newsroom:feed", {}),
        ("newsroom:rss", {}),
        ("newsroom:section_feed", {"section": "features"}),
        ("newsroom:tag_feed", {"slug": "gated-tag"}),
        ("newsroom:author_feed", {"slug": "gated-author"}),
    ],
)
def test_every_feed_carries_only_the_preview_of_gated_articles(client, gated, name, kwargs):
    response = client.get(url_in("en", name, **kwargs))

    feed = response.content.decode()
    assert feed.count("An opening about the lithium strike.") == 2
    assert not any(text in feed for text in HIDDEN)
    assert_nothing_counted(response)


def test_the_share_card_is_drawn_from_the_title_and_date_only(client, gated):
    for article in gated:
        response = client.get(url_in("en", "newsroom:card", slug=article.slug))

        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert not any(text in share_card.card_alt(article) for text in HIDDEN)
        assert_nothing_counted(response)


def test_the_sitemap_lists_gated_articles_by_address_only(client, gated):
    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    assert all(article.get_absolute_url() in xml for article in gated)
    assert "lithium" not in xml
    assert_nothing_counted(response)


def test_the_site_search_finds_and_quotes_only_the_preview(gated):
    indexing.index_changed_articles()

    found = textindex.search(kind="article", query="lithium strike")
    hidden = textindex.search(kind="article", query="zanzibar")

    assert {hit.object_id for hit in found} == {article.pk for article in gated}
    assert not any(text in hit.snippet_text for hit in found for text in HIDDEN)
    assert hidden == []


def test_the_similar_list_names_gated_articles_without_their_hidden_part(client, gated):
    public = published(
        body="The lithium strike, told in public.\n\nMore of the lithium strike.",
        title="Lithium strike in public",
    )
    indexing.index_changed_articles()
    assert {story.pk for story in selectors.similar_stories(public)} == {a.pk for a in gated}

    response = client.get(public.get_absolute_url())

    page = response.content.decode()
    similar = page.split('id="similar-heading"', 1)[1]
    assert all(article.title in similar for article in gated)
    assert not any(text in page for text in HIDDEN)
    assert_nothing_counted(response)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["a cookie named “ayni_meter”", "3 articles every 30 days", "deleted 30 days"]),
        ("es", ["una cookie llamada “ayni_meter”", "3 artículos cada 30 días", "30 días después"]),
    ],
)
def test_the_privacy_page_says_what_the_meter_keeps_and_for_how_long(
    client, settings, language, expected
):
    settings.NEWS_METER_FREE = 3
    settings.NEWS_METER_WINDOW_DAYS = 30

    response = client.get(url_in(language, "core:privacy"))

    page = response.content.decode()
    assert all(text in page for text in expected), page
    assert COOKIE not in response.cookies
