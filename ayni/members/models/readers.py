"""News subscriptions, sign-in links, and the browsers that stand for a subscriber or member."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.members.enums import SubscriptionEmail, SubscriptionStatus
from ayni.members.models.membership import Member
from ayni.supporters.models import Supporter
from ayni.supporters.outbox import EmailOutbox, outbox_index


class Subscription(EmailOutbox):
    """One supporter's subscription to the campaign's news (at most one each), double opt-in:
    PENDING until the link in its email is used, then CONFIRMED until they unsubscribe. Its
    own outbox: the confirmation (or, subscribed already, the "you are subscribed" note)."""

    supporter = models.OneToOneField(
        Supporter,
        on_delete=models.CASCADE,
        related_name="news_subscription",
        verbose_name=_("supporter"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.PENDING,
    )
    # The name given on the form, kept here until the address is confirmed (then the
    # Supporter's): a stranger typing someone's address cannot rename them.
    name = models.CharField(_("name"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    # Where the reader was (an article): the confirmation page leads back there.
    next_path = models.CharField(_("then go to"), max_length=500, blank=True)
    email_due = models.CharField(
        _("email due"), max_length=10, choices=SubscriptionEmail.choices, blank=True, default=""
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The last time the form was sent for this address: judged against the per-IP limits.
    requested_at = models.DateTimeField(_("last requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    ip_hash = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("news subscription")
        verbose_name_plural = _("news subscriptions")
        constraints = [
            # A confirmed subscription says when it was confirmed.
            models.CheckConstraint(
                condition=~models.Q(status=SubscriptionStatus.CONFIRMED)
                | models.Q(confirmed_at__isnull=False),
                name="members_sub_confirmed_has_moment",
            ),
        ]
        indexes = [
            outbox_index("members_sub_outbox_idx"),
            models.Index(fields=["ip_hash", "requested_at"], name="members_sub_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.supporter} ({self.get_status_display()})"


class SignInLink(EmailOutbox):
    """One emailed sign-in link ("magic link"), usable once, for MEMBER_SIGN_IN_MINUTES. The
    address is kept here, not as a Supporter, until the link is used: nobody is a member or
    a supporter because someone typed their address. Its own outbox: the link's email."""

    email = models.EmailField(_("email"), max_length=254)
    email_normalised = models.CharField(_("normalised email"), max_length=254, db_index=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    # Where to go once signed in (a local path, checked when the form was sent).
    next_path = models.CharField(_("then go to"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Set by the one POST that signs in with it (a conditional UPDATE): a replay is refused.
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    ip_hash = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        # Not in the back office: nobody needs to see someone's sign-in links.
        default_permissions = ()
        indexes = [
            outbox_index("members_signin_outbox_idx"),
            models.Index(fields=["ip_hash", "created_at"], name="members_signin_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.email_normalised} @ {self.created_at:%Y-%m-%d %H:%M}"


class ReaderSession(models.Model):
    """A browser's session that stands for a member or a confirmed subscriber.

    Why a table and not a value in the session: the article page asks every reader's standing
    (`selectors.reader_standing`), and reading the session, then the member's tier, would be
    two queries; this row joins the session (still live?) to the member's tier and the
    subscription in one. It goes with its session (signed out, key rotated, expired and
    cleared), as the foreign key says."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, null=True, blank=True, related_name="sessions"
    )
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, null=True, blank=True, related_name="sessions"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("reader's browser")
        verbose_name_plural = _("readers' browsers")
        # Not in the back office: a session is nobody's business but its browser's.
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.member_id or ''}/{self.subscription_id or ''}"
