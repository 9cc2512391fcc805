"""A report-back article in the newsroom's back office: marked as made from its event (a column,
a filter, a notice with a link to the event), its event's fields shown and not edited, so that
nothing an organiser types there is replaced at the event's next save; its byline and tags
stay theirs. Here, outside the apps, because it drives the events and reads the newsroom."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from ayni.events.enums import EventState, Role
from ayni.events.models import Event
from ayni.events.services import lifecycle
from ayni.events.tests.factories import EventFactory, edit_event
from ayni.events.tests.page_builders import make_speaker
from ayni.newsroom.enums import ArticleState
from ayni.newsroom.models import Article
from ayni.newsroom.tests.factories import AuthorFactory, TagFactory, published
from tests.access import LOGIN, assert_access
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsroom_article_changelist")


def report_back_article(state: str = EventState.FINISHED) -> tuple[Event, Article]:
    starts = timezone.now() - timedelta(days=3)
    event = EventFactory(
        slug="the-people-in-power",
        title_en="Solidarity with Bolivia",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        state=state,
        report_back_en="What was said.",
    )
    lifecycle.publish_event_report_back(event=event)
    return event, Article.objects.get(source_event_id=event.pk, language="en")


def change_url(article: Article) -> str:
    return reverse("admin:newsroom_article_change", args=[article.pk])


def editable_fields(article: Article, **changes: Any) -> dict[str, Any]:
    """The change form's fields an organiser may still edit on a report-back article, as the
    page sends them, with `changes`."""
    bylines = list(article.bylines.all())
    data: dict[str, Any] = {
        "slug": article.slug,
        "featured_image_alt": "",
        "featured_image_credit": "",
        "canonical_url": "",
        "corrections": "",
        "bylines-TOTAL_FORMS": len(bylines),
        "bylines-INITIAL_FORMS": len(bylines),
        "bylines-MIN_NUM_FORMS": 0,
        "bylines-MAX_NUM_FORMS": 1000,
    }
    for n, byline in enumerate(bylines):
        data.update(
            {
                f"bylines-{n}-id": byline.pk,
                f"bylines-{n}-article": article.pk,
                f"bylines-{n}-author": byline.author_id,
                f"bylines-{n}-order": byline.order,
            }
        )
    data.update(changes)
    return data


@pytest.fixture
def events_only():
    """A back-office user who may edit events and nothing of the newsroom."""
    user = UserFactory(username="events-only")
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__endswith="_event")
    )
    return user


def test_the_list_marks_and_filters_the_articles_made_from_an_event(client_for):
    _event, article = report_back_article()
    published(title="Written in the newsroom")
    client = client_for("organiser")

    from_event = client.get(CHANGELIST, {"from_event": "yes"}).content.decode()
    written = client.get(CHANGELIST, {"from_event": "no"}).content.decode()

    assert article.title in from_event and "Written in the newsroom" not in from_event
    assert "Written in the newsroom" in written and article.title not in written
    assert "made from an event" in from_event
    assert '<th scope="col" class="column-from_event">' in from_event


def test_every_role_sees_the_notice_naming_the_event_and_only_its_fields_stay_editable(
    client_for,
):
    event, article = report_back_article()
    event_admin = reverse("admin:events_event_change", args=[event.pk])

    pages = assert_access(
        client_for,
        change_url(article),
        "get",
        {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 200, "moderator": 200, "organiser": 200},
    )

    for persona in ("viewer", "moderator", "organiser"):
        page = pages[persona].content.decode()
        assert "This article is the report-back of the event" in page
        assert f'<a href="{event_admin}">Solidarity with Bolivia</a>' in page
    organiser = pages["organiser"].content.decode()
    for field in ("title", "standfirst", "body", "section", "visibility", "language", "cta_slug"):
        assert f'name="{field}"' not in organiser
    for field in ("slug", "tags", "corrections", "bylines-0-author"):
        assert f'name="{field}"' in organiser
    # Published and taken down with its event: no button here would last.
    assert "Back to draft" not in organiser


def test_an_organisers_post_changes_the_byline_and_tags_but_not_the_events_text(client_for):
    event, article = report_back_article()
    author, tag = AuthorFactory(name="Rosa Quispe"), TagFactory()
    posted = editable_fields(
        article,
        title="Typed over",
        body="A body typed here.",
        state="draft",
        tags=[tag.pk],
        **{"bylines-0-author": author.pk},
    )

    response = client_for("organiser").post(change_url(article), posted)

    assert response.status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.body) == (article.title, article.body)
    assert saved.state == ArticleState.PUBLISHED
    assert [b.author for b in saved.bylines.all()] == [author]
    assert list(saved.tags.all()) == [tag]
    # The event's next save keeps what the organiser changed here.
    edit_event(event, report_back_en="Rewritten on the event's page.")
    saved.refresh_from_db()
    assert saved.body.startswith("Rewritten on the event's page.")
    assert [b.author for b in saved.bylines.all()] == [author]
    assert list(saved.tags.all()) == [tag]


def test_a_role_without_the_newsroom_may_neither_see_nor_change_it(client_for, events_only):
    _event, article = report_back_article()
    client = client_for("viewer")
    client.force_login(events_only)

    page = client.get(change_url(article))
    post = client.post(change_url(article), editable_fields(article, title="Typed over"))
    viewer = client_for("viewer").post(change_url(article), editable_fields(article, slug="x"))

    assert (page.status_code, post.status_code, viewer.status_code) == (403, 403, 403)
    assert Article.objects.get(pk=article.pk).title == article.title
    assert Article.objects.get(pk=article.pk).slug == article.slug


def test_its_publish_buttons_are_refused_one_by_one_and_in_bulk(client_for):
    event, article = report_back_article(EventState.PUBLISHED)
    lifecycle.cancel_event(event=Event.objects.get(pk=event.pk))  # its article back to a draft
    client = client_for("organiser")

    step = client.post(
        reverse("admin:newsroom_article_transition", args=[article.pk, "publish"]), follow=True
    )
    bulk = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [article.pk]}, follow=True
    )

    refusal = "was not changed: it is the report-back of an event"
    assert refusal in step.content.decode() and refusal in bulk.content.decode()
    assert Article.objects.get(pk=article.pk).state == ArticleState.DRAFT


def test_deleting_it_is_refused_one_by_one_and_in_bulk_and_says_why(client_for):
    _event, article = report_back_article()
    other = published(title="A story of our own")
    client = client_for("organiser")
    delete_url = reverse("admin:newsroom_article_delete", args=[article.pk])

    page = client.get(delete_url).content.decode()
    post = client.post(delete_url, {"post": "yes"}).content.decode()
    bulk = client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [article.pk, other.pk], "post": "yes"},
    ).content.decode()

    refusal = "the report-back of an event; take it down on the event&#x27;s page."
    assert refusal in page and refusal in post and refusal in bulk
    assert set(
        Article.objects.filter(pk__in=[article.pk, other.pk]).values_list("pk", flat=True)
    ) == {
        article.pk,
        other.pk,
    }


def test_an_article_whose_event_was_deleted_says_so(client_for):
    event, article = report_back_article()
    Event.objects.get(pk=event.pk).delete()

    page = client_for("organiser").get(change_url(article)).content.decode()

    assert "the report-back of an event that no longer exists" in page
    assert 'name="title"' not in page

    deleted = client_for("organiser").post(
        reverse("admin:newsroom_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 302 and not Article.objects.filter(pk=article.pk).exists()


def test_key_points_saved_with_the_event_in_the_back_office_reach_its_article(client_for):
    event, article = report_back_article()
    speaker = make_speaker("Bea Choque", affiliation="COB")

    def typed(moment: datetime) -> str:
        return event.local(moment).strftime("%Y-%m-%dT%H:%M")

    data = {
        "title_en": event.title_en,
        "summary_en": event.summary_en,
        "format": event.format,
        "time_zone": event.time_zone,
        "starts_at": typed(event.starts_at),
        "ends_at": typed(event.ends_at),
        "meeting_url": event.meeting_url,
        "report_back_en": event.report_back_en,
        "appearances-0-speaker": speaker.pk,
        "appearances-0-role": Role.SPEAKER,
        "appearances-0-order": 0,
        "appearances-0-key_points_en": "Nationalise *lithium*.",
    }
    for prefix, forms in (("appearances", 1), ("agenda", 0)):
        data |= {
            f"{prefix}-TOTAL_FORMS": forms,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }

    response = client_for("organiser").post(
        reverse("admin:events_event_change", args=[event.pk]), data
    )

    assert response.status_code == 302
    body = Article.objects.get(pk=article.pk).body
    assert "## Key points\n\n### Bea Choque\n\nSpeaker — COB\n\nNationalise *lithium*." in body
