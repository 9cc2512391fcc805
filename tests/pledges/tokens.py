"""The pledge's links: its own salts, lifetimes from the same settings as signatures'."""

from django.utils.translation import gettext_lazy as _

from ayni.supporters.consent import ConsentText
from ayni.supporters.links import SignedLink

CONFIRM = SignedLink(salt="tests.pledges.confirm", days_setting="SIGNATURE_CONFIRM_DAYS")
WITHDRAW = SignedLink(salt="tests.pledges.withdraw", days_setting="SIGNATURE_LINK_DAYS")

# The pledge's own consent purpose, declared in platform.py (kept here, below services).
PLEDGE_CONSENT = ConsentText(
    purpose="pledge",
    version="test-v1",
    text=_("I pledge to stand with the campaign."),
    label="Pledge",
)
