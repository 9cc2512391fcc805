"""The newsroom's back office: who may see and change articles (every persona), writing an
article with its byline, bad input refused with a clear message and nothing stored, and the
publish, schedule and back-to-draft buttons."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ayni.newsroom.enums import ArticleState
from ayni.newsroom.models import Article
from ayni.newsroom.tests.factories import ArticleFactory, AuthorFactory, draft, published
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db

SEE = {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 200, "moderator": 200, "organiser": 200}
ORGANISERS = {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 403, "moderator": 403}
ADD_URL = reverse("admin:newsroom_article_add")


def form_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "language": "en",
        "title": "Bolivia’s unions march for democracy",
        "slug": "",
        "standfirst": "The COB called its members out.",
        "body": "The march filled the Prado.\n\nIt was peaceful.",
        "section": "news",
        "visibility": "public",
        "cta_kind": "",
        "cta_slug": "",
        "canonical_url": "",
        "corrections": "",
        "featured_image_alt": "",
        "featured_image_credit": "",
        "publish_at_0": "",
        "publish_at_1": "",
        "bylines-TOTAL_FORMS": 1,
        "bylines-INITIAL_FORMS": 0,
        "bylines-MIN_NUM_FORMS": 0,
        "bylines-MAX_NUM_FORMS": 1000,
        "bylines-0-author": "",
        "bylines-0-order": 0,
    }
    data.update(changes)
    return data


def step_url(article: Article, step: str) -> str:
    return reverse("admin:newsroom_article_transition", args=[article.pk, step])


def test_every_role_sees_the_articles_and_only_organisers_may_add_one(client_for):
    published(title="A listed article")

    responses = assert_access(client_for, reverse("admin:newsroom_article_changelist"), "get", SEE)
    assert_access(client_for, ADD_URL, "get", {**ORGANISERS, "organiser": 200})

    assert "A listed article" in responses["viewer"].content.decode()


def test_an_organiser_writes_an_article_with_its_byline_and_a_slug_from_its_title(client_for):
    author = AuthorFactory()

    response = client_for("organiser").post(ADD_URL, form_data(**{"bylines-0-author": author.pk}))

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.slug == "bolivias-unions-march-for-democracy"
    assert article.state == ArticleState.DRAFT
    assert [b.author for b in article.bylines.all()] == [author]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"body": "<script>alert(1)</script>"}, "HTML tags are not allowed here."),
        ({"body": "[x](javascript:alert(1))"}, "Links must start with https://"),
        ({"cta_kind": "statement", "cta_slug": "no-such-statement"}, "No public page"),
        ({"cta_kind": "statement"}, "Give both the kind of page"),
        ({"canonical_url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"standfirst": "x" * 401}, "at most 400 characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(client_for, changes, message):
    response = client_for("organiser").post(ADD_URL, form_data(**changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_an_address_taken_in_the_same_language_is_refused_and_free_in_the_other(client_for):
    ArticleFactory(slug="the-march", language="en")
    client = client_for("organiser")

    refused = client.post(ADD_URL, form_data(slug="the-march"))
    taken_es = client.post(ADD_URL, form_data(slug="the-march", language="es"))

    assert "Another article in this language has this address." in refused.content.decode()
    assert taken_es.status_code == 302
    assert Article.objects.filter(slug="the-march").count() == 2


def test_a_translation_in_the_language_of_its_original_is_refused(client_for):
    original = ArticleFactory(language="en")

    response = client_for("organiser").post(ADD_URL, form_data(translation_of=original.pk))

    assert "A translation is in another language than its original." in response.content.decode()
    assert Article.objects.count() == 1


def test_only_organisers_publish_and_the_button_makes_the_article_public(client_for):
    article = draft()

    assert_access(
        client_for, step_url(article, "publish"), "post", {**ORGANISERS, "organiser": 302}
    )

    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED


def test_schedule_uses_the_saved_publish_at_and_back_to_draft_asks_first(client_for):
    article = draft(publish_at=timezone.now() + timedelta(days=1))
    client = client_for("organiser")

    client.post(step_url(article, "schedule"))
    article.refresh_from_db()
    assert article.state == ArticleState.SCHEDULED

    question = client.post(step_url(article, "unpublish"))
    assert "Take “" in question.content.decode()
    article.refresh_from_db()
    assert article.state == ArticleState.SCHEDULED


def test_schedule_without_a_future_time_says_so_and_changes_nothing(client_for):
    article = draft()

    response = client_for("organiser").post(step_url(article, "schedule"), follow=True)

    assert "Give a moment in the future to publish it at." in response.content.decode()
    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT


def test_an_organiser_previews_a_draft_and_the_public_gets_404(client_for, client):
    article = draft(title="Not yet out")

    preview = client_for("organiser").get(article.get_absolute_url() + "?preview=1")
    public = client.get(article.get_absolute_url() + "?preview=1")
    viewer = client_for("viewer").get(article.get_absolute_url() + "?preview=1")

    assert preview.status_code == 200
    assert "Preview — not published" in preview.content.decode()
    assert "Not yet out" in preview.content.decode()
    assert public.status_code == 404
    assert viewer.status_code == 404


def test_an_articles_edit_page_shows_its_byline_and_its_buttons(client_for):
    article = published(title="Edit me")

    page = (
        client_for("organiser")
        .get(reverse("admin:newsroom_article_change", args=[article.pk]))
        .content.decode()
    )

    assert "Edit me" in page
    assert article.bylines.get().author.name in page
    assert "Back to draft" in page
    assert "Publish now" not in page


def test_an_organiser_deletes_articles_and_they_leave_the_text_index(client_for):
    from ayni.core.textindex import selectors as textindex
    from ayni.newsroom import indexing

    one, two, kept = (
        published(title=f"Lithium and the salt flats, part {n}", standfirst="Lithium brine.")
        for n in range(3)
    )
    indexing.index_changed_articles()
    client = client_for("organiser")

    page = client.post(reverse("admin:newsroom_article_delete", args=[one.pk]), {"post": "yes"})
    bulk = client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "delete_selected", "_selected_action": [two.pk], "post": "yes"},
    )

    assert (page.status_code, bulk.status_code) == (302, 302)
    assert list(Article.objects.values_list("pk", flat=True)) == [kept.pk]
    assert [h.object_id for h in textindex.search(kind="article", query="lithium")] == [kept.pk]
    assert textindex.similar(kind="article", object_id=kept.pk, limit=6) == []
