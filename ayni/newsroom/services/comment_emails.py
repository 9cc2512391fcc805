"""The emails of comments, each due on its Comment row (the supporters' outbox), and the
moderators' notices, each due on its ModeratorNotice row (the same outbox).

`prepare` decides, when a row is claimed, whether its email is still due (a comment confirmed
or gone since is not; one over the per-IP limit is held) and what it says; `prepare_notice`
the same for a moderator's notice (not once a moderator has decided, nor to one who no longer
moderates).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from ayni.newsroom import tokens
from ayni.newsroom.enums import CommentEmail, CommentStatus
from ayni.newsroom.models import Comment, ModeratorNotice
from ayni.newsroom.services import moderation
from ayni.supporters import outbox
from ayni.supporters.emails import absolute_url


def comment_links(comment: Comment, *, confirm: bool = False) -> dict[str, str]:
    """The commenter's links, in their language: confirm the address (a confirmation email's),
    withdraw the comment, their data, erase."""
    language = comment.language
    manage = tokens.MANAGE.make(comment.pk)
    links = {
        "withdraw_url": absolute_url("newsroom:comment_withdraw", language=language, token=manage),
        "data_url": absolute_url("newsroom:comment_data", language=language, token=manage),
        "erase_url": absolute_url("newsroom:comment_erase", language=language, token=manage),
        "article_url": absolute_url(
            "newsroom:article", language=comment.article.language, slug=comment.article.slug
        ),
    }
    if confirm:
        links["confirm_url"] = absolute_url(
            "newsroom:comment_confirm", language=language, token=tokens.CONFIRM.make(comment.pk)
        )
    return links


def send_comment_email(
    comment_id: int, connection: BaseEmailBackend, free: outbox.Unclaimed
) -> str:
    """Side effects: claims the row, sends its email if still due, empties its outbox."""
    return outbox.send_due(Comment, comment_id, prepare, connection=connection, free=free)


def prepare(comment_id: int) -> outbox.DueEmail | str:
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        return "gone"
    if comment.email_due == CommentEmail.REMOVED:
        return _removed_email(comment)
    if comment.email_due != CommentEmail.CONFIRM or comment.confirmed_at is not None:
        return "no longer due"
    if comment.status != CommentStatus.HELD:
        return "no longer due"
    return outbox.DueEmail(
        to=comment.email,
        template="newsroom/email/comment_confirm",
        context={"comment": comment, "article": comment.article},
        language=comment.language,
        links=comment_links(comment, confirm=True),
        message_id_key=f"comment-confirm-{comment.pk}",
    )


def _removed_email(comment: Comment) -> outbox.DueEmail | str:
    """ "A moderator removed your comment", with the link to appeal: only to an address its
    owner confirmed, and only while the comment is still down."""
    if comment.confirmed_at is None:
        return "not confirmed"
    if comment.status not in (CommentStatus.REMOVED, CommentStatus.REJECTED):
        return "no longer due"
    links = comment_links(comment)
    links["appeal_url"] = absolute_url(
        "newsroom:comment_appeal", language=comment.language, token=tokens.MANAGE.make(comment.pk)
    )
    return outbox.DueEmail(
        to=comment.email,
        template="newsroom/email/comment_removed",
        context={"comment": comment, "article": comment.article},
        language=comment.language,
        links=links,
        message_id_key=f"comment-removed-{comment.pk}-{comment.moderated_at:%s}",
    )


def send_moderator_notice(
    notice_id: int, connection: BaseEmailBackend, free: outbox.Unclaimed
) -> str:
    """Side effects: claims the notice, sends it if still due, empties its outbox."""
    return outbox.send_due(
        ModeratorNotice, notice_id, prepare_notice, connection=connection, free=free
    )


def prepare_notice(notice_id: int) -> outbox.DueEmail | str:
    notice = (
        ModeratorNotice.objects.select_related("comment__article", "moderator")
        .filter(pk=notice_id)
        .first()
    )
    if notice is None:
        return "gone"
    comment = notice.comment
    # Decided since (by another moderator, or from the back office), or held again since: the
    # newer hold has notices of its own.
    if (
        comment.moderators_told_at != notice.hold
        or not moderation.awaiting_moderation().filter(pk=comment.pk).exists()
    ):
        return "no longer waiting"
    if not moderation.is_moderator(notice.moderator):
        return "not a moderator"
    token = tokens.MODERATE.make(comment.pk)
    language = settings.LANGUAGE_CODE
    return outbox.DueEmail(
        to=notice.moderator.email,
        template="newsroom/email/comment_moderate",
        context={
            "comment": comment,
            "article": comment.article,
            "why": comment.get_held_because_display(),
        },
        language=language,
        links={
            "approve_url": absolute_url("newsroom:comment_approve", language=language, token=token),
            "reject_url": absolute_url("newsroom:comment_reject", language=language, token=token),
            "admin_url": settings.SITE_URL
            + reverse("admin:newsroom_comment_change", args=[comment.pk]),
        },
        message_id_key=f"comment-moderate-{notice.pk}",
        to_supporter=False,
    )
