"""The members' answers when a supporter asks for their data or its erasure (connected in
apps.py): their news subscription and their membership."""

from __future__ import annotations

from typing import Any

from ayni.members import selectors
from ayni.members.services import membership, subscriptions
from ayni.supporters.models import Supporter
from ayni.supporters.signals import supporter_erasing, supporter_exporting


def on_supporter_exporting(
    sender: object, *, supporter: Supporter, **kwargs: Any
) -> dict[str, Any]:
    member = selectors.member_of_supporter(supporter.pk)
    subscription = selectors.subscription_of_supporter(supporter.pk)
    return {
        "membership": membership.member_export(member) if member else None,
        "news_subscription": (
            subscriptions.subscription_export(subscription) if subscription else None
        ),
    }


def on_supporter_erasing(sender: object, *, supporter: Supporter, **kwargs: Any) -> None:
    subscriptions.delete_subscriptions(selectors.supporter_subscriptions(supporter.pk))
    member = selectors.member_of_supporter(supporter.pk)
    if member is not None:
        membership.delete_member(member)


def connect() -> None:
    supporter_exporting.connect(on_supporter_exporting, dispatch_uid="members.export")
    supporter_erasing.connect(on_supporter_erasing, dispatch_uid="members.erase")
