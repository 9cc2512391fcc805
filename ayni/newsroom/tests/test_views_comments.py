"""The comments under an article and the commenter's pages, with the real worker and a real
SMTP server: post → the confirmation email → its page (a button) → confirmed → held for a
moderator; bad input; forged and replayed links; query counts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from ayni.newsroom import tokens
from ayni.newsroom.enums import CommentHold, CommentStatus
from ayni.newsroom.models import Comment
from ayni.newsroom.tests.comment_factories import comment
from ayni.newsroom.tests.factories import AuthorFactory, published, url_in
from ayni.newsroom.views import cached
from ayni.supporters.models import Supporter
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db

FORM = {"name": "Nina Nueva", "email": "nina@example.org", "text": "Solidarity from Leeds."}


def path_of(message, pattern: str) -> str:
    url = re.search(rf"https?://\S+{pattern}\S*", text_body(message)).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def post(client, article, language="en", **fields):
    return client.post(url_in(language, "newsroom:comment", slug=article.slug), {**FORM, **fields})


def test_article_page_shows_the_thoughts_heading_the_comments_and_replies_indented(client):
    article = published(title="Report back")
    top = comment(article, name="Rosa", text="Great meeting https://example.org")
    comment(article, parent=top, name="Luis", email="luis@example.org", text="Agreed!")
    comment(article, name="Hidden", email="h@example.org", status=CommentStatus.HELD)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "2 thoughts on “Report back”" in page
    assert "Leave a reply" in page
    assert 'rel="nofollow ugc noopener noreferrer">https://example.org</a>' in page
    replies = page.split('class="comment-replies"')[1]
    assert "Luis" in replies and "Agreed!" in replies
    assert "Hidden" not in page
    assert "@example.org" not in page.replace('href="https://example.org"', "")


def test_article_page_in_spanish_says_thoughts_and_reply(client):
    article = published(title="Informe", language="es")
    comment(article)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "1 comentario sobre “Informe”" in page
    assert "Deja un comentario" in page


def test_a_first_comment_is_confirmed_by_email_then_waits_for_a_moderator(
    client, mailbox, run_tasks
):
    article = published(title="Report back")

    response = post(client, article)

    assert response.status_code == 302
    sent = client.get(response["Location"]).content.decode()
    assert "Check your inbox" in sent
    run_tasks()
    (message,) = mailbox.to("nina@example.org")
    assert message["Subject"] == "Confirm your comment on “Report back”"
    assert "Confirm my address" in html_body(message)
    confirm = path_of(message, "/news/c/")
    page = client.get(confirm)
    assert "Confirm my address</button>" in page.content.decode()
    assert Comment.objects.get().confirmed_at is None  # a GET changes nothing
    done = client.post(confirm)
    assert "Address confirmed" in done.content.decode()
    saved = Comment.objects.get()
    assert (saved.status, saved.held_because) == (CommentStatus.HELD, CommentHold.FIRST)
    assert Supporter.objects.filter(email_normalised="nina@example.org").exists()
    # The same link again: already done, nothing changes.
    again = client.post(confirm)
    assert "Address confirmed" in again.content.decode()
    assert "Solidarity from Leeds." not in client.get(article.get_absolute_url()).content.decode()


def test_an_approved_address_posts_directly_and_lands_on_its_comment(client, mailbox, run_tasks):
    article = published()
    comment(published(), email="nina@example.org")

    response = post(client, article, email="NINA@example.org")

    posted = Comment.objects.get(article=article)
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{posted.pk}"
    assert "Solidarity from Leeds." in client.get(article.get_absolute_url()).content.decode()
    run_tasks()
    assert mailbox.to("nina@example.org") == []


def test_a_reply_names_its_comment_and_shows_under_it(client):
    article = published()
    top = comment(article, name="Rosa")
    comment(published(), email="nina@example.org")

    form = client.get(article.get_absolute_url() + f"?replyto={top.pk}").content.decode()
    response = post(client, article, parent=str(top.pk))

    assert "Reply to Rosa" in form
    assert f'name="parent" value="{top.pk}"' in form
    assert response.status_code == 302
    assert Comment.objects.get(article=article, parent=top).text == FORM["text"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "<script>alert(1)</script>"}, "Please do not use the characters &lt; or &gt;."),
        ({"text": "x" * 3001}, "Ensure this value has at most 3000 characters (it has 3001)."),
        ({"text": "   "}, "This field is required."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"name": ""}, "This field is required."),
        ({"parent": "999999"}, "You can only reply to a comment on this article."),
    ],
)
def test_post_with_bad_input_says_why_and_stores_nothing(client, fields, message):
    article = published()

    response = post(client, article, **fields)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


def test_post_the_same_comment_twice_is_refused(client):
    article = published()
    post(client, article)

    response = post(client, article)

    assert response.status_code == 422
    assert "You have already posted this comment." in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_bot_filling_the_honeypot_gets_the_same_page_and_nothing_is_stored(
    client, mailbox, run_tasks
):
    article = published()

    response = post(client, article, website="http://spam.example")

    assert response["Location"] == url_in(
        "en", "newsroom:comment_sent", slug=article.slug, step="sent"
    )
    run_tasks()
    assert Comment.objects.count() == 0
    assert mailbox.messages == []


def test_comments_close_after_the_configured_days(client, settings):
    settings.COMMENTS_CLOSE_DAYS = 7
    article = published(ago=timedelta(days=8))

    page = client.get(article.get_absolute_url()).content.decode()
    response = post(client, article)

    assert "Comments are closed." in page and "Leave a reply" not in page
    assert response.status_code == 422
    assert "Comments on this article are closed." in response.content.decode()
    assert Comment.objects.count() == 0


def test_closed_comments_with_none_said_read_comments_not_0_thoughts(client, settings):
    settings.COMMENTS_CLOSE_DAYS = 7
    quiet = published(title="Quiet", ago=timedelta(days=8))
    talked = published(title="Talked", ago=timedelta(days=8))
    comment(talked, name="Rosa", text="Said before it closed.")

    quiet_page = client.get(quiet.get_absolute_url()).content.decode()
    talked_page = client.get(talked.get_absolute_url()).content.decode()

    assert '<h2 id="comments-heading">Comments</h2>' in quiet_page
    assert "thoughts on" not in quiet_page
    assert "1 thought on “Talked”" in talked_page


def test_comment_routes_for_a_missing_article_or_step_are_404(client):
    article = published()

    assert client.post(url_in("en", "newsroom:comment", slug="nope"), FORM).status_code == 404
    assert client.get(url_in("en", "newsroom:comment", slug=article.slug)).status_code == 405
    missing = url_in("en", "newsroom:comment_sent", slug=article.slug, step="other")
    assert client.get(missing).status_code == 404


def test_forged_and_expired_links_change_nothing(client, settings):
    held = comment(published(), status=CommentStatus.HELD, confirmed_at=None)
    forged = tokens.CONFIRM.make(held.pk)[:-2] + "xx"
    other_purpose = tokens.MANAGE.make(held.pk)

    assert client.post(url_in("en", "newsroom:comment_confirm", token=forged)).status_code == 404
    confirm_with_manage = url_in("en", "newsroom:comment_confirm", token=other_purpose)
    assert client.post(confirm_with_manage).status_code == 404
    settings.SIGNATURE_CONFIRM_DAYS = 0
    real = url_in("en", "newsroom:comment_confirm", token=tokens.CONFIRM.make(held.pk))
    assert client.post(real).status_code == 410
    held.refresh_from_db()
    assert held.confirmed_at is None


def test_the_commenter_withdraws_their_comment_with_a_button(client):
    article = published()
    mine = comment(article, text="Withdraw me")
    url = url_in("en", "newsroom:comment_withdraw", token=tokens.MANAGE.make(mine.pk))

    page = client.get(url)
    assert "Delete my comment</button>" in page.content.decode()
    assert Comment.objects.filter(pk=mine.pk).exists()
    done = client.post(url)

    assert "Your comment has been deleted." in done.content.decode()
    assert not Comment.objects.filter(pk=mine.pk).exists()
    assert client.post(url).status_code == 404  # replayed: the comment is gone


def test_the_commenter_downloads_their_data_and_erases_it(client):
    article = published(title="Our news")
    mine = comment(article, text="Mine", email="me@example.org")
    token = tokens.MANAGE.make(mine.pk)

    data = client.get(url_in("en", "newsroom:comment_data", token=token))
    erased = client.post(url_in("en", "newsroom:comment_erase", token=token))

    assert data.json()["comments"][0]["text"] == "Mine"
    assert "We have erased what we held about you." in erased.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(("count", "replies"), [(1, 0), (3, 1)])
def test_an_article_page_with_comments_reads_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, monkeypatch, count, replies
):
    # The page as rendered, not its cached copy (views/cached.py, test_views_cached.py).
    monkeypatch.setattr(cached, "is_personal", lambda request: True)
    article = published(authors=[AuthorFactory()])
    tops = [comment(article, email=f"r{n}@example.org") for n in range(count - replies)]
    for n in range(replies):
        comment(article, parent=tops[0], email=f"reply{n}@example.org")
    client.get(article.get_absolute_url())

    # The article, its bylines, tags, translations, more from its authors, its similar stories'
    # ids in the text index (none here), its comments.
    with django_assert_num_queries(7):
        response = client.get(article.get_absolute_url())

    assert response.content.decode().count('class="comment-text"') == count
