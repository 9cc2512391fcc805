"""Signed links of comments, one salt per purpose (ayni.supporters.links).

CONFIRM confirms a first-time commenter's address (lifetime SIGNATURE_CONFIRM_DAYS, as a
signature's); MANAGE opens the commenter's own pages for one comment (withdraw it, their data,
erase); MODERATE lets a moderator approve or reject a held comment from the notification
email (as long as a confirmation link). METER signs the meter's cookie.
"""

from __future__ import annotations

import uuid

from django.core import signing

from ayni.supporters.links import SignedLink

CONFIRM = SignedLink(salt="ayni.newsroom.comment.confirm", days_setting="SIGNATURE_CONFIRM_DAYS")
MANAGE = SignedLink(salt="ayni.newsroom.comment.manage", days_setting="SIGNATURE_LINK_DAYS")
MODERATE = SignedLink(salt="ayni.newsroom.comment.moderate", days_setting="SIGNATURE_CONFIRM_DAYS")


# The meter's cookie names its reader (MeterReader's random id), signed with a salt of its own
# so no other signed value of the site passes for it. Its age is not checked: the reads kept
# on the server decide, so a replayed old cookie counts as its reader still does, and a reader
# purged with its reads makes its cookie a fresh meter.
METER_SALT = "ayni.newsroom.meter.reader"


def meter_cookie(reader_id: uuid.UUID) -> str:
    return signing.TimestampSigner(salt=METER_SALT).sign(str(reader_id))


def meter_reader_id(value: str) -> uuid.UUID | None:
    """The reader a meter cookie names, or None (missing, tampered, signed for something
    else, not an id)."""
    try:
        return uuid.UUID(signing.TimestampSigner(salt=METER_SALT).unsign(value))
    except (signing.BadSignature, ValueError):
        return None
