"""Moderating comments: approve, reject, remove, edit, ban; readers' reports; telling the
moderators what waits for them (with signed approve/reject links); the author's appeal."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ayni.newsroom.enums import CommentEmail, CommentHold, CommentStatus
from ayni.newsroom.models import Comment, CommentBan, CommentReport, ModeratorNotice
from ayni.supporters.confirm_page import DONE, READY

# The holds a moderator resolves (an unconfirmed address, or one over the rate limit, waits
# for nobody: the first for its author, the second is left held).
FOR_MODERATORS = [CommentHold.FIRST, CommentHold.REVIEW, CommentHold.REPORTED]
GONE = "gone"


def awaiting_moderation() -> QuerySet[Comment]:
    return Comment.objects.filter(status=CommentStatus.HELD, held_because__in=FOR_MODERATORS)


def reject_state(comment: Comment) -> str:
    """For a moderator's reject link: READY while the comment waits or is public."""
    waiting = moderation_state(comment) == READY
    return READY if waiting or comment.status == CommentStatus.PUBLISHED else DONE


def moderation_state(comment: Comment) -> str:
    """For a moderator's signed link: READY while the comment waits for a moderator, DONE if
    one has decided since."""
    return READY if awaiting_moderation().filter(pk=comment.pk).exists() else DONE


def approve_comment(comment: Comment) -> str:
    """Publish the comment. Side effects: published (its first publication time kept), no
    longer held; its address now posts directly. Only a waiting or a removed comment changes.
    Returns READY, or DONE if it was public already."""
    now = timezone.now()
    changed = (
        Comment.objects.filter(pk=comment.pk)
        .filter(Q(status=CommentStatus.HELD) | Q(status=CommentStatus.REMOVED))
        .exclude(held_because=CommentHold.UNCONFIRMED)
        .update(
            status=CommentStatus.PUBLISHED,
            held_because="",
            moderated_at=now,
            published_at=comment.published_at or now,
        )
    )
    return READY if changed else DONE


def reject_comment(comment: Comment) -> str:
    """Turn down a comment: a held one is rejected (never shown), a published one removed (a
    note stands in its place). Side effects: its status and moderated time. Returns READY, or
    DONE if nothing was left to do."""
    now = timezone.now()
    rows = Comment.objects.filter(pk=comment.pk)
    # Its author is told, with a link to appeal, once the address is known to be theirs.
    told = {"email_due": CommentEmail.REMOVED, "email_due_at": now, "email_queued_at": None}
    held = rows.filter(status=CommentStatus.HELD).update(
        status=CommentStatus.REJECTED, moderated_at=now, **told
    )
    removed = rows.filter(status=CommentStatus.PUBLISHED).update(
        status=CommentStatus.REMOVED, moderated_at=now, **told
    )
    return READY if held or removed else DONE


def edit_comment(*, comment: Comment, text: str) -> Comment:
    """A moderator corrects a comment's text. Side effects: the text saved (checked as the
    form's)."""
    comment.text = text.strip()
    comment.full_clean(exclude=["article", "parent", "supporter"])
    comment.save(update_fields=["text"])
    return comment


def ban_commenter(*, comment: Comment) -> int:
    """Ban the comment's address. Side effects: a CommentBan; the address's waiting comments
    rejected and its published ones removed. Returns how many comments changed."""
    CommentBan.objects.get_or_create(email_normalised=comment.email_normalised)
    now = timezone.now()
    rows = Comment.objects.filter(email_normalised=comment.email_normalised)
    return rows.filter(status=CommentStatus.HELD).update(
        status=CommentStatus.REJECTED, moderated_at=now
    ) + rows.filter(status=CommentStatus.PUBLISHED).update(
        status=CommentStatus.REMOVED, moderated_at=now
    )


def is_banned(email_normalised: str) -> bool:
    return CommentBan.objects.filter(email_normalised=email_normalised).exists()


def report_comment(*, comment: Comment, ip_hash: str) -> bool:
    """A reader reports a published comment. Side effects: one CommentReport per client; at
    COMMENT_REPORTS_TO_HIDE reports the comment is held (hidden) for a moderator, who is
    told. Returns True if this report was new."""
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, ip_hash=ip_hash)
    except IntegrityError:
        return False
    reports = CommentReport.objects.filter(comment=comment).count()
    if reports >= settings.COMMENT_REPORTS_TO_HIDE:
        Comment.objects.filter(pk=comment.pk, status=CommentStatus.PUBLISHED).update(
            status=CommentStatus.HELD, held_because=CommentHold.REPORTED, moderators_told_at=None
        )
    return True


def appeal_state(comment: Comment) -> str:
    """For the author's appeal link: READY for a removed or rejected comment not yet appealed,
    DONE once appealed, GONE for any other."""
    if comment.status not in (CommentStatus.REMOVED, CommentStatus.REJECTED):
        return GONE
    return READY if comment.appealed_at is None else DONE


def appeal_comment(comment: Comment) -> str:
    """The author asks a moderator to look again. Side effects: appealed time set (the back
    office lists appeals). Twice is harmless."""
    state = appeal_state(comment)
    if state == READY:
        Comment.objects.filter(pk=comment.pk, appealed_at__isnull=True).update(
            appealed_at=timezone.now()
        )
    return state


def moderators() -> list[Any]:
    """Who is told of a comment waiting: active staff with an address who may change
    comments."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return [user for user in users.order_by("pk") if is_moderator(user)]


def is_moderator(user: object) -> bool:
    return bool(
        getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
        and getattr(user, "email", "")
        and user.has_perm("newsroom.change_comment")  # type: ignore[attr-defined]
    )


def tell_moderators() -> int:
    """Queue an email to each moderator about each comment newly waiting for them (periodic
    job); the outbox sends them (comment_emails.send_moderator_notice). Side effects: each
    comment claimed by a conditional UPDATE of `moderators_told_at`, and in the same
    transaction one ModeratorNotice per moderator, due now, so a claimed comment always has
    its notices and two workers never both make them. Returns how many comments were told of."""
    told_to = moderators()
    told = 0
    waiting = awaiting_moderation().filter(moderators_told_at__isnull=True)
    for comment_id in list(waiting.values_list("pk", flat=True)[:100]):
        now = timezone.now()
        with transaction.atomic():
            claimed = Comment.objects.filter(pk=comment_id, moderators_told_at__isnull=True)
            if not claimed.update(moderators_told_at=now):
                continue
            ModeratorNotice.objects.bulk_create(
                [
                    ModeratorNotice(
                        comment_id=comment_id,
                        moderator=user,
                        hold=now,
                        email_due=CommentEmail.MODERATE,
                        email_due_at=now,
                    )
                    for user in told_to
                ]
            )
        told += 1
    return told
