"""Readers' comments: posting with the supporter actions' protections, confirming a first-time
address, moderating, and the commenter's own rights (withdraw, export, erase).

A comment from an address that has a published comment goes public at once, unless it has a
held word or too many links (then a moderator looks first). A first comment is held: its
address is confirmed by email once, then a moderator approves it. Over the per-IP rate limit a
comment is held silently (no email).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.validators import as_displayed
from ayni.newsroom import selectors
from ayni.newsroom.enums import CommentEmail, CommentHold, CommentStatus
from ayni.newsroom.models import Article, Comment
from ayni.newsroom.services import moderation
from ayni.supporters import limits
from ayni.supporters.confirm_page import DONE, READY
from ayni.supporters.models import Supporter
from ayni.supporters.normalise import normalise_email
from ayni.supporters.services import erase_supporter, export_supporter, upsert_supporter

NO_REPLY_TARGET = _("You can only reply to a comment on this article.")
LINK = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def comments_open(article: Article, now: datetime | None = None) -> bool:
    """Does the article take comments now? Published, and (unless COMMENTS_CLOSE_DAYS is 0)
    fewer than that many days since it was published."""
    if not article.is_public or article.published_at is None:
        return False
    days = settings.COMMENTS_CLOSE_DAYS
    if not days:
        return True
    return (now or timezone.now()) < article.published_at + timedelta(days=days)


def review_reason(text: str) -> str:
    """CommentHold.REVIEW if the text has a held word (looked for in what a reader sees: a word
    in look-alike letters is the word) or more links than allowed, else ""."""
    if len(LINK.findall(text)) > settings.COMMENT_MAX_LINKS:
        return CommentHold.REVIEW
    lowered = as_displayed(text).casefold()
    words = set(re.findall(r"\w+", lowered))
    for held in settings.COMMENT_HELD_WORDS:
        held = as_displayed(held).casefold()
        if (held in words) if held.isalnum() else (held in lowered):
            return CommentHold.REVIEW
    return ""


def post_comment(
    *,
    article: Article,
    name: str,
    email: str,
    text: str,
    language: str,
    parent: Comment | None = None,
    ip_hash: str = "",
) -> Comment:
    """Take a reader's comment. Side effects: a new Comment, published at once (its address
    has a published comment, and nothing holds it), or held: for the address's confirmation
    (the confirmation email due), for a moderator, or silently over the per-IP rate limit.
    Raises ValidationError for a closed article, a reply to a reply, or the same comment twice
    from one address."""
    if not comments_open(article):
        raise ValidationError(_("Comments on this article are closed."), code="closed")
    if parent is not None and (parent.parent_id is not None or parent.article_id != article.pk):
        raise ValidationError(NO_REPLY_TARGET, code="parent")
    text = text.strip()
    normalised = normalise_email(email)
    duplicate = Comment.objects.filter(
        article=article, email_normalised=normalised, text=text
    ).exclude(status=CommentStatus.REJECTED)
    if duplicate.exists():
        raise ValidationError(_("You have already posted this comment."), code="duplicate")
    now = timezone.now()
    comment = Comment(
        article=article,
        parent=parent,
        name=name,
        email=email,
        email_normalised=normalised,
        text=text,
        language=language,
        ip_hash=ip_hash,
    )
    held = review_reason(text)
    if selectors.address_has_approved_comment(normalised):
        comment.supporter = _supporter_of(normalised)
        comment.confirmed_at = now
        if not held:
            comment.status = CommentStatus.PUBLISHED
            comment.published_at = now
    elif _address_confirmed(normalised):
        comment.supporter = _supporter_of(normalised)
        comment.confirmed_at = now
        held = held or CommentHold.FIRST
    else:
        held = CommentHold.UNCONFIRMED
        comment.email_due = CommentEmail.CONFIRM
        comment.email_due_at = now
    comment.held_because = held
    if moderation.is_banned(normalised):
        # Turned down as it arrives; the poster sees what anyone held sees.
        comment.status = CommentStatus.REJECTED
        comment.published_at = None
        comment.email_due = ""
        comment.email_due_at = None
    comment.full_clean(exclude=["article", "parent", "supporter"])
    with transaction.atomic():
        comment.save()
        if ip_hash and limits.over_rate_limit(
            Comment.objects.filter(ip_hash=ip_hash, created_at__lte=comment.created_at),
            at=comment.created_at,
        ):
            # Held silently: the same page for the poster, no email, nothing public.
            Comment.objects.filter(pk=comment.pk).update(
                status=CommentStatus.HELD,
                held_because=CommentHold.LIMIT,
                published_at=None,
                email_due="",
                email_due_at=None,
            )
            comment.refresh_from_db()
    return comment


def _address_confirmed(normalised: str) -> bool:
    return Comment.objects.filter(email_normalised=normalised, confirmed_at__isnull=False).exists()


def _supporter_of(normalised: str) -> Supporter | None:
    return Supporter.objects.filter(email_normalised=normalised).first()


def confirm_state(comment: Comment) -> str:
    """For the confirm page: READY (show the button) or DONE (confirmed already)."""
    return READY if comment.confirmed_at is None else DONE


def confirm_comment_address(comment: Comment) -> str:
    """The commenter confirmed their address. Side effects: the Supporter (made or found);
    this comment and the address's other unconfirmed ones wait for a moderator now (held as a
    first comment, or for review); confirmation emails still due are dropped. Twice is
    harmless. Returns READY, or DONE if it was confirmed already."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if comment.confirmed_at is not None:
            return DONE
        supporter = upsert_supporter(
            email=comment.email, name=comment.name, language=comment.language
        )
        now = timezone.now()
        waiting = Comment.objects.filter(
            email_normalised=comment.email_normalised, confirmed_at__isnull=True
        )
        for row in waiting.select_for_update():
            row.supporter = supporter
            row.confirmed_at = now
            row.email_due = ""
            row.email_due_at = None
            if row.held_because == CommentHold.UNCONFIRMED:
                row.held_because = review_reason(row.text) or CommentHold.FIRST
            row.save(
                update_fields=[
                    "supporter",
                    "confirmed_at",
                    "email_due",
                    "email_due_at",
                    "held_because",
                ]
            )
    return READY


