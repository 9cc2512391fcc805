"""The members app's tables: tiers and members (membership.py), news subscriptions, sign-in
links and the browsers they stand for (readers.py)."""

from ayni.members.models.membership import Member, PaymentEvent, Tier
from ayni.members.models.readers import ReaderSession, SignInLink, Subscription

__all__ = ["Member", "PaymentEvent", "ReaderSession", "SignInLink", "Subscription", "Tier"]
