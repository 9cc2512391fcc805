"""An article's page: what it shows (byline with roles, section, tags, dates, corrections, the
call to action, more from its authors), what a gated article keeps from the response, its
languages, its head (canonical, hreflang, Open Graph, JSON-LD) and who may see a draft."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from ayni.newsroom.enums import ArticleState
from ayni.newsroom.indexing import index_changed_articles
from ayni.newsroom.tests.factories import AuthorFactory, TagFactory, draft, published, url_in
from ayni.newsroom.views import cached
from tests.access import PERSONAS, assert_access
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

SECRET = ("The third paragraph is for those who read on.", "The fourth paragraph closes")


def json_ld(page: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def test_a_public_article_shows_all_it_holds(client):
    author = AuthorFactory(name="Logan Rivers", role_en="NEU activist")
    tag = TagFactory(name_en="Bolivia")
    article = published(
        title="Stand up for democracy",
        authors=[author],
        section="opinion",
        corrections="On 2 May we gave the wrong date; it was 1 May.",
    )
    article.tags.add(tag)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<h1>Stand up for democracy</h1>" in page
    assert 'Logan Rivers</a><span class="byline-role">, NEU activist</span>' in page
    assert 'href="/en/news/section/opinion/">Opinion</a>' in page
    assert f'href="/en/news/tag/{tag.slug}/">Bolivia</a>' in page
    assert all(text in page for text in SECRET)
    assert "<p>On 2 May we gave the wrong date; it was 1 May.</p>" in page
    assert "article-gated" not in page
    data = json_ld(page)
    assert data["@type"] == "NewsArticle"
    assert data["isAccessibleForFree"] is True
    assert "hasPart" not in data
    assert data["author"][0]["name"] == "Logan Rivers"


@pytest.mark.parametrize("visibility", ["metered", "members"])
def test_a_gated_article_sends_only_its_opening_and_marks_the_gated_part(
    client, settings, visibility
):
    settings.NEWS_METER_FREE = 0  # past the meter from the first article
    article = published(visibility=visibility)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "The first paragraph says what happened." in page
    assert "The second paragraph gives the background." in page
    assert not any(text in page for text in SECRET)
    assert '<section class="notice article-gated meter-prompt"' in page
    data = json_ld(page)
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"] == {
        "@type": "WebPageElement",
        "isAccessibleForFree": False,
        "cssSelector": ".article-gated",
    }


@pytest.mark.parametrize("state", [ArticleState.DRAFT, ArticleState.SCHEDULED])
def test_a_draft_or_scheduled_article_is_404_to_the_public_and_its_card_too(client, state):
    article = draft(state=state, publish_at="2099-01-01T00:00Z")

    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(url_in("en", "newsroom:card", slug=article.slug)).status_code == 404


def test_an_article_answers_only_under_its_own_language(client):
    published(language="es", slug="la-marcha")

    assert client.get("/es/news/la-marcha/").status_code == 200
    assert client.get("/en/news/la-marcha/").status_code == 404


def test_a_translated_article_links_its_other_version_and_names_it_in_the_head(client):
    original = published(language="en", slug="the-march", title="The march")
    spanish = published(language="es", slug="la-marcha", title="La marcha", translation_of=original)

    page = client.get(original.get_absolute_url()).content.decode()
    spanish_page = client.get(spanish.get_absolute_url()).content.decode()

    assert (
        '<link rel="alternate" hreflang="en" href="http://127.0.0.1:8000/en/news/the-march/">'
        in page
    )
    assert (
        '<link rel="alternate" hreflang="es" href="http://127.0.0.1:8000/es/news/la-marcha/">'
        in page
    )
    assert 'hreflang="es" lang="es">Lee este artículo en español</a>' in page
    assert 'hreflang="en" lang="en">Read this article in English</a>' in spanish_page
    # The language switch leads to the other version.
    assert '<a href="/es/news/la-marcha/" hreflang="es" lang="es">Español</a>' in page


def test_an_untranslated_article_switches_to_the_other_languages_news(client):
    article = published(language="en")

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<a href="/es/news/" hreflang="es" lang="es">Español</a>' in page
    assert 'hreflang="es" href=' not in page.split("</head>")[0]


def test_the_canonical_address_is_its_own_unless_it_first_appeared_elsewhere(client):
    own = published()
    elsewhere = published(canonical_url="https://news.example.org/bolivia")

    own_page = client.get(own.get_absolute_url()).content.decode()
    elsewhere_page = client.get(elsewhere.get_absolute_url()).content.decode()

    assert (
        f'<link rel="canonical" href="http://127.0.0.1:8000{own.get_absolute_url()}">' in own_page
    )
    assert '<link rel="canonical" href="https://news.example.org/bolivia">' in elsewhere_page


def test_a_call_to_action_to_a_page_no_longer_public_is_left_out(client):
    statement = StatementFactory(state="draft")
    article = published(cta_kind="statement", cta_slug=statement.slug)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "cta-box" not in page


def test_more_from_this_author_lists_their_latest_three_others_only(client):
    author = AuthorFactory()
    article = published(authors=[author], title="This one", ago=timedelta(hours=1))
    published(language="es", translation_of=article, title="Esta", authors=[author])
    for number in range(4):
        published(authors=[author], title=f"Other {number}", ago=timedelta(days=number + 1))
    draft(title="Their draft")
    published(title="By someone else")

    page = client.get(article.get_absolute_url()).content.decode()
    more = page.split('id="more-heading"')[1]

    assert re.findall(r"<h3><a [^>]+>([^<]+)</a></h3>", more) == ["Other 0", "Other 1", "Other 2"]
    assert "Similar stories" not in page


def test_a_video_in_the_body_lets_only_its_player_frame_the_page(client):
    article = published(body="Watch:\n\nhttps://youtu.be/dQw4w9WgXcQ")
    plain = published()

    response = client.get(article.get_absolute_url())
    plain_response = client.get(plain.get_absolute_url())

    assert (
        "frame-src 'self' https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
    )
    assert "youtube" not in plain_response["Content-Security-Policy"]
    assert "<iframe" not in response.content.decode()


def test_a_title_cannot_break_out_of_the_structured_data(client):
    article = published(title="</script><script>alert(1)</script>")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in page
    assert json_ld(page)["headline"] == "</script><script>alert(1)</script>"


def test_open_graph_says_an_article_and_its_title(client):
    """The share card itself is tested with every app's in tests/test_share_cards.py."""
    article = published(title="The march")

    page = client.get(article.get_absolute_url()).content.decode()

    card_url = f"http://127.0.0.1:8000/en/news/{article.slug}/card.png"
    assert f'<meta property="og:image" content="{card_url}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta name="twitter:title" content="The march">' in page