def withdraw_comment(comment: Comment) -> str:
    """The commenter takes their comment down. Side effects: the comment is deleted (replies
    to it stay, on their own). Twice is harmless."""
    Comment.objects.filter(pk=comment.pk).delete()
    return READY


def erase_commenter(comment: Comment) -> str:
    """The commenter asks for their data to be erased: the person, not only this comment.
    Side effects: a confirmed commenter's Supporter is erased (every app's rows, this one's
    through the receivers); otherwise the comments of this address are deleted."""
    supporter_id = Comment.objects.filter(pk=comment.pk).values_list("supporter", flat=True).first()
    if supporter_id is not None:
        erase_supporter(supporter=Supporter.objects.get(pk=supporter_id))
    else:
        delete_comments(Comment.objects.filter(email_normalised=comment.email_normalised))
    return READY


def delete_comments(comments: QuerySet[Comment]) -> int:
    """Delete these comments (replies to them stay). Returns how many."""
    return comments.delete()[1].get("newsroom.Comment", 0)


def comment_export(comment: Comment) -> dict[str, object]:
    """One comment as its author's data export shows it."""
    return {
        "article": comment.article.title,
        "name": comment.name,
        "email": comment.email,
        "text": comment.text,
        "status": comment.status,
        "posted_at": comment.created_at.isoformat(),
        "published_at": comment.published_at.isoformat() if comment.published_at else None,
    }


def commenter_data(comment: Comment) -> dict[str, object]:
    """What we hold about the person behind this comment: their Supporter record (all apps),
    or this address's comments if it was never confirmed."""
    if comment.supporter is not None:
        return export_supporter(supporter=comment.supporter)
    rows = Comment.objects.filter(email_normalised=comment.email_normalised).select_related(
        "article"
    )
    return {"comments": [comment_export(row) for row in rows]}
