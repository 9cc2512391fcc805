"""Signed links in the members' emails, one salt per purpose (ayni.supporters.links).

CONFIRM names a news subscription and confirms it (SIGNATURE_CONFIRM_DAYS, as a signature's);
MANAGE names it too, for its footer's links (unsubscribe, see the data, erase), as long as an
email's footer link should work (SIGNATURE_LINK_DAYS); SIGN_IN names one SignInLink row, for MEMBER_SIGN_IN_MINUTES, and the row
says whether it was used already.
"""

from ayni.supporters.links import SignedLink

CONFIRM = SignedLink(
    salt="ayni.members.subscription.confirm", days_setting="SIGNATURE_CONFIRM_DAYS"
)
MANAGE = SignedLink(salt="ayni.members.subscription.manage", days_setting="SIGNATURE_LINK_DAYS")
SIGN_IN = SignedLink(salt="ayni.members.sign_in", minutes_setting="MEMBER_SIGN_IN_MINUTES")