def test_an_organiser_previews_a_scheduled_article_with_its_time(client_for):
    article = draft(state=ArticleState.SCHEDULED, publish_at="2099-01-01T00:00Z")

    page = client_for("organiser").get(article.get_absolute_url() + "?preview=1").content.decode()

    assert "Preview — not published" in page
    assert "Scheduled" in page
    assert '<meta name="robots" content="noindex">' in page


EVERYONE = dict.fromkeys(PERSONAS, 200)


def test_every_persona_reads_a_published_article_and_none_its_draft_without_preview(client_for):
    public = published(title="Out now")
    hidden = draft(title="Still a draft")

    responses = assert_access(client_for, public.get_absolute_url(), "get", EVERYONE)
    assert_access(client_for, hidden.get_absolute_url(), "get", dict.fromkeys(PERSONAS, 404))
    assert_access(
        client_for,
        hidden.get_absolute_url() + "?preview=1",
        "get",
        {"anonymous": 404, "outsider": 404, "viewer": 404, "moderator": 404, "organiser": 200},
    )

    assert all("<h1>Out now</h1>" in r.content.decode() for r in responses.values())


def test_an_article_page_reads_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, monkeypatch
):
    # The page as rendered, not its cached copy (views/cached.py, test_views_cached.py).
    monkeypatch.setattr(cached, "is_personal", lambda request: True)
    authors = [AuthorFactory(), AuthorFactory()]
    article = published(authors=authors)
    article.tags.add(TagFactory(), TagFactory())
    for _number in range(3):
        published(authors=authors)
    index_changed_articles()
    client.get(article.get_absolute_url())

    # The article, its bylines, its tags, its translations, more from its authors; its similar
    # stories' ids in the text index, those articles and their bylines; its comments (with
    # their replies).
    with django_assert_num_queries(9):
        response = client.get(article.get_absolute_url())
    assert len(response.context["similar_stories"]) == 3

    assert response.status_code == 200


def test_more_from_this_author_lists_the_articles_language_first(client):
    author = AuthorFactory()
    article = published(language="es", authors=[author], title="Esta", ago=timedelta(days=9))
    published(authors=[author], title="Newer English", ago=timedelta(hours=1))
    published(language="es", authors=[author], title="Otra en español", ago=timedelta(days=5))

    page = client.get(article.get_absolute_url()).content.decode()
    more = page.split('id="more-heading"')[1]

    assert re.findall(r"<h3><a [^>]+>([^<]+)</a></h3>", more) == [
        "Otra en español",
        "Newer English",
    ]


def test_more_from_this_author_lists_each_story_once_in_the_articles_language(client):
    author = AuthorFactory()
    article = published(language="es", authors=[author], title="Esta", ago=timedelta(days=9))
    english = published(authors=[author], title="Why we stand", ago=timedelta(hours=2))
    published(
        language="es", translation_of=english, authors=[author], title="Por qué", ago=timedelta(1)
    )
    published(authors=[author], title="Only in English", ago=timedelta(hours=1))

    page = client.get(article.get_absolute_url()).content.decode()
    more = page.split('id="more-heading"')[1]

    assert re.findall(r"<h3><a [^>]+>([^<]+)</a></h3>", more) == ["Por qué", "Only in English"]
