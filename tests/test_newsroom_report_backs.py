"""An event's report-back appears in the news as articles of the report-back section (the events
tell through their signal, the newsroom reads their selector: newsroom/services/report_backs.py).
Here, outside the apps, because it drives the events and reads the newsroom."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from ayni.core.demo.seed import seed_demo
from ayni.events.demo import people_in_power
from ayni.events.enums import EventState, Role
from ayni.events.models import Appearance, Event, Speaker
from ayni.events.services import backoffice, lifecycle
from ayni.events.tests.factories import EventFactory, edit_event
from ayni.events.tests.page_builders import appear, make_speaker
from ayni.newsroom import indexing
from ayni.newsroom.enums import ArticleState, CallToAction, Section, Visibility
from ayni.newsroom.models import Article
from ayni.newsroom.services import report_backs
from ayni.newsroom.services.articles import set_authors
from ayni.newsroom.tests.factories import AuthorFactory, url_in
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

REPORT_EN = "We met online; **three** points were made.\n\nThe second paragraph."
REPORT_ES = "Nos reunimos en línea; se dijeron **tres** cosas.\n\nEl segundo párrafo."
RECORDING = "https://www.youtube.com/watch?v=abcdefghijk"


def past_event(**fields: object) -> Event:
    starts = timezone.now() - timedelta(days=3)
    values = {
        "slug": "the-people-in-power",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "state": EventState.FINISHED,
        "report_back_en": REPORT_EN,
        "report_back_es": REPORT_ES,
        "follow_up_en": "Sign the statement.",
        "follow_up_es": "Firma la declaración.",
        "recording_url": RECORDING,
        "attendance": 1200,
        **fields,
    }
    return EventFactory(**values)


def report_back_articles(event: Event) -> dict[str, Article]:
    articles = Article.objects.filter(source_event_id=event.pk)
    return {article.language: article for article in articles}


def titles(page: str) -> list[str]:
    return re.findall(r'<h2 class="article-item-title"><a [^>]*>([^<]+)</a>', page)


def test_publishing_a_report_back_publishes_it_in_the_news_in_each_language(client):
    event = past_event()

    lifecycle.publish_event_report_back(event=event)

    event.refresh_from_db()
    articles = report_back_articles(event)
    english, spanish = articles["en"], articles["es"]
    assert sorted(articles) == ["en", "es"]
    for article in (english, spanish):
        assert article.state == ArticleState.PUBLISHED
        assert article.section == Section.REPORT_BACK
        assert article.visibility == Visibility.PUBLIC
        assert (article.cta_kind, article.cta_slug) == (CallToAction.EVENT, event.slug)
        assert article.published_at == event.report_back_published_at
        assert [b.author.name for b in article.bylines.all()] == ["ayni"]
    assert english.title == "Report-back: Solidarity with Bolivia"
    assert spanish.title == "Crónica: Solidaridad con Bolivia"
    assert (english.translation_of, spanish.translation_of) == (None, english)
    assert english.standfirst == "The people in power."
    assert english.body == (
        f"{REPORT_EN}\n\n1200 people took part.\n\n## What to do next\n\nSign the statement."
        f"\n\n## The recording\n\n{RECORDING}\n"
    )
    assert spanish.body.startswith(REPORT_ES + "\n\n1200 personas participaron.")
    assert "## Qué hacer ahora\n\nFirma la declaración." in spanish.body


def test_the_report_back_article_reads_as_an_article_in_both_languages(client):
    event = past_event()
    lifecycle.publish_event_report_back(event=event)
    english, spanish = report_back_articles(event)["en"], report_back_articles(event)["es"]

    page = client.get(english.get_absolute_url()).content.decode()
    spanish_page = client.get(spanish.get_absolute_url()).content.decode()
    section = client.get(url_in("en", "newsroom:section", section="report-back")).content.decode()

    assert "<h1>Report-back: Solidarity with Bolivia</h1>" in page
    assert "<strong>three</strong> points" in page
    assert f'<h2><a href="{event.get_absolute_url()}">Solidarity with Bolivia</a></h2>' in page
    # The recording: a player that loads only when clicked (no frame in the page).
    assert '<div class="recording-embed" data-embed-src="https://www.youtube-nocookie.com/' in page
    assert "<iframe" not in page
    assert "<h1>Crónica: Solidaridad con Bolivia</h1>" in spanish_page
    assert "<strong>tres</strong> cosas" in spanish_page
    assert titles(section) == ["Report-back: Solidarity with Bolivia"]


def with_panel(event: Event) -> dict[str, Appearance]:
    """A speaker, then the chair (the panel lists the chair first), and one without points."""
    return {
        "speaker": appear(
            event,
            make_speaker("John McDonnell", affiliation="Labour MP for Hayes and Harlington"),
            Role.SPEAKER,
            order=1,
            key_points_en="- Alternatives to *neoliberalism* matter.",
            key_points_es="- Las alternativas al *neoliberalismo* importan.",
        ),
        "chair": appear(
            event,
            make_speaker("Christine Blower"),
            Role.CHAIR,
            order=2,
            key_points_en="- Thanked everyone.",
            key_points_es="- Dio las gracias a todos.",
        ),
        "silent": appear(event, make_speaker("Quiet Person"), Role.SPEAKER, order=3),
    }


def test_the_article_gives_each_speakers_key_points_in_the_panels_order_in_both_languages(
    client,
):
    event = past_event()
    with_panel(event)
    statement = StatementFactory(texts={"en": "Stand with Bolivia", "es": "Con Bolivia"})
    event.statements.add(statement, StatementFactory(state="draft"))

    lifecycle.publish_event_report_back(event=event)

    english, spanish = report_back_articles(event)["en"], report_back_articles(event)["es"]
    assert english.body == (
        f"{REPORT_EN}\n\n1200 people took part.\n\n## Key points\n\n"
        "### Christine Blower\n\nChair\n\n- Thanked everyone.\n\n"
        "### John McDonnell\n\nSpeaker — Labour MP for Hayes and Harlington\n\n"
        "- Alternatives to *neoliberalism* matter.\n\n"
        f"## Statements\n\n- [Stand with Bolivia](/en/s/{statement.slug}/)\n\n"
        "## What to do next\n\nSign the statement."
        f"\n\n## The recording\n\n{RECORDING}\n"
    )
    assert (
        "## Puntos clave\n\n### Christine Blower\n\nPresidencia\n\n- Dio las gracias a todos."
        "\n\n### John McDonnell\n\nPonente — Labour MP for Hayes and Harlington\n\n"
        "- Las alternativas al *neoliberalismo* importan.\n\n"
        f"## Declaraciones\n\n- [Con Bolivia](/es/s/{statement.slug}/)\n\n"
    ) in spanish.body
    page = client.get(english.get_absolute_url()).content.decode()
    spanish_page = client.get(spanish.get_absolute_url()).content.decode()
    assert "<h2>Key points</h2>\n<h3>Christine Blower</h3>\n<p>Chair</p>" in page
    assert "<li>Alternatives to <em>neoliberalism</em> matter.</li>" in page
    assert "<h2>Puntos clave</h2>" in spanish_page
    assert "<li>Las alternativas al <em>neoliberalismo</em> importan.</li>" in spanish_page
    assert "Quiet Person" not in page + spanish_page


def test_markup_in_a_speakers_name_or_affiliation_is_shown_as_text(client):
    event = past_event()
    name = '**Ana** <img src=x onerror="alert(1)"> [link](javascript:alert(1)) # &amp;'
    appear(
        event,
        make_speaker(name, affiliation="<script>alert(1)</script> | *MP*"),
        key_points_en="Her point.",
    )

    lifecycle.publish_event_report_back(event=event)

    page = client.get(report_back_articles(event)["en"].get_absolute_url()).content.decode()
    assert (
        '<h3>**Ana** &lt;img src=x onerror="alert(1)"&gt; [link](javascript:alert(1)) '
        "# &amp;amp;</h3>"
    ) in page
    assert "<p>Speaker — &lt;script&gt;alert(1)&lt;/script&gt; | *MP*</p>" in page
    assert "<img src=x" not in page and "<script>alert" not in page
    assert 'href="javascript' not in page


def test_a_panel_or_speaker_changed_after_the_event_is_saved_reaches_the_article():
    event = past_event()
    panel = with_panel(event)
    lifecycle.publish_event_report_back(event=event)

    Appearance.objects.filter(pk=panel["silent"].pk).update(key_points_en="Spoke at last.")
    backoffice.save_event_related(event=event)
    Speaker.objects.filter(pk=panel["chair"].speaker_id).update(name="Christine Blower MBE")
    backoffice.save_speaker(speaker=Speaker.objects.get(pk=panel["chair"].speaker_id))

    body = report_back_articles(event)["en"].body
    assert "### Christine Blower MBE\n\nChair" in body
    assert "### Quiet Person\n\nSpeaker\n\nSpoke at last." in body


def test_publishing_again_or_signalling_twice_keeps_one_article_per_language():
    event = past_event()
    lifecycle.publish_event_report_back(event=event)
    first = {language: (a.pk, a.updated_at) for language, a in report_back_articles(event).items()}

    backoffice.publish_report_back(event=event)
    report_backs.sync_report_back(event_id=event.pk)
    edit_event(event, attendance=1200)  # a save that changes nothing the article shows

    again = {language: (a.pk, a.updated_at) for language, a in report_back_articles(event).items()}
    assert again == first
    assert Article.objects.count() == 2


def test_editing_the_report_back_updates_the_same_article_and_keeps_its_address():
    event = past_event()
    lifecycle.publish_event_report_back(event=event)
    before = report_back_articles(event)["en"]

    edit_event(event, report_back_en="A corrected account.", title_en="People in Power")

    after = report_back_articles(event)["en"]
    assert after.pk == before.pk and after.slug == before.slug
    assert after.title == "Report-back: People in Power"
    assert after.body.startswith("A corrected account.\n\n")
    assert Article.objects.filter(source_event_id=event.pk).count() == 2


def test_a_language_written_later_is_added_as_a_translation_and_removed_when_cleared(client):
    event = past_event(report_back_es="", follow_up_es="")
    lifecycle.publish_event_report_back(event=event)
    assert sorted(report_back_articles(event)) == ["en"]

    edit_event(event, report_back_es=REPORT_ES)
    spanish = report_back_articles(event)["es"]
    assert spanish.state == ArticleState.PUBLISHED
    assert spanish.translation_of == report_back_articles(event)["en"]

    edit_event(event, report_back_es="")
    spanish.refresh_from_db()
    assert spanish.state == ArticleState.DRAFT
    assert client.get(spanish.get_absolute_url()).status_code == 404
    assert report_back_articles(event)["en"].state == ArticleState.PUBLISHED


def test_cancelling_or_deleting_the_event_takes_its_articles_off_the_news(client):
    cancelled = past_event(state=EventState.PUBLISHED)
    deleted = past_event(slug="deleted-event", title_en="Deleted meeting")
    for event in (cancelled, deleted):
        lifecycle.publish_event_report_back(event=event)
    shown = [*report_back_articles(cancelled).values(), *report_back_articles(deleted).values()]

    lifecycle.cancel_event(event=cancelled)
    Event.objects.get(pk=deleted.pk).delete()

    for article in shown:
        article.refresh_from_db()
        assert article.state == ArticleState.DRAFT
        assert client.get(article.get_absolute_url()).status_code == 404
    news = client.get(url_in("en", "newsroom:index")).content.decode()
    assert titles(news) == []


def test_no_article_before_the_report_back_is_published_nor_for_a_draft_event(client):
    event = past_event()
    edit_event(event, report_back_en="Still being written.")
    draft = past_event(slug="a-draft", state=EventState.DRAFT)
    Event.objects.filter(pk=draft.pk).update(report_back_published_at=timezone.now())

    report_backs.sync_report_back(event_id=draft.pk)
    report_backs.sync_report_back(event_id=987654)

    assert Article.objects.count() == 0
    assert titles(client.get(url_in("en", "newsroom:index")).content.decode()) == []


def test_the_organisers_byline_is_kept_and_odd_titles_are_made_plain():
    event = past_event(title_en="Bolivia <now>\nand then", summary_en="A\tsummary")
    lifecycle.publish_event_report_back(event=event)
    article = report_back_articles(event)["en"]
    organiser = AuthorFactory(name="Rosa Quispe")
    set_authors(article=article, authors=[organiser])

    edit_event(event, report_back_en="Rewritten.")

    article.refresh_from_db()
    assert article.title == "Report-back: Bolivia ‹now› and then"
    assert article.standfirst == "A summary"
    assert [b.author for b in article.bylines.all()] == [organiser]
    assert article.body.startswith("Rewritten.")


def test_the_report_back_is_found_by_the_search_in_its_language(client):
    event = past_event()
    lifecycle.publish_event_report_back(event=event)
    indexing.index_changed_articles()

    english = client.get(url_in("en", "newsroom:search"), {"q": "points"}).content.decode()
    spanish = client.get(url_in("es", "newsroom:search"), {"q": "cosas"}).content.decode()

    assert titles(english) == ["Report-back: Solidarity with Bolivia"]
    assert titles(spanish) == ["Crónica: Solidaridad con Bolivia"]


def test_the_demo_events_report_back_is_in_the_news_once_however_often_it_is_seeded(client):
    seed_demo()
    seed_demo()

    event = Event.objects.get(slug=people_in_power.EVENT["slug"])
    articles = report_back_articles(event)
    assert sorted(articles) == ["en", "es"]
    assert Article.objects.filter(source_event_id__isnull=False).count() == 2
    reported = people_in_power.ENDS_AT + timedelta(days=4)
    assert articles["en"].published_at == reported == event.report_back_published_at
    assert articles["en"].published_at < datetime(2022, 6, 1, tzinfo=UTC)
    assert articles["es"].translation_of == articles["en"]
    page = client.get(articles["en"].get_absolute_url())
    assert page.status_code == 200
    assert f'href="{event.get_absolute_url()}"' in page.content.decode()
    # "The key points of each contribution are below.": they are, in the panel's order.
    assert "The key points of each contribution are below." in articles["en"].body
    key_points = articles["en"].body.split("## Key points\n\n")[1]
    names = re.findall(r"^### (.+)$", key_points, flags=re.MULTILINE)
    assert names == [speaker["name"] for speaker in people_in_power.PANEL]
    assert "## Puntos clave\n\n### Christine Blower\n\nPresidencia" in articles["es"].body
