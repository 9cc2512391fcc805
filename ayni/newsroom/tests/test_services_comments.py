from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from ayni.newsroom.enums import CommentEmail, CommentHold, CommentStatus
from ayni.newsroom.models import Comment
from ayni.newsroom.services import comments
from ayni.newsroom.tests.comment_factories import comment
from ayni.newsroom.tests.factories import draft, published
from ayni.supporters.confirm_page import DONE, READY
from ayni.supporters.models import Supporter

pytestmark = pytest.mark.django_db


def post(article, **fields):
    values = {
        "name": "Nina Nueva",
        "email": "nina@example.org",
        "text": "Solidarity from Leeds.",
        "language": "en",
        **fields,
    }
    return comments.post_comment(article=article, **values)


def test_post_comment_holds_a_first_comment_until_its_address_is_confirmed():
    article = published()

    posted = post(article)

    posted.refresh_from_db()
    assert posted.status == CommentStatus.HELD
    assert posted.held_because == CommentHold.UNCONFIRMED
    assert posted.email_due == CommentEmail.CONFIRM
    assert posted.email_normalised == "nina@example.org"
    assert posted.published_at is None


def test_post_comment_publishes_at_once_for_an_address_with_an_approved_comment():
    article = published()
    comment(published(), email="nina@example.org")

    posted = post(article, email="Nina@Example.org")

    assert posted.status == CommentStatus.PUBLISHED
    assert posted.published_at is not None
    assert posted.email_due == ""


def test_post_comment_holds_a_confirmed_but_unapproved_address_for_a_moderator():
    article = published()
    comment(article, email="nina@example.org", status=CommentStatus.HELD, text="First")

    posted = post(article, text="Second")

    assert (posted.status, posted.held_because, posted.email_due) == (
        CommentStatus.HELD,
        CommentHold.FIRST,
        "",
    )


def test_post_comment_holds_held_words_for_review(settings):
    settings.COMMENT_HELD_WORDS = ["spamword"]
    article = published()
    comment(article, email="nina@example.org")

    posted = post(article, text="Buy SpamWord now")

    assert (posted.status, posted.held_because) == (CommentStatus.HELD, CommentHold.REVIEW)


@pytest.mark.parametrize(
    "text",
    [
        "Buy \uff33\uff50\uff41\uff4d\uff37\uff4f\uff52\uff44 now",  # full-width letters
        "Buy \U0001d412\U0001d429\U0001d41a\U0001d426\U0001d430\U0001d428\U0001d42b\U0001d41d now",
    ],
)
def test_post_comment_holds_a_held_word_written_in_look_alike_letters(settings, text):
    # Before: the held words were looked for in the text as typed, so the same word in
    # full-width or mathematical bold letters (shown as the word itself) was published at once.
    settings.COMMENT_HELD_WORDS = ["spamword"]
    article = published()
    comment(article, email="nina@example.org")

    posted = post(article, text=text)

    assert (posted.status, posted.held_because) == (CommentStatus.HELD, CommentHold.REVIEW)


def test_post_comment_holds_too_many_links_for_review(settings):
    settings.COMMENT_MAX_LINKS = 1
    article = published()
    comment(article, email="nina@example.org")

    posted = post(article, text="https://a.example and https://b.example")

    assert (posted.status, posted.held_because) == (CommentStatus.HELD, CommentHold.REVIEW)


def test_post_comment_refuses_the_same_comment_twice():
    article = published()
    post(article)

    with pytest.raises(ValidationError) as error:
        post(article, email="NINA@example.org", text=" Solidarity from Leeds. ")

    assert error.value.code == "duplicate"
    assert Comment.objects.count() == 1


def test_post_comment_refuses_a_reply_to_a_reply():
    article = published()
    top = comment(article)
    reply = comment(article, parent=top, email="other@example.org")

    with pytest.raises(ValidationError) as error:
        post(article, parent=reply)

    assert error.value.code == "parent"
    assert Comment.objects.count() == 2


def test_post_comment_refuses_a_closed_or_unpublished_article(settings):
    settings.COMMENTS_CLOSE_DAYS = 10
    old = published(ago=timedelta(days=11))

    for article in (old, draft()):
        with pytest.raises(ValidationError) as error:
            post(article)
        assert error.value.code == "closed"
    assert Comment.objects.count() == 0


def test_comments_open_forever_when_close_days_is_zero(settings):
    settings.COMMENTS_CLOSE_DAYS = 0

    assert comments.comments_open(published(ago=timedelta(days=4000)))


def test_post_comment_over_the_rate_limit_is_held_silently(settings):
    settings.SIGNATURE_BURST_LIMIT = 2
    article = published()
    comment(article, email="nina@example.org")

    posted = [post(article, text=f"Comment {n}", ip_hash="a" * 32) for n in range(3)]

    assert [c.status for c in posted] == [
        CommentStatus.PUBLISHED,
        CommentStatus.PUBLISHED,
        CommentStatus.HELD,
    ]
    assert posted[2].held_because == CommentHold.LIMIT
    assert posted[2].email_due == ""


def test_confirm_comment_address_makes_the_supporter_and_waits_for_a_moderator():
    article = published()
    first = post(article)
    second = post(article, text="And another thought.")

    assert comments.confirm_comment_address(first) == READY

    rows = list(Comment.objects.order_by("pk"))
    supporter = Supporter.objects.get(email_normalised="nina@example.org")
    assert [(c.held_because, c.email_due, c.supporter_id) for c in rows] == [
        (CommentHold.FIRST, "", supporter.pk),
        (CommentHold.FIRST, "", supporter.pk),
    ]
    assert rows[0].status == CommentStatus.HELD
    assert comments.confirm_comment_address(second) == DONE


def test_withdraw_comment_deletes_it_and_keeps_the_replies():
    article = published()
    top = comment(article)
    reply = comment(article, parent=top, email="other@example.org")

    comments.withdraw_comment(top)

    reply.refresh_from_db()
    assert list(Comment.objects.all()) == [reply]
    assert reply.parent is None


def test_erase_commenter_erases_the_supporter_and_their_comments():
    article = published()
    first = post(article)
    comments.confirm_comment_address(first)
    other = comment(article, email="other@example.org")

    comments.erase_commenter(Comment.objects.get(pk=first.pk))

    assert list(Comment.objects.all()) == [other]
    assert not Supporter.objects.filter(email_normalised="nina@example.org").exists()


def test_commenter_data_of_an_unconfirmed_address_lists_its_comments():
    article = published(title="Our news")
    first = post(article)

    data = comments.commenter_data(first)

    assert data["comments"][0]["text"] == "Solidarity from Leeds."
    assert data["comments"][0]["article"] == "Our news"
