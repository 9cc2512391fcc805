"""Moderators told that a comment waits for them (services/moderation.py `tell_moderators`,
services/comment_emails.py `send_moderator_notice`): one outbox row per moderator and hold,
sent once through the real worker and a real SMTP server, retried after an outage, taken over
from a dead sender, and not sent once it no longer means anything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.newsroom.enums import CommentHold, CommentStatus
from ayni.newsroom.models import Comment, ModeratorNotice
from ayni.newsroom.services import comment_emails, moderation
from ayni.newsroom.tests.comment_factories import comment
from ayni.newsroom.tests.factories import published
from ayni.supporters import outbox
from tests.fixtures import free_port, text_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(viewer, moderator, organiser):
    """The three roles with addresses: moderators and organisers may change comments."""
    for user in (viewer, moderator, organiser):
        user.email = f"{user.username}@example.org"
        user.save()
    return {"viewer": viewer, "moderator": moderator, "organiser": organiser}


@pytest.fixture
def held():
    return comment(published(title="Report back"), status=CommentStatus.HELD, text="Count me in.")


def notices() -> list[tuple[str, str, bool]]:
    """Each notice: to whom, what is still due, whether it was sent."""
    rows = ModeratorNotice.objects.select_related("moderator").order_by("moderator__username")
    return [(n.moderator.username, n.email_due, n.emailed_at is not None) for n in rows]


def test_a_waiting_comment_is_told_to_each_moderator_once(staff, held, mailbox, run_tasks):
    run_tasks()
    run_tasks()

    assert notices() == [("moderator", "", True), ("organiser", "", True)]
    assert mailbox.to("viewer@example.org") == []
    (message,) = mailbox.to("moderator@example.org")
    assert len(mailbox.to("organiser@example.org")) == 1
    assert message["Subject"] == "A comment waits for you on “Report back”"
    body = text_body(message)
    assert "Count me in." in body
    assert "/en/news/c/" in body and "/approve/" in body and "/reject/" in body
    # A moderator's email, not a supporter's: no withdraw, data or erase links.
    assert "erase" not in body.lower()
    assert message["Auto-Submitted"] == "auto-generated"
    held.refresh_from_db()
    assert held.moderators_told_at is not None


def test_two_runs_of_the_job_make_one_notice_per_moderator(staff, held):
    assert moderation.tell_moderators() == 1
    assert moderation.tell_moderators() == 0

    assert [(name, due) for name, due, _sent in notices()] == [
        ("moderator", "moderate"),
        ("organiser", "moderate"),
    ]


def test_a_notice_waits_out_a_mail_server_outage_and_is_sent_once(staff, held, mailbox, settings):
    moderation.tell_moderators()
    ids = list(ModeratorNotice.objects.values_list("pk", flat=True))
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there

    with pytest.raises(OSError):
        outbox.send_batch(ids, comment_emails.send_moderator_notice)
    assert notices() == [("moderator", "moderate", False), ("organiser", "moderate", False)]
    assert ModeratorNotice.objects.filter(email_claimed_at__isnull=False).count() == 0

    settings.EMAIL_PORT = port
    first = outbox.send_batch(ids, comment_emails.send_moderator_notice)
    again = outbox.send_batch(ids, comment_emails.send_moderator_notice)

    assert (first, again) == ({"sent": 2}, {"nothing": 2})
    assert len(mailbox.to("moderator@example.org")) == 1
    assert len(mailbox.to("organiser@example.org")) == 1


def test_a_claim_is_respected_while_its_sender_may_live_and_taken_over_after(staff, held, mailbox):
    moderation.tell_moderators()
    notice = ModeratorNotice.objects.get(moderator=staff["moderator"])
    free = outbox.unclaimed(timezone.now())
    ModeratorNotice.objects.filter(pk=notice.pk).update(email_claimed_at=timezone.now())

    busy = comment_emails.send_moderator_notice(notice.pk, None, free)
    long_ago = timezone.now() - timedelta(seconds=outbox.CLAIM_SECONDS + 1)
    ModeratorNotice.objects.filter(pk=notice.pk).update(email_claimed_at=long_ago)
    taken_over = comment_emails.send_moderator_notice(
        notice.pk, None, outbox.unclaimed(timezone.now())
    )

    assert (busy, taken_over) == ("nothing due", "sent")
    assert len(mailbox.to("moderator@example.org")) == 1


def test_no_notice_goes_once_a_moderator_has_decided(staff, held, mailbox, run_tasks):
    moderation.tell_moderators()
    moderation.approve_comment(held)

    run_tasks()

    assert mailbox.messages == []
    assert notices() == [("moderator", "", False), ("organiser", "", False)]


def test_no_notice_goes_to_one_who_no_longer_moderates(staff, held, mailbox, run_tasks):
    moderation.tell_moderators()
    staff["moderator"].groups.clear()

    run_tasks()

    assert mailbox.to("moderator@example.org") == []
    assert len(mailbox.to("organiser@example.org")) == 1


def test_a_comment_hidden_by_reports_after_approval_is_told_of_again(
    staff, held, mailbox, run_tasks, settings
):
    settings.COMMENT_REPORTS_TO_HIDE = 1
    run_tasks()
    moderation.approve_comment(held)
    held.refresh_from_db()

    moderation.report_comment(comment=held, ip_hash="reader-1")
    run_tasks()

    held.refresh_from_db()
    assert (held.status, held.held_because) == (CommentStatus.HELD, CommentHold.REPORTED)
    assert len(mailbox.to("moderator@example.org")) == 2
    assert ModeratorNotice.objects.filter(moderator=staff["moderator"]).count() == 2
    assert Comment.objects.get().moderators_told_at is not None
