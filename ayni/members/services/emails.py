"""The members' emails, each row its own outbox (ayni.supporters.outbox): a subscription's
confirmation (or "subscribed already" note), and a sign-in link.

`prepare_*` decides, when the worker claims a row, whether its email is still due (a
confirmation for a subscription confirmed since is not; one asked for from an IP over the
rate limit is held, silently) and what it says.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from ayni.members import tokens
from ayni.members.enums import SubscriptionEmail, SubscriptionStatus
from ayni.members.models import SignInLink, Subscription
from ayni.supporters import limits, outbox
from ayni.supporters.emails import absolute_url

# Who each of a subscription's emails is for, by its status when it is sent.
FOR = {
    SubscriptionEmail.CONFIRM: {SubscriptionStatus.PENDING},
    SubscriptionEmail.AGAIN: {SubscriptionStatus.CONFIRMED},
}


def subscription_links(subscription: Subscription, *, confirm: bool = False) -> dict[str, str]:
    """The subscriber's links, in their language: the footer's `withdraw_url` unsubscribes."""
    language = subscription.language
    manage = tokens.MANAGE.make(subscription.pk)
    links = {
        "withdraw_url": absolute_url("members:unsubscribe", language=language, token=manage),
        "data_url": absolute_url("members:subscription_data", language=language, token=manage),
        "erase_url": absolute_url("members:subscription_erase", language=language, token=manage),
    }
    if confirm:
        links["confirm_url"] = absolute_url(
            "members:subscription_confirm",
            language=language,
            token=tokens.CONFIRM.make(subscription.pk),
        )
    return links


def send_subscription_email(
    row_id: int, connection: BaseEmailBackend, free: outbox.Unclaimed
) -> str:
    """Side effects: claims the row, sends its email if still due, empties its outbox."""
    return outbox.send_due(
        Subscription, row_id, prepare_subscription_email, connection=connection, free=free
    )


def prepare_subscription_email(row_id: int) -> outbox.DueEmail | str:
    row = Subscription.objects.select_related("supporter").get(pk=row_id)
    kind = SubscriptionEmail(row.email_due)
    if row.status not in FOR[kind]:
        return "no longer due"
    same_ip = Subscription.objects.filter(ip_hash=row.ip_hash, requested_at__lte=row.requested_at)
    if row.ip_hash and limits.over_rate_limit(same_ip, at=row.requested_at, field="requested_at"):
        return "held"
    return outbox.DueEmail(
        to=row.supporter.email,
        template=f"members/email/subscription_{kind}",
        context={"subscription": row, "name": row.name or row.supporter.name},
        language=row.language,
        links=subscription_links(row, confirm=kind == SubscriptionEmail.CONFIRM),
        # One message per request of the form: a resend after a crash has the same id.
        message_id_key=f"subscription-{row.pk}-{row.requested_at.timestamp():.0f}",
    )


def send_sign_in_email(row_id: int, connection: BaseEmailBackend, free: outbox.Unclaimed) -> str:
    """Side effects: claims the row, sends its email if still due, empties its outbox."""
    return outbox.send_due(
        SignInLink, row_id, prepare_sign_in_email, connection=connection, free=free
    )


def prepare_sign_in_email(row_id: int) -> outbox.DueEmail | str:
    row = SignInLink.objects.get(pk=row_id)
    if row.used_at is not None:
        return "no longer due"
    # A link that would arrive dead is not sent (the worker was down for longer).
    lifetime = timedelta(seconds=tokens.SIGN_IN.max_age_seconds)
    if row.created_at + lifetime < timezone.now():
        return "expired"
    same_ip = SignInLink.objects.filter(ip_hash=row.ip_hash, created_at__lte=row.created_at)
    if row.ip_hash and limits.over_rate_limit(same_ip, at=row.created_at):
        return "held"
    # One address asking again and again (someone else typing it) gets at most a few links.
    same_address = SignInLink.objects.filter(
        email_normalised=row.email_normalised, created_at__lte=row.created_at
    )
    if limits.over_rate_limit(same_address, at=row.created_at, windows=ADDRESS_WINDOWS):
        return "held"
    language = row.language
    account = {
        name: absolute_url(f"members:{view}", language=language)
        for name, view in (
            ("withdraw_url", "account"),
            ("data_url", "account_data"),
            ("erase_url", "account_erase"),
        )
    }
    return outbox.DueEmail(
        to=row.email,
        template="members/email/sign_in",
        context={"minutes": settings.MEMBER_SIGN_IN_MINUTES},
        language=language,
        links={
            **account,
            "sign_in_url": absolute_url(
                "members:sign_in", language=language, token=tokens.SIGN_IN.make(row.pk)
            ),
        },
        message_id_key=f"sign-in-{row.pk}",
    )


# Sign-in links to one address: at most 5 in 15 minutes and 20 a day.
ADDRESS_WINDOWS = ((5, 900), (20, 86400))
