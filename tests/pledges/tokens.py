"""The pledge's links: its own salts, lifetimes from the same settings as signatures'."""

from ayni.supporters.links import SignedLink

CONFIRM = SignedLink(salt="tests.pledges.confirm", days_setting="SIGNATURE_CONFIRM_DAYS")
WITHDRAW = SignedLink(salt="tests.pledges.withdraw", days_setting="SIGNATURE_LINK_DAYS")
