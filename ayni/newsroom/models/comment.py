"""Readers' comments on articles, and their reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.validators import validate_plain_text, validate_single_line
from ayni.newsroom.enums import CommentEmail, CommentHold, CommentStatus
from ayni.newsroom.models.article import Article
from ayni.supporters.models import Supporter
from ayni.supporters.normalise import masked_email
from ayni.supporters.outbox import EmailOutbox, outbox_index


class Comment(EmailOutbox):
    """One reader's comment on an article, or a reply to one (one level: a reply's parent is a
    comment that is not itself a reply; `services.comments` checks it). Its own outbox: the
    email that confirms a first-time address."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        # A reply outlives the comment it answered (its author withdrew it): it stands alone.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    name = models.CharField(
        _("name"), max_length=120, validators=[validate_plain_text, validate_single_line]
    )
    # Never shown to the public; the normalised form says whether an address has an approved
    # comment (and so posts directly).
    email = models.EmailField(_("email"), max_length=254)
    email_normalised = models.CharField(_("normalised email"), max_length=254, db_index=True)
    text = models.TextField(_("comment"), validators=[validate_plain_text])
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.HELD
    )
    held_because = models.CharField(
        _("held because"), max_length=12, choices=CommentHold.choices, blank=True, default=""
    )
    email_due = models.CharField(
        _("email due"), max_length=10, choices=CommentEmail.choices, blank=True, default=""
    )
    supporter = models.ForeignKey(
        Supporter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supporter"),
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    # When the moderators were told it waits for them (once per hold).
    moderators_told_at = models.DateTimeField(_("moderators told"), null=True, blank=True)
    # The author of a removed or rejected comment asked for another look.
    appealed_at = models.DateTimeField(_("appealed"), null=True, blank=True)
    ip_hash = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            # A reply is never its own parent (deeper nesting is the service's check: a
            # constraint cannot look at another row).
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="comment_not_own_parent"
            ),
            # A published comment says when it went public.
            models.CheckConstraint(
                condition=~models.Q(status=CommentStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="comment_published_has_moment",
            ),
        ]
        permissions = [
            # Organisers (who hold every newsroom permission); moderators and read-only staff
            # see a masked address (admin.py), which is all reviewing a comment needs.
            ("see_commenter_email", _("Can see commenters' email addresses")),
        ]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            models.Index(fields=["ip_hash", "created_at"], name="comment_ip_recent_idx"),
            outbox_index("comment_outbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


class CommentReport(models.Model):
    """A reader's report of a published comment: one per comment and client (keyed IP hash)."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    ip_hash = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            # One reader counts once, however often they press the button.
            models.UniqueConstraint(fields=["comment", "ip_hash"], name="comment_report_once"),
        ]

    def __str__(self) -> str:
        return f"{self.comment_id} @ {self.created_at:%Y-%m-%d}"


class CommentBan(models.Model):
    """An address a moderator banned: its comments are turned down as they arrive."""

    email_normalised = models.CharField(_("normalised email"), max_length=254, unique=True)
    created_at = models.DateTimeField(_("banned"), auto_now_add=True)

    class Meta:
        verbose_name = _("banned commenter")
        verbose_name_plural = _("banned commenters")

    def __str__(self) -> str:
        # Masked: the name shows in every role's back office (headings, History, checkboxes);
        # organisers read the address itself in its column.
        return masked_email(self.email_normalised)


class ModeratorNotice(EmailOutbox):
    """One moderator told that one comment waits for them, with signed links to approve or
    reject it: its own outbox (ayni.supporters.outbox), so each notice is sent once, however
    often a worker dies, and retried until the mail server takes it."""

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="moderator_notices",
        verbose_name=_("comment"),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("moderator"),
    )
    # The hold it tells of (the comment's `moderators_told_at` when the notices were made): a
    # comment held again after readers report it is told of again, each hold once.
    hold = models.DateTimeField(_("hold"))
    email_due = models.CharField(
        _("email due"), max_length=10, choices=CommentEmail.choices, blank=True, default=""
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("moderator notice")
        verbose_name_plural = _("moderator notices")
        constraints = [
            # Each moderator is told of each hold once, however often the job runs.
            models.UniqueConstraint(
                fields=["comment", "moderator", "hold"], name="moderator_notice_once_per_hold"
            ),
        ]
        indexes = [outbox_index("moderator_notice_outbox_idx")]

    def __str__(self) -> str:
        return f"{self.comment_id} → {self.moderator_id}"
