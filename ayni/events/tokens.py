"""Signed links in a registrant's emails, one salt per purpose (ayni.supporters.links).

CONFIRM names the confirmation email (an EventEmail) and confirms its registration's address (lifetime SIGNATURE_CONFIRM_DAYS, as a
signature's); MANAGE opens the registrant's own page (cancel, calendar file, their data,
erase); JOIN leads to the meeting. The last two last SIGNATURE_LINK_DAYS, well past the event,
so the recording and report-back stay one click away.
"""

from ayni.supporters.links import SignedLink

CONFIRM = SignedLink(salt="ayni.events.confirm", days_setting="SIGNATURE_CONFIRM_DAYS")
MANAGE = SignedLink(salt="ayni.events.manage", days_setting="SIGNATURE_LINK_DAYS")
JOIN = SignedLink(salt="ayni.events.join", days_setting="SIGNATURE_LINK_DAYS")
