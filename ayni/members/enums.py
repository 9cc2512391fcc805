"""The members app's choices and consent texts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ayni.supporters.consent import ConsentText


class TierKind(models.TextChoices):
    FREE = "free", pgettext_lazy("membership tier", "Free")
    PAID = "paid", pgettext_lazy("membership tier", "Paid")
    # Reduced or no fee, for readers who cannot pay the full one.
    SOLIDARITY = "solidarity", pgettext_lazy("membership tier", "Solidarity")
    GIFTED = "gifted", pgettext_lazy("membership tier", "Gifted")


class MemberSource(models.TextChoices):
    """Who set a member's tier last."""

    SIGN_UP = "sign_up", _("Signed up")
    ORGANISER = "organiser", _("Organiser")
    WEBHOOK = "webhook", _("Payment provider")


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SubscriptionEmail(models.TextChoices):
    """The emails a subscription can be due."""

    CONFIRM = "confirm", _("Confirm your subscription")
    AGAIN = "again", _("Subscribed already")


class PaymentEventType(models.TextChoices):
    ACTIVATED = "membership.activated", _("Membership activated")
    CANCELLED = "membership.cancelled", _("Membership cancelled")


NEWS_CONSENT = ConsentText(
    purpose="news_mailings",
    version="2026-11-v1",
    text=_(
        "Email me the campaign's news. We keep your email address, your name if you give it "
        "and your language only to send you our news; we never show them. You can "
        "unsubscribe at any time through the link in every email."
    ),
    label=_("Receive the campaign's news"),
)

MEMBERSHIP_CONSENT = ConsentText(
    purpose="membership",
    version="2026-11-v1",
    text=_(
        "We keep your email address to sign you in and to record your membership and its "
        "tier. We only email you the links you ask for. You can see your data or have it "
        "erased at any time from your account page."
    ),
    label=_("Membership"),
)
