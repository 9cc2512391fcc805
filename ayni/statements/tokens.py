"""Signed links in signature emails: nobody can confirm or withdraw someone else's signature.

A token names one Submission (the sending of the form the email answers) and carries the time
it was made: confirmation links expire after SIGNATURE_CONFIRM_DAYS, the withdraw, data and
erase links after SIGNATURE_LINK_DAYS.
"""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "ayni.statements.confirm"
WITHDRAW_SALT = "ayni.statements.withdraw"


class Link(NamedTuple):
    submission_id: int | None  # None: forged, mangled, or for another kind of link
    expired: bool = False


def make_token(submission_id: int, salt: str) -> str:
    return signing.dumps(submission_id, salt=salt, compress=False)


def max_age_seconds(salt: str) -> int:
    days = settings.SIGNATURE_CONFIRM_DAYS if salt == CONFIRM_SALT else settings.SIGNATURE_LINK_DAYS
    return days * 86400


def read_token(token: str, salt: str) -> Link:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age_seconds(salt))
    except signing.SignatureExpired:
        return Link(None, expired=True)
    except signing.BadSignature:
        return Link(None)
    return Link(value if isinstance(value, int) and not isinstance(value, bool) else None)
