"""Moderating comments from the emails' signed links (a page with a button, then the act),
readers' reports, and the author's appeal, with the real worker and a real SMTP server."""

from __future__ import annotations

import re

import pytest

from ayni.newsroom import tokens
from ayni.newsroom.enums import CommentHold, CommentStatus
from ayni.newsroom.models import Comment
from ayni.newsroom.tests.comment_factories import comment
from ayni.newsroom.tests.factories import published, url_in
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db


def path_of(message, pattern: str) -> str:
    url = re.search(rf"https?://\S+{pattern}\S*", text_body(message)).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def moderator_address(moderator):
    moderator.email = "mod@example.org"
    moderator.save()
    return moderator.email


def test_post_confirm_then_a_moderator_approves_from_the_email(
    client, mailbox, run_tasks, moderator_address
):
    article = published(title="Report back")
    client.post(
        url_in("en", "newsroom:comment", slug=article.slug),
        {"name": "Nina", "email": "nina@example.org", "text": "Count me in."},
    )
    run_tasks()
    client.post(path_of(mailbox.to("nina@example.org")[0], "/news/c/"))

    run_tasks()
    (notice,) = mailbox.to(moderator_address)
    assert notice["Subject"] == "A comment waits for you on “Report back”"
    assert "Count me in." in text_body(notice)
    approve = path_of(notice, "/approve/")
    page = client.get(approve).content.decode()
    assert "Approve and publish</button>" in page
    assert Comment.objects.get().status == CommentStatus.HELD
    done = client.post(approve)
    assert "The comment is now: Published." in done.content.decode()
    assert "Count me in." in client.get(article.get_absolute_url()).content.decode()
    # Replayed: nothing more to do, the same page.
    assert "The comment is now: Published." in client.post(approve).content.decode()
    run_tasks()
    assert len(mailbox.to(moderator_address)) == 1  # told once


def test_a_moderator_rejects_and_the_author_appeals(client, mailbox, run_tasks):
    article = published()
    public = comment(article, text="Take me down", email="author@example.org")

    client.post(url_in("en", "newsroom:comment_reject", token=tokens.MODERATE.make(public.pk)))

    page = client.get(article.get_absolute_url()).content.decode()
    assert "This comment was removed by a moderator." in page
    assert "Take me down" not in page
    run_tasks()
    (message,) = mailbox.to("author@example.org")
    assert "was not published" in message["Subject"]
    appeal = path_of(message, "/appeal/")
    assert "Ask for another look</button>" in client.get(appeal).content.decode()
    done = client.post(appeal)
    assert "A moderator will look at your comment again." in done.content.decode()
    public.refresh_from_db()
    assert public.appealed_at is not None


def test_forged_or_wrong_purpose_moderator_links_change_nothing(client):
    held = comment(published(), status=CommentStatus.HELD)
    forged = tokens.MODERATE.make(held.pk)[:-3] + "abc"
    manage = tokens.MANAGE.make(held.pk)

    for token in (forged, manage):
        assert client.post(url_in("en", "newsroom:comment_approve", token=token)).status_code == 404
        assert client.post(url_in("en", "newsroom:comment_reject", token=token)).status_code == 404
    held.refresh_from_db()
    assert held.status == CommentStatus.HELD


def test_readers_reports_hide_a_comment_pending_review(client, settings):
    settings.COMMENT_REPORTS_TO_HIDE = 2
    article = published()
    public = comment(article, text="Reported text")
    url = url_in("en", "newsroom:comment_report", slug=article.slug, pk=public.pk)

    first = client.post(url, REMOTE_ADDR="192.0.2.1")
    client.post(url, REMOTE_ADDR="192.0.2.1")
    assert "Reported text" in client.get(article.get_absolute_url()).content.decode()
    client.post(url, REMOTE_ADDR="192.0.2.2")

    assert "Thank you for your report" in client.get(first["Location"]).content.decode()
    public.refresh_from_db()
    assert (public.status, public.held_because) == (CommentStatus.HELD, CommentHold.REPORTED)
    assert "Reported text" not in client.get(article.get_absolute_url()).content.decode()


def test_reporting_a_held_comment_or_by_get_is_refused(client):
    article = published()
    held = comment(article, status=CommentStatus.HELD)
    url = url_in("en", "newsroom:comment_report", slug=article.slug, pk=held.pk)

    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    assert held.reports.count() == 0
