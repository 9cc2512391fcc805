"""Signed links in a reporter's emails, one salt per purpose (ayni.supporters.links).

CONFIRM names the confirmation email (an AdoptionEmail) and confirms its report's address
(lifetime SIGNATURE_CONFIRM_DAYS, as a signature's); MANAGE opens the reporter's own page (the
report's status, their data, erase), for SIGNATURE_LINK_DAYS, long enough to hear of the
verification.
"""

from ayni.supporters.links import SignedLink

CONFIRM = SignedLink(salt="ayni.motions.confirm", days_setting="SIGNATURE_CONFIRM_DAYS")
MANAGE = SignedLink(salt="ayni.motions.manage", days_setting="SIGNATURE_LINK_DAYS")
