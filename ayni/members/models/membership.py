"""Tiers, members, and the payment provider's events already handled."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.models import Bilingual
from ayni.core.validators import validate_plain_text, validate_single_line
from ayni.members.enums import MemberSource, PaymentEventType, TierKind
from ayni.supporters.models import Supporter


class Tier(Bilingual, models.Model):
    """A kind of membership organisers offer: free, paid, solidarity (reduced or no fee) or
    gifted. `full_access` tiers read members-only articles."""

    slug = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("What the payment provider's messages call this tier."),
    )
    name_en = models.CharField(
        _("name (English)"), max_length=80, validators=[validate_plain_text, validate_single_line]
    )
    name_es = models.CharField(
        _("name (Spanish)"),
        max_length=80,
        blank=True,
        validators=[validate_plain_text, validate_single_line],
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TierKind.choices)
    full_access = models.BooleanField(
        _("reads members-only articles"),
        default=False,
        help_text=_("Paid, solidarity and gifted tiers usually do; the free tier does not."),
    )

    class Meta:
        ordering = ["kind", "name_en"]
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")

    def __str__(self) -> str:
        return self.text("name")


class Member(models.Model):
    """One supporter's membership (at most one each): its tier, until when, and who gave it.
    A member signs in by email (a magic link); there is no password."""

    supporter = models.OneToOneField(
        Supporter, on_delete=models.CASCADE, related_name="member", verbose_name=_("supporter")
    )
    # A tier in use cannot be deleted: its members would lose their membership silently.
    tier = models.ForeignKey(
        Tier, on_delete=models.PROTECT, related_name="members", verbose_name=_("tier")
    )
    valid_until = models.DateTimeField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Empty: no end. After this moment the tier no longer opens anything."),
    )
    source = models.CharField(_("granted through"), max_length=10, choices=MemberSource.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(_("member since"), default=timezone.now)
    updated_at = models.DateTimeField(_("tier changed"), default=timezone.now)
    last_sign_in_at = models.DateTimeField(_("last signed in"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [models.Index(fields=["tier", "valid_until"], name="members_member_tier_idx")]

    def __str__(self) -> str:
        return str(self.supporter)

    def has_full_access(self, now: datetime | None = None) -> bool:
        """Does the tier read members-only articles, and is it still valid?"""
        moment = now or timezone.now()
        return self.tier.full_access and (self.valid_until is None or self.valid_until > moment)


class PaymentEvent(models.Model):
    """An event from the payment provider's webhook, handled once: its id is unique, so a
    replayed event is refused. Nothing personal is kept here."""

    event_id = models.CharField(_("event id"), max_length=100, unique=True)
    type = models.CharField(_("type"), max_length=40, choices=PaymentEventType.choices)
    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # When the provider made the event (its `created`, if it sends one): an event made before
    # one already acted on for the same member arrived late and is not acted on.
    created_at = models.DateTimeField(_("made by the provider"), null=True, blank=True)
    superseded = models.BooleanField(
        _("superseded"),
        default=False,
        help_text=_("Arrived after a later event for the same member: recorded, not acted on."),
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
