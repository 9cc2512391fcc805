"""The newsroom's demo: seeded through the services, the seed articles in both languages linked
as translations, a dozen more across sections, some gated, one scheduled and one draft that
the public does not see, and nothing added by a second run."""

from __future__ import annotations

from collections import Counter

import pytest

from ayni.core import registry
from ayni.core.demo.seed import seed_demo
from ayni.newsroom import demo
from ayni.newsroom.enums import ArticleState
from ayni.newsroom.models import Article, Author
from ayni.newsroom.tests.factories import url_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    return demo.seed_demo()


def test_demo_is_declared_to_the_site():
    assert demo.seed_demo in registry.demo_seeders()


def test_the_demo_holds_what_it_says_and_seeds_once(seeded):
    assert seeded == ["Loaded the demo news: 23 published articles by 5 authors (/en/news/)"]
    assert demo.seed_demo() == []
    assert Article.objects.count() == 25
    states = Counter(Article.objects.values_list("state", flat=True))
    assert states == {"published": 23, "scheduled": 1, "draft": 1}
    sections = set(Article.objects.filter(state="published").values_list("section", flat=True))
    assert sections == {"news", "features", "opinion", "report-back"}
    visibility = Counter(Article.objects.values_list("visibility", flat=True))
    # One members-only article and four metered ones, each in two languages.
    assert visibility["members"] == 2 and visibility["metered"] == 8
    assert Author.objects.count() == 5


def test_the_seed_articles_are_translated_and_lead_to_their_pages(seeded, client):
    spanish = Article.objects.filter(language="es")

    assert spanish.count() == 7
    assert all(article.translation_of is not None for article in spanish)
    for article in Article.objects.filter(state=ArticleState.PUBLISHED):
        assert article.bylines.exists()
        assert client.get(article.get_absolute_url()).status_code == 200


def test_the_public_sees_neither_the_scheduled_nor_the_draft(seeded, client):
    hidden = Article.objects.exclude(state=ArticleState.PUBLISHED)

    page = client.get(url_in("en", "newsroom:index") + "?page=2").content.decode()
    page += client.get(url_in("en", "newsroom:index")).content.decode()

    for article in hidden:
        assert article.title not in page
        assert client.get(article.get_absolute_url()).status_code == 404


def test_the_events_report_back_reads_as_of_its_day_not_the_seeding(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    seed_demo()  # the whole site's: the events' demo publishes the report-back first

    article = Article.objects.get(
        language="en", section="report-back", source_event_id__isnull=False
    )
    page = client.get(article.get_absolute_url()).content.decode()

    assert article.updated_at == article.published_at == article.created_at
    assert article.published_at.date().isoformat() == "2022-05-20"
    assert "Published <time" in page
    assert "Updated" not in page
