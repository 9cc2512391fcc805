"""Signed links of comments, one salt per purpose (ayni.supporters.links).

CONFIRM confirms a first-time commenter's address (lifetime SIGNATURE_CONFIRM_DAYS, as a
signature's); MANAGE opens the commenter's own pages for one comment (withdraw it, their data,
erase); MODERATE lets a moderator approve or reject a held comment from the notification
email (as long as a confirmation link).
"""

from ayni.supporters.links import SignedLink

CONFIRM = SignedLink(salt="ayni.newsroom.comment.confirm", days_setting="SIGNATURE_CONFIRM_DAYS")
MANAGE = SignedLink(salt="ayni.newsroom.comment.manage", days_setting="SIGNATURE_LINK_DAYS")
MODERATE = SignedLink(salt="ayni.newsroom.comment.moderate", days_setting="SIGNATURE_CONFIRM_DAYS")
