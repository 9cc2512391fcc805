"""Subscribing to the campaign's news: a supporter action, double opt-in like a signature.

The form's answer is the same whatever the address's history ("check your inbox"): a new or
lapsed address is sent a confirmation link; one subscribed already is sent a note saying so
(with the link to unsubscribe), so the page tells nobody who subscribes. Confirming records
the consent to the mailings, word for word, and may remember the browser that confirmed as a
subscriber's (`services.readers`). Unsubscribing withdraws that consent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ayni.members.enums import NEWS_CONSENT, SubscriptionEmail, SubscriptionStatus
from ayni.members.models import Subscription
from ayni.supporters.confirm_page import DONE, READY
from ayni.supporters.retention import Erased, link_sent_since
from ayni.supporters.services import (
    erase_unheld_supporters,
    record_consent,
    upsert_supporter,
    withdraw_consent,
)

GONE = "gone"  # the subscription ended since the link was sent


def _make_due(subscription: Subscription, kind: str, now: datetime) -> None:
    subscription.email_due = kind
    subscription.email_due_at = now
    subscription.email_queued_at = None


@transaction.atomic
def subscribe(
    *, email: str, name: str, language: str, next_path: str = "", ip_hash: str = ""
) -> Subscription:
    """Take the form. Side effects, in one transaction: the Supporter for the address (made
    if new: only the address, the name waits for the confirmation); its Subscription made
    or made PENDING again with its confirmation email due; subscribed already: only the
    "subscribed already" email due. The per-IP limit is judged when the email is due to go
    (services.emails)."""
    supporter = upsert_supporter(email=email)
    now = timezone.now()
    subscription = Subscription.objects.select_for_update().filter(supporter=supporter).first()
    if subscription is None:
        subscription = Subscription(supporter=supporter, created_at=now)
    subscription.requested_at = now
    subscription.ip_hash = ip_hash
    if subscription.status == SubscriptionStatus.CONFIRMED:
        _make_due(subscription, SubscriptionEmail.AGAIN, now)
    else:
        subscription.status = SubscriptionStatus.PENDING
        subscription.name = name
        subscription.language = language
        subscription.next_path = next_path
        _make_due(subscription, SubscriptionEmail.CONFIRM, now)
    subscription.full_clean(validate_unique=False)
    subscription.save()
    return subscription


def subscription_state(subscription: Subscription) -> str:
    """What a confirmation link of this subscription would do: READY, DONE or GONE."""
    if subscription.status == SubscriptionStatus.CONFIRMED:
        return DONE
    if subscription.status == SubscriptionStatus.UNSUBSCRIBED:
        return GONE
    return READY


@transaction.atomic
def confirm_subscription(subscription: Subscription) -> str:
    """The confirmation link's button. Side effects, once (a second press finds it DONE): the
    subscription CONFIRMED; the Supporter given the name and language of the form; the
    consent to the news mailings recorded in the form's language; the confirmation email
    still due dropped. Returns READY (confirmed now), DONE or GONE."""
    locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
    state = subscription_state(locked)
    if state != READY:
        return state
    now = timezone.now()
    supporter = upsert_supporter(
        email=locked.supporter.email, name=locked.name, language=locked.language
    )
    record_consent(
        supporter=supporter,
        purpose=NEWS_CONSENT.purpose,
        language=locked.language,
        source="members:subscribe",
        given_at=locked.requested_at,
    )
    Subscription.objects.filter(pk=locked.pk).update(
        status=SubscriptionStatus.CONFIRMED,
        confirmed_at=now,
        unsubscribed_at=None,
        name="",
        email_due="",
        email_due_at=None,
        email_queued_at=None,
    )
    subscription.refresh_from_db()
    return READY


@transaction.atomic
def unsubscribe(subscription: Subscription) -> str:
    """The unsubscribe link's button. Side effects: the subscription UNSUBSCRIBED, its
    consent withdrawn, any email still due dropped (a browser it marked is no longer a
    subscriber's). Returns READY, or DONE if it had ended already."""
    locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if locked.status == SubscriptionStatus.UNSUBSCRIBED:
        return DONE
    Subscription.objects.filter(pk=locked.pk).update(
        status=SubscriptionStatus.UNSUBSCRIBED,
        unsubscribed_at=timezone.now(),
        email_due="",
        email_due_at=None,
        email_queued_at=None,
    )
    withdraw_consent(supporter=locked.supporter, purpose=NEWS_CONSENT.purpose)
    subscription.refresh_from_db()
    return READY


def subscription_export(subscription: Subscription) -> dict[str, object]:
    """A subscription as the subscriber's data export shows it."""
    return {
        "status": subscription.status,
        "language": subscription.language,
        "created_at": subscription.created_at.isoformat(),
        "confirmed_at": _iso(subscription.confirmed_at),
        "unsubscribed_at": _iso(subscription.unsubscribed_at),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def erase_subscription(subscription: Subscription) -> str:
    """The erase link's button: the subscription goes (its consent withdrawn first, so the
    record says it ended), and the Supporter too if nothing else holds them. Returns READY."""
    with transaction.atomic():
        withdraw_consent(supporter=subscription.supporter, purpose=NEWS_CONSENT.purpose)
        Subscription.objects.filter(pk=subscription.pk).delete()
    erase_unheld_supporters(supporter_ids=[subscription.supporter_id])
    return READY


def delete_subscriptions(subscriptions: Sequence[Subscription]) -> int:
    """Their Supporter is being erased: their subscriptions go. Returns how many."""
    return Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).delete()[0]


def erase_unconfirmed_subscriptions(*, ids: list[int], before: datetime) -> Erased:
    """Subscriptions never confirmed whose links went out before `before` (ayni.supporters.
    retention): locked, and those still so deleted. Returns them and the Supporters they
    named (erased by retention if nothing else holds them)."""
    with transaction.atomic():
        expired = list(
            Subscription.objects.select_for_update()
            .filter(pk__in=ids, status=SubscriptionStatus.PENDING)
            .exclude(link_sent_since(before))
            .values_list("pk", "supporter_id")
        )
        Subscription.objects.filter(pk__in=[pk for pk, _ in expired]).delete()
    return Erased(forms=len(expired), supporter_ids=frozenset(s for _, s in expired))


@transaction.atomic
def set_subscription(*, supporter_id: int, on: bool, language: str) -> Subscription | None:
    """A signed-in member turns the news on or off on their account page (their address is
    proven by signing in: no confirmation email). Side effects: on: their Subscription made
    or made CONFIRMED, the consent recorded; off: `unsubscribe`. Returns the subscription."""
    subscription = (
        Subscription.objects.select_for_update().filter(supporter_id=supporter_id).first()
    )
    if not on:
        if subscription is not None:
            unsubscribe(subscription)
        return subscription
    if subscription is not None and subscription.status == SubscriptionStatus.CONFIRMED:
        return subscription
    now = timezone.now()
    subscription = subscription or Subscription(supporter_id=supporter_id, created_at=now)
    subscription.status = SubscriptionStatus.CONFIRMED
    subscription.language = language
    subscription.requested_at = subscription.confirmed_at = now
    subscription.unsubscribed_at = None
    subscription.email_due, subscription.email_due_at, subscription.email_queued_at = "", None, None
    subscription.full_clean(validate_unique=False)
    subscription.save()
    record_consent(
        supporter=subscription.supporter,
        purpose=NEWS_CONSENT.purpose,
        language=language,
        source="members:account",
        given_at=now,
    )
    return subscription
