from __future__ import annotations

import pytest

from ayni.newsroom.enums import CommentEmail, CommentHold, CommentStatus
from ayni.newsroom.models import Comment, CommentBan
from ayni.newsroom.services import comments, moderation
from ayni.newsroom.tests.comment_factories import comment
from ayni.newsroom.tests.factories import published
from ayni.supporters.confirm_page import DONE, READY

pytestmark = pytest.mark.django_db


def test_approve_comment_publishes_a_held_comment_and_its_address_then_posts_directly():
    article = published()
    held = comment(article, status=CommentStatus.HELD)

    assert moderation.approve_comment(held) == READY

    held.refresh_from_db()
    assert (held.status, held.held_because) == (CommentStatus.PUBLISHED, "")
    assert held.published_at is not None and held.moderated_at is not None
    assert moderation.approve_comment(held) == DONE
    later = comments.post_comment(
        article=article, name="Rosa", email=held.email, text="Next one", language="en"
    )
    assert later.status == CommentStatus.PUBLISHED


def test_approve_comment_leaves_an_unconfirmed_address_waiting():
    held = comment(published(), status=CommentStatus.HELD, held_because=CommentHold.UNCONFIRMED)

    assert moderation.approve_comment(held) == DONE

    held.refresh_from_db()
    assert held.status == CommentStatus.HELD


def test_reject_comment_rejects_held_and_removes_published_and_tells_the_author():
    article = published()
    held = comment(article, status=CommentStatus.HELD)
    public = comment(article, email="other@example.org")

    moderation.reject_comment(held)
    moderation.reject_comment(public)

    held.refresh_from_db()
    public.refresh_from_db()
    assert (held.status, public.status) == (CommentStatus.REJECTED, CommentStatus.REMOVED)
    assert held.email_due == public.email_due == CommentEmail.REMOVED
    assert moderation.reject_comment(public) == DONE


def test_edit_comment_checks_the_text():
    public = comment(published())

    moderation.edit_comment(comment=public, text=" Corrected. ")
    with pytest.raises(Exception, match="characters < or >"):
        moderation.edit_comment(comment=public, text="<b>no</b>")

    public.refresh_from_db()
    assert public.text == "Corrected."


def test_ban_commenter_takes_down_the_address_and_refuses_its_next_comments():
    article = published()
    public = comment(article, email="troll@example.org", text="One")
    comment(article, email="troll@example.org", status=CommentStatus.HELD, text="Two")
    comment(article, email="fine@example.org", text="Fine")

    assert moderation.ban_commenter(comment=public) == 2

    assert dict(Comment.objects.values_list("text", "status")) == {
        "One": CommentStatus.REMOVED,
        "Two": CommentStatus.REJECTED,
        "Fine": CommentStatus.PUBLISHED,
    }
    assert CommentBan.objects.filter(email_normalised="troll@example.org").exists()
    later = comments.post_comment(
        article=article, name="T", email="Troll@example.org", text="Again", language="en"
    )
    assert later.status == CommentStatus.REJECTED


def test_report_comment_hides_it_after_the_configured_number_of_readers(settings):
    settings.COMMENT_REPORTS_TO_HIDE = 2
    public = comment(published())

    assert moderation.report_comment(comment=public, ip_hash="a" * 32)
    assert not moderation.report_comment(comment=public, ip_hash="a" * 32)  # once per reader
    public.refresh_from_db()
    assert public.status == CommentStatus.PUBLISHED
    moderation.report_comment(comment=public, ip_hash="b" * 32)

    public.refresh_from_db()
    assert (public.status, public.held_because) == (CommentStatus.HELD, CommentHold.REPORTED)
    assert public.reports.count() == 2


def test_appeal_comment_records_it_once_for_a_removed_comment():
    removed = comment(published(), status=CommentStatus.REMOVED)
    public = comment(published(), email="x@example.org")

    assert moderation.appeal_comment(removed) == READY
    removed.refresh_from_db()
    assert removed.appealed_at is not None
    assert moderation.appeal_comment(removed) == DONE
    assert moderation.appeal_comment(public) == moderation.GONE
